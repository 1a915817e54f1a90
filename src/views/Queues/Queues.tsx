/**
 * Queues view: what the current step pushed through each IOMMU's queues (commands, invalidation
 * descriptors, events, fault records), plus its table writes and PASID-register loads, newest first. Each
 * entry links to the table row it touched; the IOMMU counters sit above.
 *
 * Every step replaces all of this, so the view is built to change as little of the page as it can:
 * sections and rows are keyed by position (the next step's entries reuse the same elements and
 * only their texts change, rather than every row being new DOM), and the panel keeps its tallest
 * height (see useTallestHeight) so the page below it does not move.
 */
import { memo, useRef } from 'react';
import type { HwStat } from '../../protocol/views.ts';
import { ViewPanel } from '../shared/ViewPanel.tsx';
import { QUEUE_TITLE } from './queueModel.ts';
import type { QueueEntry, QueueSection } from './queueModel.ts';
import { QueueStats } from './QueueStats.tsx';
import { sameEntry } from './same.ts';
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
  useTallestHeight(stats, panelOf, p.epoch);
  return (
    <ViewPanel
      title="Queues and effects of this step"
      testId="view-queues"
      summary={`${p.stepLabel} · ${total} effects`}
    >
      <QueueStats stats={p.stats} ref={stats} />
      {p.sections.length === 0 ? <p className="vz-empty">This step touched no hardware.</p> : null}
      <div className="vz-queues">
        {p.sections.map((s, i) => (
          <Queue key={i} section={s} onFocusEntry={p.onFocusEntry} />
        ))}
      </div>
    </ViewPanel>
  );
}

function Queue({ section: s, onFocusEntry }: { section: QueueSection; onFocusEntry: (key: string) => void }) {
  return (
    <section className={`vz-queue vz-queue-${s.kind}`} data-testid={`queue-${s.kind}`}>
      <h4>
        {`${s.owner === 'cpu' ? '' : `${s.owner} · `}${QUEUE_TITLE[s.kind]} `}
        <span className="vz-count">{`(${s.entries.length}, newest first)`}</span>
      </h4>
      <ol className="vz-qlist" reversed>
        {s.entries.map((e, i) => (
          <Entry key={i} entry={e} onFocusEntry={onFocusEntry} />
        ))}
      </ol>
    </section>
  );
}

interface EntryProps {
  entry: QueueEntry;
  onFocusEntry: (key: string) => void;
}

/** A row re-renders only when its entry reads differently (many steps repeat "#9 SYNC"). */
const Entry = memo(EntryRow, (a, b) => a.onFocusEntry === b.onFocusEntry && sameEntry(a.entry, b.entry));

// Each text is one string (one text node, not "#" + seq): fewer nodes for the browser to lay out
// and update when a step rewrites the rows.
function EntryRow({ entry: e, onFocusEntry }: EntryProps) {
  return (
    <li className={e.severity === 'error' ? 'vz-qentry vz-qentry-error' : 'vz-qentry'} data-testid="queue-entry">
      <span className="vz-qseq">{`#${e.seq}`}</span>
      <span className="vz-qname">{e.severity === 'error' ? `⚠ ${e.name}` : e.name}</span>
      <span className="vz-qdetail">{e.detail}</span>
      {e.targets.slice(0, 3).map((t, i) => (
        <button
          key={i}
          type="button"
          className="vz-qlink"
          onClick={() => onFocusEntry(t)}
          title={`Show ${t} in the tables`}
          // Several rows link to the same entry (a write, its CFGI, its event): the accessible
          // name says which row's link this is, as the visible "→ CD[1][1]" cannot.
          aria-label={`#${e.seq} ${e.name}: show ${short(t)} in the tables`}
        >
          {`→ ${short(t)}`}
        </button>
      ))}
    </li>
  );
}
