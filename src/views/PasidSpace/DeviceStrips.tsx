/**
 * One strip per IOMMU group: its devices' PASID range [0, max_pasids) on a symlog axis (so the
 * low PASIDs of a 2^20 range stay readable), with a mark per PASID attached in the group's
 * pasid_array, labelled with its holder. Under the per-device policies these are the per-device
 * PASID spaces; under global they show which global PASIDs reached each device.
 */
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { memo, useRef, useState } from 'react';
import { layoutStripLabels } from '../../viz/index.ts';
import { useElementSize } from '../shared/useElementSize.ts';
import { assignRows, sameRows, sameStrip } from './strips.ts';
import type { Strip, StripEntry } from './strips.ts';

export type { Strip, StripEntry } from './strips.ts';

export interface DeviceStripsProps {
  strips: readonly Strip[];
  /**
   * Changes when the scenario's topology does. Within one, the area keeps the height of the most
   * strips it has shown, so a strip leaving does not move everything below it (the page would jump
   * under a presenter, and the browser would lay out and repaint all of it).
   */
  epoch?: unknown;
  onSelectProc?: (proc: string) => void;
  onSelectDevice?: (groupId: string) => void;
}

const ROW = 78;
const LEFT = 190;
const RIGHT = 70;
/** Label rows above a strip (y of each, from the strip's top); a third would reach the row above. */
const LABEL_Y = [-6, -22];

/** What an entry's label may say, longest first: "3:kernel (default:grp:dsa0)", "3:kernel", "3". */
function labelTexts(e: StripEntry): string[] {
  const mark = e.changed ? '● ' : '';
  const short = e.name.replace(/ \(.*\)$/, '');
  return [...new Set([`${e.pasid}:${e.name}`, `${e.pasid}:${short}`, `${e.pasid}`])].map((t) => mark + t);
}

function ticks(max: number): number[] {
  const out = new Set<number>([0, 1]);
  for (let v = 4; v < max; v *= max > 4096 ? 16 : 4) out.add(v);
  if (max > 1) out.add(max);
  return [...out].filter((v) => v <= max).sort((a, b) => a - b);
}

const sameStrips = (a: readonly Strip[], b: readonly Strip[]): boolean =>
  a.length === b.length && a.every((s, i) => sameStrip(s, b[i]!));

/** Re-renders only when a strip's content changed. */
export const DeviceStrips = memo(DeviceStripsView, (a, b) => a.epoch === b.epoch && sameStrips(a.strips, b.strips));

interface StripRowProps {
  s: Strip;
  w: number;
  onSelectProc?: (proc: string) => void;
  onSelectDevice?: (groupId: string) => void;
}

/**
 * One strip, drawn at y = 0 and placed by its parent's transform in a stable row (assignRows): a
 * step usually changes one group, whose strip then replaces one row's content in place. The
 * handlers are the views' stable selection setters, so they are not compared.
 */
const StripRow = memo(StripRowView, (a, b) => a.w === b.w && sameStrip(a.s, b.s));

