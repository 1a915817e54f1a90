import { useState } from 'react';
import { useSelector } from '@xstate/react';
import type { DeviceRef, DeviceStep, GroupRef } from '../../machines/index.ts';
import { frameStore, selectVersion, useFrame } from '../../store/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field } from '../common/Field.tsx';
import { noDomainHint, ridAttachChoices, ridDetachName } from './domainChoices.ts';
import { useBlocker } from './useBlocker.ts';

/** The RID side of one device: attach/detach a domain, DMA ownership of its group, PCI reset. */
export function RidSection({
  dev,
  deviceRef,
  groupRef,
  busy,
}: {
  dev: string;
  deviceRef: DeviceRef | undefined;
  groupRef: GroupRef | undefined;
  busy: boolean;
}) {
  useFrame(selectVersion);
  const model = frameStore.getState().frame?.model;
  const domains = model ? ridAttachChoices(model, dev) : [];
  const ridDomain = model?.device(dev)?.ridDomain ?? '';
  // The names a step can carry, not the kernel's own (default:grp:…, blocked:smmuv3): see domainChoices.
  const detachName = model ? ridDetachName(model, dev) : null;
  const [pick, setPick] = useState<string | null>(null);
  const domain = pick !== null && domains.includes(pick) ? pick : (domains.find((d) => d !== ridDomain) ?? domains[0]);
  const [owner, setOwner] = useState('user');
  const run = (step: DeviceStep): void => deviceRef?.send({ type: 'device.run', step });
  const groupBusy = useSelector(groupRef, (s) => s?.hasTag('busy') ?? false);
  const ownership = useSelector(groupRef, (s) => (s ? String((s.value as { ownership: string }).ownership) : 'kernel'));

  const b = {
    attach: useBlocker(domain ? { op: 'attach_dev', dev, domain } : null),
    detach: useBlocker(detachName !== null ? { op: 'detach_dev', dev, domain: detachName } : null),
    claim: useBlocker(owner ? { op: 'claim_dma_owner', dev, owner } : null),
    release: useBlocker({ op: 'release_dma_owner', dev }),
    prepare: useBlocker({ op: 'reset_prepare', dev }),
    done: useBlocker({ op: 'reset_done', dev }),
  };

  return (
    <section className="inspector-section" aria-labelledby={`rid-${dev}`}>
      <h3 id={`rid-${dev}`}>RID domain, ownership, reset</h3>
      <p className="muted">
        RID domain: <code>{ridDomain || '—'}</code> · DMA owner:{' '}
        {ownership === 'user' ? (model?.groupOf(dev)?.owner ?? 'user') : 'kernel (DMA API)'}
      </p>
      <div className="form-row">
        <Field label="Domain to attach">
          <select value={domain ?? ''} disabled={domains.length === 0} onChange={(e) => setPick(e.target.value)}>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </Field>
        <ActionButton
          blocker={domain === undefined ? (model ? noDomainHint(model, dev) : null) : b.attach}
          busy={busy}
          onClick={() => domain !== undefined && run({ op: 'attach_dev', dev, domain })}
        >
          attach_dev
        </ActionButton>
        <ActionButton
          blocker={
            detachName === null ? `${ridDomain || 'the RID domain'} is the kernel's own: no step can name it` : b.detach
          }
          busy={busy}
          onClick={() => detachName !== null && run({ op: 'detach_dev', dev, domain: detachName })}
        >
          detach_dev
        </ActionButton>
      </div>
      <div className="form-row">
        <Field label="Owner">
          <input value={owner} onChange={(e) => setOwner(e.target.value.trim())} />
        </Field>
        <ActionButton
          blocker={b.claim}
          busy={groupBusy}
          onClick={() => groupRef?.send({ type: 'group.claim', dev, owner })}
        >
          Claim DMA ownership
        </ActionButton>
        <ActionButton
          blocker={b.release}
          busy={groupBusy}
          onClick={() => groupRef?.send({ type: 'group.release', dev })}
        >
          Release
        </ActionButton>
      </div>
      <div className="button-row">
        <ActionButton blocker={b.prepare} busy={busy} onClick={() => run({ op: 'reset_prepare', dev })}>
          reset_prepare
        </ActionButton>
        <ActionButton blocker={b.done} busy={busy} onClick={() => run({ op: 'reset_done', dev })}>
          reset_done
        </ActionButton>
      </div>
    </section>
  );
}
