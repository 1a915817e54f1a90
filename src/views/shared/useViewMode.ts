/**
 * A live view's diagram/table switch, kept in the UI store (not the view's own state) so that a
 * share link carries it and reopening the link shows the same mode (Share/viewParam.ts).
 */
import { useCallback } from 'react';
import { setViewMode, useUiStore } from '../../store/index.ts';
import type { LiveViewId, ViewMode } from '../../store/index.ts';

export function useViewMode(id: LiveViewId): [ViewMode, (mode: ViewMode) => void] {
  const mode = useUiStore((s) => s.viewModes[id]);
  const set = useCallback((m: ViewMode) => setViewMode(id, m), [id]);
  return [mode, set];
}
