/**
 * Policy A/B: the same scenario under a second policy, stepping in lockstep with the sandbox
 * (policy A). Every step's result side by side, the steps whose results differ marked "≠" (never
 * by colour alone; abRows.ts says how a step not yet run is marked), and both policies' state after
 * the current step.
 */
import type { FinalState, Policy, Step } from '../../engine/index.ts';
import { POLICIES } from '../../engine/index.ts';
import { useSandbox, useScenario } from '../../hooks/index.ts';
import type { ResultLite } from '../../share/analysis.ts';
import { setPolicyB } from '../../share/session.ts';
import { selectCursor, selectFramePolicy, useFrame } from '../../store/index.ts';
import { useShare } from '../Share/useShare.ts';
import { resultSummary } from '../common/ResultText.tsx';
import { stepText } from '../common/stepText.ts';
import { abWindow, windowLabel } from './abRows.ts';
import type { AbMark } from './abRows.ts';
import './policyAb.css';

function Verdict({ r }: { r: ResultLite | undefined }) {
  if (!r) return <span className="muted">–</span>;
  return <span className={r.ok ? 'ab-ok' : 'ab-err'}>{resultSummary(r)}</span>;
}

export function PolicyAbPanel({ compact = false }: { compact?: boolean }) {
  const policyA = useFrame(selectFramePolicy) as Policy | null;
  const policyB = useShare((s) => s.policyB);
  const others = POLICIES.filter((p) => p !== policyA);

  return (
    <section className="panel policy-ab" aria-labelledby="policy-ab-title" data-testid="policy-ab">
      <div className="ab-head">
        <h2 id="policy-ab-title">Policy A/B</h2>
        <label className="field inline">
          <span className="field-label">Compare with</span>
          <select
            value={policyB ?? ''}
            data-testid="policy-b-select"
            onChange={(e) => setPolicyB(e.target.value === '' ? undefined : (e.target.value as Policy))}
          >
            <option value="">(no comparison)</option>
            {others.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!policyB ? (
        compact ? null : (
          <p className="muted ab-empty">Pick a second policy to run this scenario under both, step by step.</p>
        )
      ) : (
        <AbComparison policyB={policyB} />
      )}
    </section>
  );
}

/** The comparison itself: it follows the cursor, so only a panel with a second policy re-renders per step. */
function AbComparison({ policyB }: { policyB: Policy }) {
  const sb = useSandbox();
  const scenario = useScenario();
  const cursor = useFrame(selectCursor);
  const ab = useShare((s) => s.ab);
  const at = useShare((s) => s.at);
  return !ab || !scenario || ab.policyB !== policyB ? (
    <p className="muted">Running both policies…</p>
  ) : (
    <>
      <p data-testid="ab-summary">
        <strong>A</strong> {ab.policyA} vs <strong>B</strong> {ab.policyB}:{' '}
        {ab.differs.length === 0 ? (
          'every step gives the same result.'
        ) : (
          <>
            {ab.differs.length} of {ab.a.length} steps differ:{' '}
            {ab.differs.slice(0, 12).map((i) => (
              <button
                key={i}
                type="button"
                className="btn-link ab-jump"
                aria-label={`Go to step ${i + 1}, which differs`}
                onClick={() => sb.root.send({ type: 'sim.seek', cursor: i + 1 })}
              >
                {i + 1}
              </button>
            ))}
            {ab.differs.length > 12 ? ' …' : ''}
          </>
        )}
      </p>
      <AbSteps steps={scenario.steps} a={ab.a} b={ab.b} differs={ab.differs} cursor={cursor} />
      {at && at.b && at.cursor === cursor ? <AbState a={at.a} b={at.b} /> : null}
    </>
  );
}

function AbSteps({
  steps,
  a,
  b,
  differs,
  cursor,
}: {
  steps: Step[];
  a: ResultLite[];
  b: ResultLite[];
  differs: number[];
  cursor: number;
}) {
  const w = abWindow(steps.length, cursor, differs);
  return (
    <table className="ab-table" data-testid="ab-table">
      <caption className="ab-window" data-testid="ab-window">
        {windowLabel(w)}
      </caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Step</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <th scope="col">
            <span className="visually-hidden">Same or different</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {w.rows.map(({ i, done, current, mark }) => {
          const step = steps[i];
          return (
            <tr
              key={i}
              className={`${mark === 'differs' ? 'ab-differs' : ''}${current ? ' ab-current' : ''}${done ? '' : ' ab-pending'}`}
              aria-current={current ? 'step' : undefined}
              data-testid={`ab-row-${i}`}
              data-differs={mark === 'differs' ? 'true' : 'false'}
              data-mark={mark}
            >
              <td>{i + 1}</td>
              <td>
                <code>{step ? stepText(step) : '?'}</code>
              </td>
              <td>{done ? <Verdict r={a[i]} /> : <span className="muted">pending</span>}</td>
              <td>{done ? <Verdict r={b[i]} /> : <span className="muted">pending</span>}</td>
              <td className="ab-mark">
                <Mark mark={mark} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Mark({ mark }: { mark: AbMark }) {
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

function AbState({ a, b }: { a: FinalState; b: FinalState }) {
  const rows: { what: string; a: string; b: string }[] = [
    { what: 'Global IDA', a: a.globalPasids.join(', ') || 'none', b: b.globalPasids.join(', ') || 'none' },
  ];
  for (const [id, d] of Object.entries(a.devices)) {
    rows.push({
      what: `${id} PASIDs`,
      a: d.pasids.join(', ') || 'none',
      b: b.devices[id]?.pasids.join(', ') || 'none',
    });
  }
  for (const [id, p] of Object.entries(a.procs)) {
    const q = b.procs[id];
    const fmt = (x: { pasid: number | null; alive: boolean } | undefined): string =>
      x ? `${x.pasid ?? '–'}${x.alive ? '' : ' (exited)'}` : '–';
    rows.push({ what: `${id} mm PASID`, a: fmt(p), b: fmt(q) });
  }
  return (
    <table className="ab-table ab-state" data-testid="ab-state">
      <caption>State after this step</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          <th scope="col">A</th>
          <th scope="col">B</th>
          <th scope="col">
            <span className="visually-hidden">Same or different</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.what} className={r.a !== r.b ? 'ab-differs' : ''}>
            <th scope="row">{r.what}</th>
            <td>{r.a}</td>
            <td>{r.b}</td>
            <td className="ab-mark">{r.a !== r.b ? '≠' : <span className="muted">=</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
