import { useRef, useState } from 'react';
import { useSelector } from '@xstate/react';
import { idRecord } from '../../machines/index.ts';
import type { BondRef, DeviceRef } from '../../machines/index.ts';
import { frameStore, selectVersion, useFrame, useUiStore } from '../../store/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field, NumberInput } from '../common/Field.tsx';
import { useRefocusWhenRemoved } from '../common/focusReturn.ts';
import { useBlocker } from './useBlocker.ts';

/** Bond rows listed at most: a device bound to thousands of processes stays usable. */
const MAX_ROWS = 50;
/** Before the device actor exists (prototype-less, as the actor's own record: see idRecord). */
const NO_BONDS = idRecord<BondRef>();

/** SVA binds of one device: pick a process, bind (or bind_pasid), and each bond's lifecycle. */
export function BondSection({ dev, deviceRef }: { dev: string; deviceRef: DeviceRef | undefined }) {
  useFrame(selectVersion);
  const model = frameStore.getState().frame?.model;
  const selectedProc = useUiStore((s) => s.selection.proc);
  const procs = model ? model.procIds().slice(0, 500) : [];
  const [chosen, setChosen] = useState<string | null>(null);
  const proc = chosen !== null && procs.includes(chosen) ? chosen : (selectedProc ?? procs[0] ?? '');
  const [pasid, setPasid] = useState<number | null>(null);
  const driverManaged = model?.policy === 'driver-managed';
  const bonds = useSelector(deviceRef, (s) => s?.context.bonds) ?? NO_BONDS;
  const bindBlocker = useBlocker(proc ? { op: 'bind', dev, proc } : null);
  const bindPasidBlocker = useBlocker(
    proc ? (pasid === null ? { op: 'bind_pasid', dev, proc } : { op: 'bind_pasid', dev, proc, pasid }) : null
  );
  const bondBusy = useSelector(bonds[proc], (s) => s?.hasTag('busy') ?? false);
  const entries = Object.entries(bonds);
  const head = entries.slice(0, MAX_ROWS);
  const picked = bonds[proc];
  // The process picked in the form is always listed (last, when it is beyond the first rows).
  const listed = !picked || head.some(([p]) => p === proc) ? head : [...head.slice(0, -1), [proc, picked] as const];
  const hidden = entries.length - listed.length;

  return (
    <section className="inspector-section" aria-labelledby={`bonds-${dev}`}>
      {/* Focusable for the last bond's Unbind or Dismiss to leave focus on (nearestBondAction). */}
      <h3 id={`bonds-${dev}`} tabIndex={-1}>
        SVA bind
      </h3>
      <div className="form-row">
        <Field label="Process">
          <select data-testid="bind-proc" value={proc} onChange={(e) => setChosen(e.target.value)}>
            {procs.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <ActionButton
          variant="primary"
          testId="bind-button"
          blocker={bindBlocker}
          busy={bondBusy}
          onClick={() => deviceRef?.send({ type: 'bond.bind', proc })}
        >
          Bind
        </ActionButton>
        {driverManaged ? (
          <>
            <Field label="Driver PASID (blank = lowest free)">
              <NumberInput value={pasid} onChange={setPasid} min={1} />
            </Field>
            <ActionButton
              blocker={bindPasidBlocker}
              busy={bondBusy}
              onClick={() =>
                deviceRef?.send(
                  pasid === null
                    ? { type: 'bond.bind', proc, viaDriver: true }
                    : { type: 'bond.bind', proc, viaDriver: true, pasid }
                )
              }
            >
              bind_pasid
            </ActionButton>
          </>
        ) : null}
      </div>
      <ul className="bond-list" aria-label={`Bonds of ${dev}`}>
        {listed.map(([p, ref]) => (
          <BondRow key={p} proc={p} bondRef={ref} deviceRef={deviceRef} dev={dev} />
        ))}
      </ul>
      {hidden > 0 ? (
        <p className="muted" data-testid="bond-more">
          …and {hidden} more {hidden === 1 ? 'bond' : 'bonds'}: pick a process above to see its bond.
        </p>
      ) : null}
      {entries.length === 0 ? <p className="muted">No process has been bound to this device.</p> : null}
    </section>
  );
}

function BondRow({
  proc,
  bondRef,
  deviceRef,
  dev,
}: {
  proc: string;
  bondRef: BondRef;
  deviceRef: DeviceRef | undefined;
  dev: string;
}) {
  const state = useSelector(bondRef, (s) => String(s.value));
  const pasid = useSelector(bondRef, (s) => s.context.pasid);
  const users = useSelector(bondRef, (s) => s.context.users);
  const errno = useSelector(bondRef, (s) => s.context.errno);
  const message = useSelector(bondRef, (s) => s.context.message);
  const unbindBlocker = useBlocker({ op: 'unbind', dev, proc });
  const row = useRef<HTMLLIElement>(null);
  useRefocusWhenRemoved(row, nearestBondAction);
  const text =
    state === 'bound'
      ? `bound · PASID ${pasid ?? '?'}${users > 1 ? ` · ${users} binds` : ''}`
      : state === 'failed'
        ? `failed · ${errno ?? 'error'}`
        : state;
  return (
    <li ref={row} className={`bond bond-${state}`} data-testid={`bond-${dev}-${proc}`}>
      <span className="bond-proc">{proc}</span>
      <span className="bond-state">{text}</span>
      {state === 'failed' && message ? <span className="bond-msg">{message}</span> : null}
      <span className="bond-actions">
        {state === 'bound' || (state === 'failed' && unbindBlocker === null) ? (
          <ActionButton blocker={unbindBlocker} onClick={() => deviceRef?.send({ type: 'bond.unbind', proc })}>
            Unbind
          </ActionButton>
        ) : null}
        {state === 'failed' ? (
          <ActionButton onClick={() => deviceRef?.send({ type: 'bond.dismiss', proc })}>Dismiss</ActionButton>
        ) : null}
      </span>
    </li>
  );
}

/**
 * Where focus goes when a bond's Unbind or Dismiss disappears with its use: an action left in the
 * same row (Dismiss of a failed bind that is still bound brings back Unbind), else the same action
 * on the next row that has one, else on the nearest row above, else the section's heading.
 */
function nearestBondAction(lost: HTMLElement, row: HTMLElement): HTMLElement | null {
  const rows = row.parentElement ? [...row.parentElement.children] : [row];
  const at = rows.indexOf(row);
  const order = [row, ...rows.slice(at + 1), ...rows.slice(0, Math.max(0, at)).reverse()];
  for (const r of order) {
    const actions = [...r.querySelectorAll<HTMLButtonElement>('.bond-actions button')];
    const pick = actions.find((b) => b.textContent === lost.textContent) ?? actions[0];
    if (pick) return pick;
  }
  return row.closest('section')?.querySelector<HTMLElement>('h3') ?? null;
}
