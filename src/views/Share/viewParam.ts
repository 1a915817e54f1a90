/**
 * The link's `view` setting: the live-view layout. One letter per open view (p PASID spaces,
 * s SMMUv3, v VT-d, b bindings, q queues, c statechart), upper case when that view shows its table
 * instead of its diagram; a leading "w" for the wide layout (side columns hidden); "0" for no view
 * open. Absent when every view is open as a diagram in the normal layout (older links say only
 * which views are open, and keep meaning that). Letters keep it within the codec's 32 characters
 * and readable enough to edit by hand.
 */
import { ALL_DIAGRAMS, selectWideViews } from '../../store/index.ts';
import type { LiveViewId, UiState, ViewMode } from '../../store/index.ts';

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

/** What a `view` value describes. */
export interface ViewLayout {
  views: Record<LiveViewId, boolean>;
  modes: Record<LiveViewId, ViewMode>;
  /** Side columns hidden ("Wide views"). */
  wide: boolean;
}

/** The layout a link without `view` opens with. */
export const DEFAULT_LAYOUT: ViewLayout = { views: ALL_VIEWS, modes: { ...ALL_DIAGRAMS }, wide: false };

/** The layout on screen. */
export function layoutOf(s: Pick<UiState, 'views' | 'viewModes' | 'panels'>): ViewLayout {
  return { views: s.views, modes: s.viewModes, wide: selectWideViews(s) };
}

/** The `view` value for a layout (undefined for the default one). A closed view's mode is not kept. */
export function viewParam(l: ViewLayout): string | undefined {
  const on = IDS.filter((id) => l.views[id]);
  const letters = on.map((id) => (l.modes[id] === 'table' ? CODES[id].toUpperCase() : CODES[id])).join('');
  if (!l.wide && on.length === IDS.length && !/[A-Z]/.test(letters)) return undefined;
  return `${l.wide ? 'w' : ''}${on.length === 0 ? '0' : letters}`;
}

/** The layout a `view` value names, or null when it is not a layout (e.g. "notes"). */
export function layoutFromParam(v: string | undefined): ViewLayout | null {
  if (v === undefined) return { ...DEFAULT_LAYOUT, modes: { ...ALL_DIAGRAMS } };
  const m = /^(w?)(0|[psvbqcPSVBQC]{1,6})$/.exec(v);
  if (!m) return null;
  const wide = m[1] === 'w';
  const list = m[2] ?? '';
  const lower = list.toLowerCase();
  // Each view at most once, whatever its case.
  if (new Set(lower).size !== lower.length) return null;
  const views = {} as Record<LiveViewId, boolean>;
  const modes = { ...ALL_DIAGRAMS };
  for (const id of IDS) {
    views[id] = lower.includes(CODES[id]);
    if (list.includes(CODES[id].toUpperCase())) modes[id] = 'table';
  }
  return { views, modes, wide };
}

/** The `view` values this app knows, in words (for the notice about one it does not). */
export const VIEW_VALUES = `letters from ${IDS.map((id) => CODES[id]).join('')} (${IDS.map(
  (id) => `${CODES[id]} ${VIEW_LABELS[id]}`
).join(
  ', '
)}; upper case: shown as a table), optionally after w (wide layout), 0 for none, or notes (the speaker-notes window)`;

/** Whether `v` is a `view` value this app knows: a layout, or the speaker-notes window's "notes". */
export function isKnownView(v: string): boolean {
  return v === 'notes' || layoutFromParam(v) !== null;
}
