import { useState } from 'react';
import type { DeviceRef } from '../../machines/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field, NumberInput } from '../common/Field.tsx';

/** The device issues a DMA (the hardware walks its tables), or takes a global PASID for itself. */
export function DmaSection({ dev, deviceRef, busy }: { dev: string; deviceRef: DeviceRef | undefined; busy: boolean }) {
  const [pasid, setPasid] = useState<number | null>(null);
  return (
    <section className="inspector-section" aria-labelledby={`dma-${dev}`}>
      <h3 id={`dma-${dev}`}>Device traffic</h3>
      <div className="form-row">
        <Field label="DMA PASID (blank = no PASID)">
          <NumberInput value={pasid} onChange={setPasid} min={0} />
        </Field>
        <ActionButton
          busy={busy}
          testId="dma-button"
          onClick={() =>
            deviceRef?.send({
              type: 'device.run',
              step: pasid === null ? { op: 'dma', dev } : { op: 'dma', dev, pasid },
            })
          }
        >
          Issue DMA
        </ActionButton>
        <ActionButton
          busy={busy}
          onClick={() => deviceRef?.send({ type: 'device.run', step: { op: 'alloc_global_pasid', dev } })}
        >
          alloc_global_pasid
        </ActionButton>
      </div>
    </section>
  );
}
