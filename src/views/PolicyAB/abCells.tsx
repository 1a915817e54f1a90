/**
 * Pieces the Policy A/B table and the all-policies matrix share: a result in one line, a row's
 * mark (never colour alone; abRows.ts says how a step not yet run is marked), and the summary's
 * links to the steps that differ.
 */
import type { Policy } from '../../engine/index.ts';
import { notInKernel } from '../../share/analysis.ts';
import type { ResultLite } from '../../share/analysis.ts';
import { resultSummary } from '../common/ResultText.tsx';
import type { AbMark } from './abRows.ts';

/** Steps the summary links to; more are left to the table. */
const JUMPS = 12;

/** A result; under a policy whose kernel lacks the step's function, "n/a", with the kernel's message as its title. */
export function Verdict({ r, policy }: { r: ResultLite | undefined; policy?: Policy | undefined }) {
  if (!r) return <span className="muted">–</span>;
  if (notInKernel(r, policy)) {
    return (
      <span className="muted" title={r.message}>
        n/a: not in this kernel
      </span>
    );
  }
  return <span className={r.ok ? 'ab-ok' : 'ab-err'}>{resultSummary(r)}</span>;
}

/** The last column's header: its cells are a row's "≠" or "=" mark. */
export function MarkHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Same or different</span>
    </th>
  );
}

export function Mark({ mark }: { mark: AbMark }) {
  switch (mark) {
    case 'differs':
      return <span title="results differ">≠</span>;
    case 'same':
      return <span className="muted">=</span>;
    case 'will-differ':
      return <span className="muted ab-will-differ">will differ</span>;
    case 'not-run':
      return (
        <span className="muted" title="not run yet">
          <span aria-hidden="true">·</span>
          <span className="visually-hidden">not run yet</span>
        </span>
      );
  }
}

/** "n of m steps differ: 4 5 12", each number a button to that step (or that none differ). */
export function DiffersSummary({
  differs,
  total,
  onJump,
}: {
  differs: readonly number[];
  total: number;
  onJump: (cursor: number) => void;
}) {
  if (differs.length === 0) return <>every step gives the same result.</>;
  return (
    <>
      {differs.length} of {total} steps differ:{' '}
      {differs.slice(0, JUMPS).map((i) => (
        <button
          key={i}
          type="button"
          className="btn-link ab-jump"
          aria-label={`Go to step ${i + 1}, which differs`}
          onClick={() => onJump(i + 1)}
        >
          {i + 1}
        </button>
      ))}
      {differs.length > JUMPS ? ' …' : ''}
    </>
  );
}
