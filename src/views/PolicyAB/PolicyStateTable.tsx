/**
 * "State after this step" for the compared policies: one column per policy (A and B, or all
 * four), a row per global IDA, device and process, rows that differ marked "≠" in words. In the
 * matrix (`against`), a cell that differs from the running policy's says so too.
 */
import type { ReactNode } from 'react';
import type { FinalState } from '../../engine/index.ts';
import { MarkHeader } from './abCells.tsx';
import { shownStateRows, stateRows } from './stateRows.ts';

export function PolicyStateTable({
  headers,
  finals,
  against,
}: {
  /** Column headers, one per policy, in the order of `finals`. */
  headers: ReactNode[];
  finals: readonly FinalState[];
  /** The running policy's column, to mark each other cell that differs from it; none for A/B. */
  against?: { index: number; policy: string } | undefined;
}) {
  const { rows, sameHidden, differsHidden } = shownStateRows(stateRows(finals));
  const hidden = [
    differsHidden > 0 ? `${differsHidden.toLocaleString('en')} more rows that differ` : '',
    sameHidden > 0 ? `${sameHidden.toLocaleString('en')} rows where every policy agrees` : '',
  ].filter((t) => t !== '');
  return (
    <table className="ab-table ab-state" data-testid="ab-state">
      <caption>State after this step</caption>
      <thead>
        <tr>
          <th scope="col">What</th>
          {headers.map((h, k) => (
            <th key={k} scope="col">
              {h}
            </th>
          ))}
          <MarkHeader />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.what} className={r.differs ? 'ab-differs' : ''} data-differs={r.differs ? 'true' : 'false'}>
            <th scope="row">{r.what}</th>
            {r.values.map((v, k) => {
              const base = against ? r.values[against.index] : undefined;
              return (
                <td key={k}>
                  {against && k !== against.index && v !== base ? <DiffersFrom policy={against.policy} /> : null}
                  {v}
                </td>
              );
            })}
            <td className="ab-mark">{r.differs ? '≠' : <span className="muted">=</span>}</td>
          </tr>
        ))}
        {hidden.length > 0 ? (
          <tr data-testid="ab-state-hidden">
            <td colSpan={headers.length + 2} className="muted">
              Not shown: {hidden.join('; ')}.
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}

/** A cell's own mark: "≠" before its value, read as "differs from global:". */
export function DiffersFrom({ policy }: { policy: string }) {
  return (
    <span className="pm-cell-mark" title={`differs from ${policy}`}>
      <span aria-hidden="true">≠ </span>
      <span className="visually-hidden">differs from {policy}: </span>
    </span>
  );
}
