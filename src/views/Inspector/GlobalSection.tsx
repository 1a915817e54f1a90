import { useState } from 'react';
import { useSandbox, useRoot } from '../../hooks/index.ts';
import { useFrame } from '../../store/index.ts';
import { ActionButton } from '../common/ActionButton.tsx';
import { Field, NumberInput } from '../common/Field.tsx';
import { ResultBadge } from '../common/ResultText.tsx';
import { stepText } from '../common/stepText.ts';
import { useBlocker } from './useBlocker.ts';

type DomainType = 'paging' | 'identity' | 'blocked';

/** Steps that belong to no device: allocate a domain, free a global PASID. */
export function GlobalSection() {
  const { root } = useSandbox();
  // The IOMMU list only changes with the topology (full frames).
  const topology = useFrame((s) => s.frame?.model.topology);
  const iommus = topology?.iommus.map((i) => i.id) ?? [];
  const [id, setId] = useState('dom1');
  const [iommuPick, setIommu] = useState<string | null>(null);
  const iommu = iommuPick !== null && iommus.includes(iommuPick) ? iommuPick : (iommus[0] ?? '');
  const [type, setType] = useState<DomainType>('paging');
  const [pasidCompat, setPasidCompat] = useState(true);
  const [free, setFree] = useState<number | null>(null);
  const busy = useRoot((s) => s.matches({ ready: 'acting' }));
  const last = useRoot((s) => s.context.lastResult);
  const lastStep = useRoot((s) => s.context.request);
  const b = {
    alloc: useBlocker({ op: 'domain_alloc', id, iommu, type, pasid: pasidCompat }),
    free: useBlocker(free === null ? null : { op: 'free_global_pasid', pasid: free }),
  };
  return (
    <section className="inspector-section" aria-labelledby="global-title">
      <h3 id="global-title">Domains and global PASIDs</h3>
      <div className="form-row">
        <Field label="Domain id">
          <input value={id} onChange={(e) => setId(e.target.value.trim())} />
        </Field>
        <Field label="IOMMU">
          <select value={iommu} onChange={(e) => setIommu(e.target.value)}>
            {iommus.map((i) => (
              <option key={i} value={i}>
                {i}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Type">
          <select value={type} onChange={(e) => setType(e.target.value as DomainType)}>
            <option value="paging">paging</option>
            <option value="identity">identity</option>
            <option value="blocked">blocked</option>
          </select>
        </Field>
        <label className="check">
          <input type="checkbox" checked={pasidCompat} onChange={(e) => setPasidCompat(e.target.checked)} />
          PASID-compatible
        </label>
        <ActionButton
          blocker={b.alloc}
          busy={busy}
          onClick={() =>
            root.send({ type: 'global.run', step: { op: 'domain_alloc', id, iommu, type, pasid: pasidCompat } })
          }
        >
          domain_alloc
        </ActionButton>
      </div>
      <div className="form-row">
        <Field label="Global PASID to free">
          <NumberInput value={free} onChange={setFree} min={1} />
        </Field>
        <ActionButton
          blocker={b.free}
          busy={busy}
          onClick={() =>
            free !== null && root.send({ type: 'global.run', step: { op: 'free_global_pasid', pasid: free } })
          }
        >
          free_global_pasid
        </ActionButton>
      </div>
      {/* Not a live region: it appears with its text (rarely announced), and the action's step is
          announced once by Playback/StepAnnouncer. */}
      {last && lastStep ? (
        <p className="last-result" data-testid="last-action">
          Last action: <code>{stepText(lastStep)}</code> <ResultBadge result={last} /> {last.message ?? ''}
        </p>
      ) : null}
    </section>
  );
}
