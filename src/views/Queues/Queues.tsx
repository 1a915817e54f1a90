/**
 * Queues view: what the current step pushed through each IOMMU's queues (commands, invalidation
 * descriptors, events, fault records), plus its table writes and MSR loads, newest first. Each
 * entry links to the table row it touched; the IOMMU counters sit above.
 */
import { useRef } from 'react';
import type { HwStat } from '../../protocol/views.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import { QUEUE_TITLE } from './queueModel.ts';
import type { QueueSection } from './queueModel.ts';
import { useTallestHeight } from './useTallestHeight.ts';

export interface QueuesProps {
  /** "Step 3: bind nic0 P2" or similar. */
  stepLabel: string;
  sections: readonly QueueSection[];
  stats: readonly HwStat[];
  onFocusEntry: (key: string) => void;
  /** Changes with the scenario's topology; within one, the panel keeps its tallest height. */
  epoch?: unknown;
}

const short = (key: string): string => key.slice(key.indexOf(':') + 1);

/** The ViewPanel section around the stats block. */
const panelOf = (stats: HTMLDivElement): HTMLElement | null => stats.parentElement;

export function Queues(p: QueuesProps) {
  const total = p.sections.reduce((n, s) => n + s.entries.length, 0);
  const stats = useRef<HTMLDivElement>(null);
  // Each step brings other queues and entry counts: without this the panel would grow and shrink
  // every step and move (re-lay out and repaint) the page below it.
  useTallestHeight(stats, panelOf, p.epoch);
  return (
    <ViewPanel
      title="Queues and effects of this step"
      testId="view-queues"
      summary={`${p.stepLabel} · ${total} effects`}
    >
      <div className="vz-stats" ref={stats}>
        {p.stats.map((s) => (
          <ul key={s.iommu} className="vz-stat" aria-label={`${s.iommu} counters`}>
            <li className="vz-stat-owner">{s.iommu}</li>
            {s.counters.map(([k, v]) => (
              <li key={k} className="vz-stat-item">
                <span className="vz-stat-key">{k}</span> <b>{v}</b>
              </li>
            ))}
          </ul>
        ))}
      </div>
      {p.sections.length === 0 ? <p className="vz-empty">This step touched no hardware.</p> : null}
      <div className="vz-queues">
        {p.sections.map((s) => (
          <section
            key={`${s.owner}|${s.kind}`}
            className={`vz-queue vz-queue-${s.kind}`}
            data-testid={`queue-${s.kind}`}
          >
            <h4>
              {s.owner === 'cpu' ? '' : `${s.owner} · `}
              {QUEUE_TITLE[s.kind]} <span className="vz-count">({s.entries.length}, newest first)</span>
            </h4>
            <ol className="vz-qlist" reversed>
              {s.entries.map((e) => (
                <li
                  key={e.seq}
                  className={e.severity === 'error' ? 'vz-qentry vz-qentry-error' : 'vz-qentry'}
                  data-testid="queue-entry"
                >
                  <span className="vz-qseq">#{e.seq}</span>
                  <span className="vz-qname">
                    {e.severity === 'error' ? '⚠ ' : ''}
                    {e.name}
                  </span>
                  <span className="vz-qdetail">{e.detail}</span>
                  {e.targets.slice(0, 3).map((t) => (
                    <button
                      key={t}
                      type="button"
                      className="vz-qlink"
                      onClick={() => p.onFocusEntry(t)}
                      title={`Show ${t} in the tables`}
                    >
                      → {short(t)}
                    </button>
                  ))}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </ViewPanel>
  );
}
