import { useSelector } from '@xstate/react';
import { useDeviceRef, useDeviceRid, useGroupRef } from '../../hooks/index.ts';
import { frameStore, selectDevice, useFrame } from '../../store/index.ts';
import { ResultBadge } from '../common/ResultText.tsx';
import { stepText } from '../common/stepText.ts';
import { ridLabel } from '../Overview/labels.ts';
import { BondSection } from './BondSection.tsx';
import { DmaSection } from './DmaSection.tsx';
import { PasidSection } from './PasidSection.tsx';
import { RidSection } from './RidSection.tsx';

/** Everything one device can do, each action sent to its actor (or its group's). */
export function DeviceInspector({ dev }: { dev: string }) {
  const deviceRef = useDeviceRef(dev);
  const groupId = useFrame((s) => s.frame?.model.device(dev)?.groupId ?? null);
  const groupRef = useGroupRef(groupId);
  const rid = useDeviceRid(deviceRef);
  const busy = useSelector(deviceRef, (s) => s?.hasTag('busy') ?? false);
  const last = useSelector(deviceRef, (s) => s?.context.lastResult ?? null);
  const lastStep = useSelector(deviceRef, (s) => s?.context.request ?? null);
  const error = useSelector(deviceRef, (s) => s?.context.error ?? null);
  const gated = useSelector(groupRef, (s) => s?.hasTag('gated') ?? false);
  const info = frameStore.getState().frame?.model.device(dev);
  if (!info) return null;

  return (
    <article className="inspector" aria-labelledby={`dev-title-${dev}`} data-testid={`inspector-${dev}`}>
      <header className="inspector-head">
        <h2 id={`dev-title-${dev}`}>Device {dev}</h2>
        <button
          type="button"
          className="btn btn-plain btn-small"
          onClick={() => selectDevice(null)}
          aria-label={`Close device ${dev}`}
        >
          ✕
        </button>
      </header>
      <p className="chips">
        <span className={`chip rid-${rid}`}>{ridLabel(rid)}</span>
        <span className="chip">{info.bus}</span>
        <span className="chip">max_pasids {info.maxPasids}</span>
        <span className="chip">group {info.groupId}</span>
        {info.enqcmd ? <span className="chip">ENQCMD portal</span> : null}
        {info.ats ? <span className="chip">ATS</span> : null}
        {gated ? <span className="chip chip-warn">reset-gated</span> : null}
      </p>
      {/* Not a live region: it appears with its text (rarely announced), and the action's step is
          announced once by Playback/StepAnnouncer. */}
      {last && lastStep ? (
        <p className="last-result" data-testid="last-action">
          Last action: <code>{stepText(lastStep)}</code> <ResultBadge result={last} /> {last.message ?? last.via ?? ''}
        </p>
      ) : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <BondSection dev={dev} deviceRef={deviceRef} />
      <PasidSection dev={dev} deviceRef={deviceRef} busy={busy} />
      <RidSection dev={dev} deviceRef={deviceRef} groupRef={groupRef} busy={busy} />
      <DmaSection dev={dev} deviceRef={deviceRef} busy={busy} />
    </article>
  );
}
