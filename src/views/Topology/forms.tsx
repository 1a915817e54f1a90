import { useLayoutEffect, useRef, useState } from 'react';
import type { DeviceSpec, IommuSpec, ProcessSpec } from '../../engine/index.ts';
import { Field, NumberInput } from '../common/Field.tsx';

interface FormProps<T> {
  initial: T;
  onSave: (value: T) => void;
  onCancel: () => void;
  saveLabel: string;
}

/**
 * The form's ref: on mount, focus goes to its first field. The Edit or Add button that opened the
 * form is gone with the row it sat in, and focus would fall to the page body.
 */
function useFocusFirstField() {
  const form = useRef<HTMLFormElement>(null);
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);
  return form;
}

function Buttons({ saveLabel, onCancel }: { saveLabel: string; onCancel: () => void }) {
  return (
    <div className="button-row">
      <button type="submit" className="btn btn-primary">
        {saveLabel}
      </button>
      <button type="button" className="btn btn-plain" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function IommuForm({ initial, onSave, onCancel, saveLabel }: FormProps<IommuSpec>) {
  const [v, setV] = useState(initial);
  const form = useFocusFirstField();
  const bits = v.type === 'smmuv3' ? v.ssidBits : v.pasidBits;
  return (
    <form
      ref={form}
      className="edit-form"
      aria-label={`${saveLabel} IOMMU`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v);
      }}
    >
      <Field label="IOMMU id">
        <input value={v.id} required onChange={(e) => setV({ ...v, id: e.target.value.trim() })} />
      </Field>
      <Field label="Type">
        <select value={v.type} onChange={(e) => setV({ id: v.id, type: e.target.value as IommuSpec['type'] })}>
          <option value="smmuv3">Arm SMMUv3</option>
          <option value="vtd">Intel VT-d</option>
        </select>
      </Field>
      <Field label={v.type === 'smmuv3' ? 'SSID bits (0–20)' : 'PASID bits (0–20)'}>
        <NumberInput
          value={bits ?? null}
          min={0}
          max={20}
          placeholder="20"
          onChange={(n) => {
            const { ssidBits: _s, pasidBits: _p, ...rest } = v;
            setV(n === null ? rest : v.type === 'smmuv3' ? { ...rest, ssidBits: n } : { ...rest, pasidBits: n });
          }}
        />
      </Field>
      <Buttons saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}

export function DeviceForm({
  initial,
  onSave,
  onCancel,
  saveLabel,
  iommus,
}: FormProps<DeviceSpec> & { iommus: string[] }) {
  const [v, setV] = useState(initial);
  const form = useFocusFirstField();
  const set = <K extends keyof DeviceSpec>(k: K, value: DeviceSpec[K] | undefined): void => {
    const next = { ...v };
    if (value === undefined) delete next[k];
    else next[k] = value;
    setV(next);
  };
  return (
    <form
      ref={form}
      className="edit-form"
      aria-label={`${saveLabel} device`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v);
      }}
    >
      <Field label="Device id">
        <input value={v.id} required onChange={(e) => set('id', e.target.value.trim())} />
      </Field>
      <Field label="IOMMU">
        <select value={v.iommu} onChange={(e) => set('iommu', e.target.value)}>
          {iommus.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Bus">
        <select value={v.bus ?? 'pci'} onChange={(e) => set('bus', e.target.value as 'pci' | 'platform')}>
          <option value="pci">PCI</option>
          <option value="platform">platform</option>
        </select>
      </Field>
      <Field label="PASID bits (blank = no PASID)">
        <NumberInput value={v.pasidBits ?? null} min={0} max={20} onChange={(n) => set('pasidBits', n ?? undefined)} />
      </Field>
      <Field label="Group (blank = own group)">
        <input value={v.group ?? ''} onChange={(e) => set('group', e.target.value.trim() || undefined)} />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={v.enqcmd ?? false}
          onChange={(e) => set('enqcmd', e.target.checked || undefined)}
        />
        ENQCMD work queue
      </label>
      <label className="check">
        <input type="checkbox" checked={v.ats ?? false} onChange={(e) => set('ats', e.target.checked || undefined)} />
        ATS
      </label>
      <Buttons saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}

export function ProcessForm({ initial, onSave, onCancel, saveLabel }: FormProps<ProcessSpec>) {
  const [v, setV] = useState(initial);
  const form = useFocusFirstField();
  return (
    <form
      ref={form}
      className="edit-form"
      aria-label={`${saveLabel} process`}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(v);
      }}
    >
      <Field label="Process id">
        <input value={v.id} required onChange={(e) => setV({ ...v, id: e.target.value.trim() })} />
      </Field>
      <Field label="Threads (1–8)">
        <NumberInput value={v.threads ?? 1} min={1} max={8} onChange={(n) => setV({ ...v, threads: n ?? 1 })} />
      </Field>
      <label className="check">
        <input
          type="checkbox"
          checked={v.lam ?? false}
          onChange={(e) => {
            const { lam: _l, ...rest } = v;
            setV(e.target.checked ? { ...rest, lam: true } : rest);
          }}
        />
        x86 LAM
      </label>
      <Buttons saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}
