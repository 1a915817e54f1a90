import { memo, useState } from 'react';
import { useSelector } from '@xstate/react';
import { useDeviceRef, useDeviceRid, useGroupRef } from '../../hooks/index.ts';
import { frameStore, selectDevice, useFrame, useUiStore } from '../../store/index.ts';
import { CardSummaryMemo } from './cardSummary.ts';
import { ridLabel } from './labels.ts';

const MAX_CARDS = 24;

export function DeviceCards() {
  const [filter, setFilter] = useState('');
  const ids = useFrame((s) => s.frame?.model.topology?.devices) ?? [];
  const shown = ids.filter((d) => d.id.includes(filter)).slice(0, MAX_CARDS);
  return (
    <div className="cards-block">
      <div className="block-head">
        <h3>Devices</h3>
        {ids.length > MAX_CARDS ? (
          <label className="field inline">
            <span className="field-label">Filter devices</span>
            <input value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="id contains…" />
          </label>
        ) : null}
      </div>
      <ul className="cards" aria-label="Devices">
        {shown.map((d) => (
          <DeviceCard key={d.id} id={d.id} />
        ))}
      </ul>
      {ids.length > shown.length ? (
        <p className="muted">{ids.length - shown.length} more devices (filter to find one)</p>
      ) : null}
    </div>
  );
}

const DeviceCard = memo(function DeviceCard({ id }: { id: string }) {
  const ref = useDeviceRef(id);
  const selected = useUiStore((s) => s.selection.device === id);
  const rid = useDeviceRid(ref);
  // Re-render when this device's row changed (its group's owner or PASIDs, or their domains).
  const [memo] = useState(() => new CardSummaryMemo());
  const summary = useFrame((s) => (s.frame ? memo.read(s.frame.model, id) : ''));
  const [meta = '', pasids = ''] = summary.split('|');
  const group = frameStore.getState().frame?.model.device(id)?.groupId ?? null;
  const gated = useSelector(useGroupRef(group), (s) => s?.hasTag('gated') ?? false);
  return (
    <li className={`card${selected ? ' card-selected' : ''}`}>
      <button
        type="button"
        className="card-button"
        aria-pressed={selected}
        onClick={() => selectDevice(selected ? null : id)}
        data-testid={`device-card-${id}`}
      >
        <span className="card-title">{id}</span>
        <span className={`chip rid-${rid}`}>{ridLabel(rid)}</span>
        {gated ? <span className="chip chip-warn">reset-gated</span> : null}
        <span className="card-meta">{meta}</span>
        <span className="card-pasids" data-testid={`device-pasids-${id}`}>
          {pasids ? `PASIDs: ${pasids}` : 'no PASIDs attached'}
        </span>
      </button>
    </li>
  );
});
