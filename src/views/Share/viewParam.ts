/**
 * The link's `view` setting: which live views are open, one letter each (p PASID spaces,
 * s SMMUv3, v VT-d, b bindings, q queues, c statechart; "0" for none), absent when all are open.
 * Letters keep it within the codec's 32 characters and readable enough to edit by hand.
 */
import type { LiveViewId } from '../../store/index.ts';

/** Each live view's name, as its toggle button shows it. */
export const VIEW_LABELS: Record<LiveViewId, string> = {
  pasids: 'PASID spaces',
  smmu: 'SMMUv3 tables',
  vtd: 'VT-d tables',
  bindings: 'Bindings',
  queues: 'Queues',
  statechart: 'Statechart',
};

const CODES: Record<LiveViewId, string> = {
  pasids: 'p',
  smmu: 's',
  vtd: 'v',
  bindings: 'b',
  queues: 'q',
  statechart: 'c',
};
const IDS = Object.keys(CODES) as LiveViewId[];

/** All views open (what a link without `view` shows). */
export const ALL_VIEWS: Record<LiveViewId, boolean> = Object.fromEntries(IDS.map((id) => [id, true])) as Record<
  LiveViewId,
  boolean
>;

/** The `view` value for a set of open views (undefined when all are open). */
export function viewParam(views: Readonly<Record<LiveViewId, boolean>>): string | undefined {
  const on = IDS.filter((id) => views[id]);
  if (on.length === IDS.length) return undefined;
  return on.length === 0 ? '0' : on.map((id) => CODES[id]).join('');
}

/** The open views a `view` value names, or null when it is not a view list (e.g. "notes"). */
export function viewsFromParam(v: string | undefined): Record<LiveViewId, boolean> | null {
  if (v === undefined) return { ...ALL_VIEWS };
  if (v === '0') return Object.fromEntries(IDS.map((id) => [id, false])) as Record<LiveViewId, boolean>;
  if (!/^[psvbqc]{1,6}$/.test(v)) return null;
  return Object.fromEntries(IDS.map((id) => [id, v.includes(CODES[id])])) as Record<LiveViewId, boolean>;
}

/** The `view` values this app knows, in words (for the notice about one it does not). */
export const VIEW_VALUES = `letters from ${IDS.map((id) => CODES[id]).join('')} (${IDS.map(
  (id) => `${CODES[id]} ${VIEW_LABELS[id]}`
).join(', ')}), 0 for none, or notes (the speaker-notes window)`;

/** Whether `v` is a `view` value this app knows: a view list, "0", or the speaker-notes window's "notes". */
export function isKnownView(v: string): boolean {
  return v === 'notes' || viewsFromParam(v) !== null;
}
