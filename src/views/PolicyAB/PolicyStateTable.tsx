/**
 * "State after this step" for the compared policies: one column per policy, a row per global
 * IDA, device and process, rows that differ marked "≠" in words.
 */
import type { ReactNode } from 'react';
import type { FinalState } from '../../engine/index.ts';
import { stateRows } from './stateRows.ts';

export function PolicyStateTable({
  headers,
  finals,
}: {
  /** Column headers, one per policy, in the order of `finals`. */
  headers: ReactNode[];
  finals: readonly FinalState[];
}) {
  const rows = stateRows(finals);
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
          <th scope="col">
            <span className="visually-hidden">Same or different</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.what} className={r.differs ? 'ab-differs' : ''} data-differs={r.differs ? 'true' : 'false'}>
            <th scope="row">{r.what}</th>
            {r.values.map((v, k) => (
              <td key={k}>{v}</td>
            ))}
            <td className="ab-mark">{r.differs ? '≠' : <span className="muted">=</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
