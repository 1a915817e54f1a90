import { useState } from 'react';
import { useSandbox, useRoot } from '../../hooks/index.ts';
import { frameStore, selectProc, selectVersion, useFrame } from '../../store/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field } from '../common/Field.tsx';
import { useBlocker } from './useBlocker.ts';

/** One process: its mm's PASID, thread MSRs, and exit / fork / ENQCMD. */
export function ProcessInspector({ proc }: { proc: string }) {
  const { root } = useSandbox();
  useFrame(selectVersion);
  const model = frameStore.getState().frame?.model;
  const p = model?.proc(proc);
  const devices = model?.deviceIds() ?? [];
  const [devPick, setDev] = useState<string | null>(null);
  const dev =
    devPick !== null && devices.includes(devPick)
      ? devPick
      : (devices.find((d) => model?.device(d)?.enqcmd) ?? devices[0] ?? '');
  const [thread, setThread] = useState(0);
  const [child, setChild] = useState(`${proc}c`);
  const busy = useRoot((s) => s.matches({ ready: 'acting' }));
  const b = {
    exit: useBlocker({ op: 'exit', proc }),
    fork: useBlocker({ op: 'fork', proc, child }),
    enqcmd: useBlocker(dev ? { op: 'enqcmd', proc, dev, thread } : null),
  };
  if (!p) return null;
  const bonds = devices.flatMap((d) => {
    const b = model?.bond(d, proc);
    return b ? [`${d}: PASID ${b.pasid}`] : [];
  });

  return (
    <article className="inspector" aria-labelledby={`proc-title-${proc}`} data-testid={`inspector-${proc}`}>
      <header className="inspector-head">
        <h2 id={`proc-title-${proc}`}>Process {proc}</h2>
        <button
          type="button"
          className="btn btn-plain btn-small"
          onClick={() => selectProc(null)}
          aria-label={`Close process ${proc}`}
        >
          ✕
        </button>
      </header>
      <dl className="facts">
        <dt>State</dt>
        <dd>{p.alive ? 'running' : p.mmLive ? 'exited, mm pinned by SVA domains' : 'exited'}</dd>
        <dt>mm PASID</dt>
        <dd>{p.mmPasid ?? 'none'}</dd>
        <dt>mm_get_enqcmd_pasid()</dt>
        <dd data-testid="enqcmd-pasid">{p.pasid ?? 'IOMMU_PASID_INVALID'}</dd>
        <dt>Thread MSRs</dt>
        <dd>{p.msr.map((v, t) => `T${t}: ${v ?? 'invalid'}`).join(' · ')}</dd>
        <dt>Bound to</dt>
        <dd>{bonds.length ? bonds.join(' · ') : 'no device'}</dd>
      </dl>
      <section className="inspector-section" aria-labelledby={`proc-actions-${proc}`}>
        <h3 id={`proc-actions-${proc}`}>Actions</h3>
        <div className="form-row">
          <Field label="ENQCMD to device">
            <select value={dev} onChange={(e) => setDev(e.target.value)}>
              {devices.slice(0, 500).map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Thread">
            <select value={thread} onChange={(e) => setThread(Number(e.target.value))}>
              {p.msr.map((_, t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </Field>
          <ActionButton
            blocker={b.enqcmd}
            busy={busy}
            onClick={() => root.send({ type: 'global.run', step: { op: 'enqcmd', proc, dev, thread } })}
          >
            ENQCMD
          </ActionButton>
        </div>
        <div className="form-row">
          <Field label="Child id">
            <input value={child} onChange={(e) => setChild(e.target.value.trim())} />
          </Field>
          <ActionButton
            blocker={b.fork}
            busy={busy}
            onClick={() => root.send({ type: 'global.run', step: { op: 'fork', proc, child } })}
          >
            Fork
          </ActionButton>
          <ActionButton
            variant="danger"
            blocker={b.exit}
            busy={busy}
            onClick={() => root.send({ type: 'global.run', step: { op: 'exit', proc } })}
          >
            Exit
          </ActionButton>
        </div>
      </section>
    </article>
  );
}
