/**
 * Content equality for the queues view's memo comparators: a row or counter list that reads the
 * same as in the last step is not rendered again (frames bring new objects every step).
 */
import type { HwStat } from '../../protocol/views.ts';
import type { QueueEntry } from './queueModel.ts';

export const sameEntry = (a: QueueEntry, b: QueueEntry): boolean =>
  a === b ||
  (a.seq === b.seq &&
    a.name === b.name &&
    a.detail === b.detail &&
    a.severity === b.severity &&
    a.targets.length === b.targets.length &&
    a.targets.every((t, i) => b.targets[i] === t));

export const sameStat = (a: HwStat, b: HwStat): boolean =>
  a === b ||
  (a.iommu === b.iommu &&
    a.counters.length === b.counters.length &&
    a.counters.every(([k, v], i) => b.counters[i]![0] === k && b.counters[i]![1] === v));