function StripRowView({ s, w, ...p }: StripRowProps) {
  const x =
    s.max > 64
      ? scaleSymlog()
          .domain([0, s.max])
          .range([LEFT, w - RIGHT])
      : scaleLinear()
          .domain([0, Math.max(1, s.max)])
          .range([LEFT, w - RIGHT]);
  // Labels too close to fit are shortened or left out; the mark's tooltip keeps the full text.
  const labels = layoutStripLabels(
    s.entries.map((e) => {
      const x0 = x(e.pasid);
      return { x: x0 + Math.max(4, x(e.pasid + 1) - x0) / 2, texts: labelTexts(e), first: e.changed };
    }),
    { rows: LABEL_Y.length, minX: 2, maxX: w - 2 }
  );
  return (
    <g className={s.selected ? 'vz-strip vz-strip-selected' : 'vz-strip'} data-testid="device-strip" data-group={s.id}>
      <text
        x={4}
        y={12}
        className="vz-strip-label"
        onClick={p.onSelectDevice ? () => p.onSelectDevice?.(s.id) : undefined}
      >
        {s.selected ? '▶ ' : ''}
        {s.label}
      </text>
      <text x={4} y={30} className="vz-strip-sub">
        {s.max === 0 ? 'no PASID support' : `usable 1–${s.max - 1}`}
        {s.more > 0 ? ` · +${s.more} more` : ''}
      </text>
      <rect x={x(0)} y={0} width={Math.max(0, x(s.max) - x(0))} height={18} className="vz-strip-bar" />
      {s.max > 0 ? <rect x={x(0)} y={0} width={Math.max(2, x(1) - x(0))} height={18} className="vz-strip-rid" /> : null}
      {ticks(s.max)
        .filter((v, k, all) => v === s.max || k === 0 || (x(s.max) - x(v) > 70 && x(v) - x(all[k - 1] ?? 0) > 26))
        .map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={18} y2={23} className="vz-tick" />
            <text x={x(v)} y={35} textAnchor="middle" className="vz-tick-label">
              {v === s.max ? `max ${v}` : v}
            </text>
          </g>
        ))}
      {s.entries.map((e, k) => {
        const x0 = x(e.pasid);
        const ew = Math.max(4, x(e.pasid + 1) - x0);
        const label = labels[k];
        return (
          <g
            key={e.pasid}
            className={e.changed ? 'vz-strip-entry vz-changed' : 'vz-strip-entry'}
            onClick={e.proc && p.onSelectProc ? () => p.onSelectProc?.(e.proc!) : undefined}
            data-testid="strip-entry"
          >
            <title>{`PASID ${e.pasid}: ${e.name}`}</title>
            <rect x={x0} y={-1} width={ew} height={20} fill={e.color} className="vz-strip-mark" />
            {label ? (
              <text x={label.x} y={LABEL_Y[label.row]} textAnchor="middle" className="vz-strip-name">
                {label.text}
              </text>
            ) : null}
          </g>
        );
      })}
    </g>
  );
}

function DeviceStripsView(p: DeviceStripsProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(wrap);
  const w = Math.max(320, width);
  // Row of each strip and the most rows shown in this epoch (derived state, updated during render;
  // assignRows is idempotent, so a repeated render computes the same rows).
  const [kept, setKept] = useState<{ epoch: unknown; rows: (string | null)[]; tallest: number }>({
    epoch: p.epoch,
    rows: [],
    tallest: 0,
  });
  const fresh = kept.epoch !== p.epoch;
  const rows = assignRows(
    fresh ? [] : kept.rows,
    p.strips.map((s) => s.id)
  );
  const tallest = Math.max(fresh ? 0 : kept.tallest, rows.length);
  if (fresh || tallest !== kept.tallest || !sameRows(rows, kept.rows)) setKept({ epoch: p.epoch, rows, tallest });
  const byId = new Map(p.strips.map((s) => [s.id, s]));
  return (
    <div
      ref={wrap}
      className="vz-strips"
      data-testid="device-strips"
      role="group"
      aria-label="Per-device PASID spaces"
      style={{ height: tallest * ROW + 6 }}
    >
      {rows.map((id, i) => {
        const s = id === null ? undefined : byId.get(id);
        // One <svg> per row, keyed by row: a step that changes one group repaints that row only
        // (in one shared <svg> every strip was laid out and repainted again), and a strip taking
        // over a row updates that row's elements in place.
        return s ? (
          <svg key={i} className="vz-strip-row" width={w} height={ROW} style={{ top: i * ROW }}>
            <g transform="translate(0 36)">
              <StripRow
                s={s}
                w={w}
                {...(p.onSelectProc ? { onSelectProc: p.onSelectProc } : {})}
                {...(p.onSelectDevice ? { onSelectDevice: p.onSelectDevice } : {})}
              />
            </g>
          </svg>
        ) : null;
      })}
    </div>
  );
}
