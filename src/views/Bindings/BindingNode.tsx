/**
 * One card of the bindings graph (a process with its thread MSR chips, a PASID, a device with
 * its attachments, or the kernel). Memoised on the card's content and box: the model is rebuilt
 * every step, but most cards read the same, and re-rendering them all made React diff every
 * card's elements each step.
 */
import { memo } from 'react';
import { JUMP_STYLE, LAYER_STYLE } from '../shared/diagramLayers.ts';
import type { BNode } from './bindingsModel.ts';

export const LINE = 20;

/** Height of a card: title, text lines (devices list at most 8), chip rows, badges. */
export function nodeHeight(n: BNode): number {
  const chipRows = Math.ceil(n.chips.length / 4);
  const lines = n.kind === 'device' ? Math.min(n.lines.length, 8) : n.lines.length;
  return 30 + lines * LINE + chipRows * 24 + n.badges.length * LINE + 6;
}

export interface BindingNodeProps {
  n: BNode;
  x: number;
  y: number;
  w: number;
  h: number;
  /** The card took over another card's elements this frame: place it without a transition. */
  jump: boolean;
  onSelectProc: (proc: string) => void;
  onSelectDevice: (dev: string) => void;
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/** Whether two cards draw the same (every field BindingNode reads). */
export function sameNode(a: BNode, b: BNode): boolean {
  return (
    a === b ||
    (a.id === b.id &&
      a.kind === b.kind &&
      a.title === b.title &&
      a.selected === b.selected &&
      a.changed === b.changed &&
      a.proc === b.proc &&
      a.device === b.device &&
      sameStrings(a.lines, b.lines) &&
      sameStrings(a.badges, b.badges) &&
      a.chips.length === b.chips.length &&
      a.chips.every((c, i) => {
        const d = b.chips[i]!;
        return c.text === d.text && c.stale === d.stale && c.valid === d.valid;
      }))
  );
}

const sameProps = (a: BindingNodeProps, b: BindingNodeProps): boolean =>
  a.x === b.x &&
  a.y === b.y &&
  a.w === b.w &&
  a.h === b.h &&
  a.jump === b.jump &&
  a.onSelectProc === b.onSelectProc &&
  a.onSelectDevice === b.onSelectDevice &&
  sameNode(a.n, b.n);

/**
 * A card: its own svg, positioned over the graph (moves with the layout) around its memoised
 * content, so a card that only moves re-renders one element, and a card that changes is laid out
 * and painted alone.
 */
export const BindingNode = memo(function BindingNode({
  n,
  x,
  y,
  w,
  h,
  jump,
  onSelectProc,
  onSelectDevice,
}: BindingNodeProps) {
  const cls = [
    'vz-bnode',
    `vz-bnode-${n.kind}`,
    n.selected ? 'vz-card-focus' : '',
    n.changed ? 'vz-card-changed' : '',
  ].join(' ');
  return (
    <svg
      width={w}
      height={h}
      role="none"
      className={cls}
      style={{ ...(jump ? JUMP_STYLE : LAYER_STYLE), transform: `translate(${x}px, ${y}px)` }}
      onClick={() => {
        if (n.proc) onSelectProc(n.proc);
        if (n.device) onSelectDevice(n.device);
      }}
      data-testid={`bnode-${n.kind}`}
      data-id={n.id}
    >
      <CardBody n={n} w={w} h={h} />
    </svg>
  );
}, sameProps);

interface CardBodyProps {
  n: BNode;
  w: number;
  h: number;
}

const sameBody = (a: CardBodyProps, b: CardBodyProps): boolean => a.w === b.w && a.h === b.h && sameNode(a.n, b.n);

/** What a card draws inside its group: background, title, lines, MSR chips, badges. */
const CardBody = memo(function CardBody({ n, w, h }: CardBodyProps) {
  const lines =
    n.kind === 'device' && n.lines.length > 8 ? [...n.lines.slice(0, 7), `+${n.lines.length - 7} more`] : n.lines;
  const chipTop = 30 + lines.length * LINE;
  return (
    <>
      <rect width={w} height={h} rx={6} className="vz-card-bg" />
      <text x={10} y={21} className="vz-card-title">
        {n.changed ? '● ' : ''}
        {n.title}
      </text>
      {lines.map((l, i) => {
        const room = Math.max(8, Math.floor((w - 20) / 8.1));
        return (
          <text key={i} x={10} y={45 + i * LINE} className="vz-bnode-line">
            {l.length > room ? <title>{l}</title> : null}
            {l.length > room ? `${l.slice(0, room - 1)}…` : l}
          </text>
        );
      })}
      {n.chips.map((c, i) => (
        <g
          key={i}
          transform={`translate(${10 + (i % 4) * 50}, ${chipTop + 4 + Math.floor(i / 4) * 24})`}
          className={c.stale ? 'vz-chip vz-chip-stale' : c.valid ? 'vz-chip vz-chip-valid' : 'vz-chip'}
        >
          <rect width={46} height={19} rx={4} />
          <text x={23} y={14} textAnchor="middle">
            {c.text}
          </text>
        </g>
      ))}
      {n.badges.map((b, i) => (
        <text key={b} x={10} y={h - 8 - (n.badges.length - 1 - i) * LINE} className="vz-badge">
          {b}
        </text>
      ))}
    </>
  );
}, sameBody);
