/**
 * The live views: PASID spaces, SMMUv3 and VT-d tables, bindings, queues and the statechart,
 * fed from the frame store (once per published frame) and the UI store (selection, which views
 * are open, the entry a queue link points at). Views off screen skip the per-step work; views
 * just off screen catch up when stepping pauses (ViewSlot). Loaded lazily by the app shell.
 */
import { useLayoutEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  frameStore,
  selectFocusEntry,
  selectVersion,
  selectWideViews,
  setWideViews,
  toggleView,
  useFrame,
  useUiStore,
} from '../../store/index.ts';
import type { LiveViewId } from '../../store/index.ts';
import { BindingsView, PasidSpaceView, QueuesView, SmmuView, StatechartView, VtdView } from './containers.tsx';
import { FrameCache } from './frameCache.ts';
import { VIEW_LABELS } from '../Share/viewParam.ts';
import { useReadingView } from '../shared/readingView.ts';
import { ViewSlot } from './ViewSlot.tsx';

const VIEWS = {
  pasids: PasidSpaceView,
  smmu: SmmuView,
  vtd: VtdView,
  bindings: BindingsView,
  queues: QueuesView,
  statechart: StatechartView,
};

/**
 * Marks the page while a live view is being read: everything else then stops anchoring the page's
 * scrolling (styles.css), so that view stays put while the views above it grow.
 */
function useReadingAnchor(): void {
  const reading = useReadingView() !== null;
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.toggleAttribute('data-reading-view', reading);
    return () => root.removeAttribute('data-reading-view');
  }, [reading]);
}

export default function LiveViews() {
  useReadingAnchor();
  useFrame(selectVersion);
  const frame = frameStore.getState().frame;
  const sel = useUiStore(useShallow((s) => s.selection));
  const focusKey = useUiStore(selectFocusEntry);
  const open = useUiStore(useShallow((s) => s.views));
  const wide = useUiStore(selectWideViews);
  const [cache] = useState(() => new FrameCache());
  const topo = frame?.model.topology;
  if (!frame || !topo) return null;
  cache.sync(frame);
  const types = new Set(topo.iommus.map((m) => m.type));
  const available: LiveViewId[] = [
    'pasids',
    ...(types.has('smmuv3') ? (['smmu'] as const) : []),
    ...(types.has('vtd') ? (['vtd'] as const) : []),
    'bindings',
    'queues',
    'statechart',
  ];
  return (
    <section className="live-views" aria-label="Live views" data-testid="live-views">
      <div className="vz-viewbar" role="group" aria-label="Show views">
        <span className="vz-viewbar-label">Views</span>
        <button type="button" aria-pressed={wide} onClick={() => setWideViews(!wide)} data-testid="wide-views">
          Wide views
        </button>
        <span className="vz-viewbar-sep" aria-hidden="true" />
        {available.map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={open[id]}
            onClick={() => toggleView(id)}
            data-testid={`toggle-${id}`}
          >
            {VIEW_LABELS[id]}
          </button>
        ))}
      </div>
      {available
        .filter((id) => open[id])
        .map((id) => {
          const View = VIEWS[id];
          return (
            <ViewSlot key={id} id={id} version={frame.version}>
              {(active) => <View frame={frame} cache={cache} sel={sel} focusKey={focusKey} active={active} />}
            </ViewSlot>
          );
        })}
    </section>
  );
}
