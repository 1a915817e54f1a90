/**
 * The kernel-state panel below the live views: a line of counters, the devices as cards and the
 * processes as a table.
 */
import { useEffect, useRef } from 'react';
import { frameStore } from '../../store/index.ts';
import type { FrameState } from '../../store/index.ts';
import { DeviceCards } from './DeviceCards.tsx';
import { ProcessTable } from './ProcessTable.tsx';

/**
 * One line of counters, repainted on every frame without a React render (transient subscription).
 * Only kernel counts: the frame's version number is the worker protocol's, not something a user reads.
 */
function FrameStats() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const paint = (s: FrameState): void => {
      const m = s.frame?.model;
      if (!ref.current || !m) return;
      const g = m.globalPasids;
      const list =
        g.length === 0
          ? 'none'
          : g.length <= 12
            ? [...g].join(', ')
            : `${[...g.subarray(0, 12)].join(', ')}, … (${g.length})`;
      ref.current.textContent = `Global PASIDs allocated: ${list} · bonds: ${m.bondCount()} · processes: ${m.procCount}`;
    };
    paint(frameStore.getState());
    return frameStore.subscribe(paint);
  }, []);
  // The text goes in a fixed block of its own (a relayout boundary), so a new count lays out that
  // line alone instead of the page from its root.
  return (
    <p className="frame-stats" data-testid="frame-stats">
      <span ref={ref} className="frame-stats-text" />
    </p>
  );
}

export function MainPanel() {
  return (
    <section className="panel main-panel" aria-labelledby="main-panel-title" data-testid="viz-slot">
      <h2 id="main-panel-title">Kernel state</h2>
      <FrameStats />
      <DeviceCards />
      <ProcessTable />
    </section>
  );
}
