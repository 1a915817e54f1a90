import { useRef, useState } from 'react';
import { frameStore, selectProc, useFrame, useUiStore } from '../../store/index.ts';

const MAX_ROWS = 30;

export function ProcessTable() {
  const [filter, setFilter] = useState('');
  // Re-render only when a shown row changed: the model is mutated in place, so select the
  // version of the last publication that touched the first MAX_ROWS rows (any row when filtering).
  const seen = useRef(0);
  useFrame((s) => {
    const f = s.frame;
    if (!f) return 0;
    let touched = f.changes.full || filter !== '';
    for (const i of f.changes.procs) if (i < MAX_ROWS) touched = true;
    if (touched) seen.current = f.version;
    return seen.current;
  });
  const selected = useUiStore((s) => s.selection.proc);
  const m = frameStore.getState().frame?.model;
  if (!m) return null;
  const total = m.procCount;
  const shown: string[] = [];
  for (let i = 0; i < total && shown.length < MAX_ROWS; i++) {
    const id = m.procAt(i)?.id;
    if (id !== undefined && id.includes(filter)) shown.push(id);
  }
  return (
    <div className="cards-block">
      <div className="block-head">
        <h3>Processes</h3>
        {total > MAX_ROWS ? (
          <label className="field inline">
            <span className="field-label">Filter processes</span>
            <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="id contains…" />
          </label>
        ) : null}
      </div>
      <div
        className={`table-scroll${shown.length > 10 ? ' procs-scroll' : ''}`}
        tabIndex={0}
        aria-label="Processes, scrollable"
      >
        <table className="procs" data-testid="process-table">
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">State</th>
              <th scope="col">mm PASID</th>
              <th scope="col">ENQCMD PASID</th>
              <th scope="col">Thread MSRs</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((id) => {
              const p = m.proc(id);
              if (!p) return null;
              const isSel = selected === id;
              return (
                <tr key={id} className={isSel ? 'row-selected' : undefined} data-testid={`proc-row-${id}`}>
                  <th scope="row">
                    <button
                      type="button"
                      className="btn-link"
                      aria-pressed={isSel}
                      onClick={() => selectProc(isSel ? null : id)}
                    >
                      {id}
                    </button>
                  </th>
                  <td>{p.alive ? 'running' : p.mmLive ? 'exited (mm pinned)' : 'exited'}</td>
                  <td>{p.mmPasid ?? '—'}</td>
                  <td>{p.pasid ?? 'INVALID'}</td>
                  <td>{p.msr.map((v) => (v === null ? '·' : v)).join(' ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {total > shown.length ? (
        <p className="muted">{total - shown.length} more processes (filter to find one)</p>
      ) : null}
    </div>
  );
}
