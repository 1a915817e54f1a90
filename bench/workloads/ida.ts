/**
 * W3: the global PASID IDA under full load. Fills [1, 2^20−1] (every global PASID), then runs
 * 1,000,000 random free/alloc pairs; with the rest of the space full, each alloc must return
 * the ID just freed (R8), so the search always walks the summary levels from ID 1.
 */
import { createIda, idaAlloc, idaFree } from '../../src/engine/alloc/ida.ts';
import { formatBytes, formatRate, formatSeconds, median, timeIt } from '../measure.ts';
import { mulberry32, randomInt } from '../prng.ts';
import type { BenchRow, Workload } from '../types.ts';

const NAME = 'W3';
const SPACE = 2 ** 20;
const MAX = SPACE - 1;
const PAIRS = 1_000_000;
const RUNS = 3;
const TARGET_MS = 300;
const SEED = 0x5eed;

interface RunTimes {
  fillMs: number;
  churnMs: number;
  totalMs: number;
  stateBytes: number;
}

function fail(message: string): never {
  throw new Error(`${NAME}: ${message}`);
}

async function runOnce(): Promise<RunTimes> {
  const next = mulberry32(SEED);
  const start = performance.now();
  const ida = createIda(SPACE);
  for (let expected = 1; expected <= MAX; expected++) {
    const id = idaAlloc(ida, 1, MAX);
    if (id !== expected) fail(`fill: expected ${expected}, got ${id}`);
  }
  const filled = performance.now();
  const churn = await timeIt(() => {
    for (let i = 0; i < PAIRS; i++) {
      const id = randomInt(next, 1, MAX);
      if (!idaFree(ida, id)) fail(`free(${id}) refused`);
      const again = idaAlloc(ida, 1, MAX);
      if (again !== id) fail(`alloc after free(${id}) returned ${again}`);
    }
  });
  const stateBytes = ida.words.byteLength + ida.levelStart.byteLength + ida.nonEmpty.byteLength;
  return { fillMs: filled - start, churnMs: churn.ms, totalMs: performance.now() - start, stateBytes };
}

/** W3: fill the 2^20 PASID space, then 1M free/alloc pairs; target ≤ 0.3 s in total. */
export const workload: Workload = {
  name: NAME,
  async run(): Promise<BenchRow[]> {
    const runs: RunTimes[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runOnce());
    const totalMs = median(runs.map((r) => r.totalMs));
    const ops = MAX + 2 * PAIRS; // fill allocs + one free and one alloc per pair
    const row = (measure: string, value: string, target = '', ok: boolean | null = null): BenchRow => ({
      workload: `${NAME} ida`,
      measure,
      value,
      target,
      ok,
    });
    return [
      row(
        `total time (median of ${RUNS})`,
        formatSeconds(totalMs),
        `≤ ${formatSeconds(TARGET_MS)}`,
        totalMs <= TARGET_MS
      ),
      row('total time, each run', runs.map((r) => formatSeconds(r.totalMs)).join(', ')),
      row(`fill 2^20−1 allocs (median)`, formatSeconds(median(runs.map((r) => r.fillMs)))),
      row(`${PAIRS / 1e6}M free+alloc pairs (median)`, formatSeconds(median(runs.map((r) => r.churnMs)))),
      row('ops/s (fill + pairs)', formatRate((ops / totalMs) * 1000)),
      row('IDA state size', formatBytes(runs[0]!.stateBytes)),
    ];
  },
};
