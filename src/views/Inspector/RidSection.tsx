import { useState } from 'react';
import { useSelector } from '@xstate/react';
import type { DeviceRef, DeviceStep, GroupRef } from '../../machines/index.ts';
import { frameStore, selectVersion, useFrame } from '../../store/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field } from '../common/Field.tsx';
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
  const domains = (model?.domains ?? []).filter((d) => d.type !== 'sva').map((d) => d.id);
  const ridDomain = model?.device(dev)?.ridDomain ?? '';
  const [pick, setPick] = useState<string | null>(null);
  const domain = pick !== null && domains.includes(pick) ? pick : (domains.find((d) => d !== ridDomain) ?? ridDomain);
  const [owner, setOwner] = useState('user');
  const run = (step: DeviceStep): void => deviceRef?.send({ type: 'device.run', step });
  const groupBusy = useSelector(groupRef, (s) => s?.hasTag('busy') ?? false);
  const ownership = useSelector(groupRef, (s) => (s ? String((s.value as { ownership: string }).ownership) : 'kernel'));

  const b = {
    attach: useBlocker(domain ? { op: 'attach_dev', dev, domain } : null),
    detach: useBlocker({ op: 'detach_dev', dev, domain: ridDomain }),
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
          <select value={domain} onChange={(e) => setPick(e.target.value)}>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </Field>
        <ActionButton blocker={b.attach} busy={busy} onClick={() => run({ op: 'attach_dev', dev, domain })}>
          attach_dev
        </ActionButton>
        <ActionButton blocker={b.detach} busy={busy} onClick={() => run({ op: 'detach_dev', dev, domain: ridDomain })}>
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
