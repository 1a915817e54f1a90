/**
 * UI state: selection, open panels, the selected kernel policy, playback speed and the notice
 * banner. Never kernel state (that is the frame store) and never lifecycle state (machines).
 * Actions are module-level functions; selectors live at module scope.
 */
import { create } from 'zustand';
import type { Policy } from '../engine/index.ts';

export type PanelId = 'topology' | 'inspector' | 'log';

/** The live views that can be shown or hidden. */
export type LiveViewId = 'pasids' | 'smmu' | 'vtd' | 'bindings' | 'queues' | 'statechart';

/** How a live view shows its state: a diagram, or its table equivalent. */
export type ViewMode = 'diagram' | 'table';

/** A message for the user: a scenario that failed to load, an export that happened. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface UiState {
  selection: { device: string | null; proc: string | null };
  panels: Record<PanelId, boolean>;
  /** The kernel policy the user selected (the frame says which one the worker runs). */
  policy: Policy;
  playback: { intervalMs: number };
  /** Where the current scenario came from (index file name, dropped file name). */
  source: string | null;
  notice: Notice | null;
  /** Which live views are open. */
  views: Record<LiveViewId, boolean>;
  /** Diagram or table, per live view (in the store, not the view, so a share link carries it). */
  viewModes: Record<LiveViewId, ViewMode>;
  /** The table entry (row key, e.g. "smmu0:CD[0][1]") a queue entry pointed at, highlighted in the tables. */
  focusEntry: string | null;
}

/** Every live view as a diagram (the default, and what a link without table letters shows). */
export const ALL_DIAGRAMS: Readonly<Record<LiveViewId, ViewMode>> = {
  pasids: 'diagram',
  smmu: 'diagram',
  vtd: 'diagram',
  bindings: 'diagram',
  queues: 'diagram',
  statechart: 'diagram',
};

const initial = (): UiState => ({
  selection: { device: null, proc: null },
  panels: { topology: true, inspector: true, log: true },
  policy: 'global',
  playback: { intervalMs: 700 },
  source: null,
  notice: null,
  views: { pasids: true, smmu: true, vtd: true, bindings: true, queues: true, statechart: true },
  viewModes: ALL_DIAGRAMS,
  focusEntry: null,
});

export const useUiStore = create<UiState>()(initial);

/** Selects a device for the inspector (null clears). */
export function selectDevice(device: string | null): void {
  useUiStore.setState((s) => ({ selection: { ...s.selection, device } }));
}

/** Selects a process for the inspector (null clears). */
export function selectProc(proc: string | null): void {
  useUiStore.setState((s) => ({ selection: { ...s.selection, proc } }));
}

export function togglePanel(id: PanelId): void {
  useUiStore.setState((s) => ({ panels: { ...s.panels, [id]: !s.panels[id] } }));
}

/** Shows or hides both side columns (topology, inspector) so the live views get the width. */
export function setWideViews(wide: boolean): void {
  useUiStore.setState((s) => ({ panels: { ...s.panels, topology: !wide, inspector: !wide } }));
}

export function setViewMode(id: LiveViewId, mode: ViewMode): void {
  useUiStore.setState((s) => ({ viewModes: { ...s.viewModes, [id]: mode } }));
}

export function toggleView(id: LiveViewId): void {
  useUiStore.setState((s) => ({ views: { ...s.views, [id]: !s.views[id] } }));
}

/** Points the hardware tables at one entry (null clears). */
export function setFocusEntry(key: string | null): void {
  useUiStore.setState({ focusEntry: key });
}

export function setPolicy(policy: Policy): void {
  useUiStore.setState({ policy });
}

export function setPlaybackInterval(intervalMs: number): void {
  useUiStore.setState({ playback: { intervalMs: Math.max(50, Math.min(5000, intervalMs)) } });
}

/** Records a successfully loaded scenario: its source, its policy, and a fresh selection. */
export function scenarioLoaded(source: string, policy: Policy): void {
  useUiStore.setState({ source, policy, notice: null, selection: { device: null, proc: null }, focusEntry: null });
}

export function showNotice(notice: Notice): void {
  useUiStore.setState({ notice });
}

export function clearNotice(): void {
  useUiStore.setState({ notice: null });
}

/** Back to the initial state (tests). */
export function resetUiStore(): void {
  useUiStore.setState(initial(), true);
}

export const selectSelection = (s: UiState): UiState['selection'] => s.selection;
export const selectPolicy = (s: UiState): Policy => s.policy;
export const selectNotice = (s: UiState): Notice | null => s.notice;
export const selectPanels = (s: UiState): UiState['panels'] => s.panels;
/** Whether both side columns are hidden (the "Wide views" layout). */
export const selectWideViews = (s: Pick<UiState, 'panels'>): boolean => !s.panels.topology && !s.panels.inspector;
export const selectInterval = (s: UiState): number => s.playback.intervalMs;
export const selectSource = (s: UiState): string | null => s.source;
export const selectFocusEntry = (s: UiState): string | null => s.focusEntry;
