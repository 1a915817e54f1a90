/**
 * Measuring helpers for workloads: wall time, medians and a sampled peak-heap tracker.
 * No `--expose-gc` is needed: the heap tracker reports the peak of `used_heap_size` samples,
 * which includes garbage not yet collected, so it is an upper bound on live memory.
 */
import { getHeapStatistics } from 'node:v8';

/** Runs `fn` once and returns its result with the elapsed wall time in milliseconds. */
export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await fn();
  return { ms: performance.now() - start, result };
}

/** Runs `fn` `runs` times and returns each run's time in milliseconds, in run order. */
export async function timeRuns(runs: number, fn: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timeIt(fn)).ms);
  return times;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Tracks the peak of the V8 used heap between `start` and `stop`. */
export interface HeapTracker {
  /** Takes a sample now; call it from inside long synchronous loops, where timers cannot fire. */
  sample(): void;
  /** Stops the timer and returns the peak used heap in bytes. */
  stop(): number;
}

/**
 * Starts a peak-heap tracker: samples every `intervalMs` while the event loop turns (async
 * workloads), plus whenever the workload calls `sample()` (synchronous loops).
 * @example
 * const heap = trackPeakHeap();
 * for (let i = 0; i < n; i++) { step(); if (i % 1000 === 0) heap.sample(); }
 * rows.push({ ..., value: formatBytes(heap.stop()) });
 */
export function trackPeakHeap(intervalMs = 10): HeapTracker {
  let peak = 0;
  const sample = (): void => {
    peak = Math.max(peak, getHeapStatistics().used_heap_size);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** "123.4 MiB"-style size. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** "0.123 s"-style time from milliseconds. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** "12.3 M/s"-style rate. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(1)} /s`;
}
