import { useState } from 'react';
import type { DeviceRef, DeviceStep } from '../../machines/index.ts';
import { frameStore, selectVersion, useFrame } from '../../store/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field, NumberInput } from '../common/Field.tsx';
import { DEFAULT_NAME, pasidAttachChoices } from './domainChoices.ts';
import { useBlocker } from './useBlocker.ts';

/** The core PASID attach API on one device: attach / replace / detach, and the RFC's attach_pasid_any. */
export function PasidSection({
  dev,
  deviceRef,
  busy,
}: {
  dev: string;
  deviceRef: DeviceRef | undefined;
  busy: boolean;
}) {
  useFrame(selectVersion);
  const model = frameStore.getState().frame?.model;
  // "default" first, then the domain_alloc domains of the device's driver (see domainChoices).
  const domains = model ? pasidAttachChoices(model, dev) : [];
  const attached = model?.groupOf(dev)?.pasids ?? [];
  const [domainPick, setDomain] = useState(DEFAULT_NAME);
  const domain = domains.includes(domainPick) ? domainPick : DEFAULT_NAME;
  const [pasid, setPasid] = useState<number | null>(1);
  const run = (step: DeviceStep): void => deviceRef?.send({ type: 'device.run', step });

  const attach: DeviceStep | null = pasid === null ? null : { op: 'attach_pasid', dev, domain, pasid };
  const replace: DeviceStep | null = pasid === null ? null : { op: 'replace_pasid', dev, domain, pasid };
  const detach: DeviceStep | null = pasid === null ? null : { op: 'detach_pasid', dev, pasid };
  const any: DeviceStep = { op: 'attach_pasid_any', dev, domain };
  const b = {
    attach: useBlocker(attach),
    replace: useBlocker(replace),
    detach: useBlocker(detach),
    any: useBlocker(any),
  };

  return (
    <section className="inspector-section" aria-labelledby={`pasid-${dev}`}>
      <h3 id={`pasid-${dev}`}>PASID attach</h3>
      <p className="muted" data-testid="attached-pasids">
        Attached in the group:{' '}
        {attached.length === 0 ? 'none' : attached.map((e) => `${e.pasid} → ${e.domain}`).join(', ')}
      </p>
      <div className="form-row">
        <Field label="Domain">
          <select value={domain} onChange={(e) => setDomain(e.target.value)}>
            {domains.map((d) => (
              <option key={d} value={d}>
                {d === DEFAULT_NAME ? 'default (DMA-API domain)' : d}
              </option>
            ))}
          </select>
        </Field>
        <Field label="PASID">
          <NumberInput value={pasid} onChange={setPasid} min={0} />
        </Field>
      </div>
      <div className="button-row">
        <ActionButton blocker={b.attach} busy={busy} onClick={() => attach && run(attach)}>
          attach_pasid
        </ActionButton>
        <ActionButton blocker={b.replace} busy={busy} onClick={() => replace && run(replace)}>
          replace_pasid
        </ActionButton>
        <ActionButton blocker={b.detach} busy={busy} onClick={() => detach && run(detach)}>
          detach_pasid
        </ActionButton>
        <ActionButton blocker={b.any} busy={busy} onClick={() => run(any)}>
          attach_pasid_any
        </ActionButton>
      </div>
    </section>
  );
}
