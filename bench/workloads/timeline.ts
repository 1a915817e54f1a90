/**
 * timeline: random access in a 100,000-step scenario, on three topologies (devices spread over
 * 2 SMMUv3 + 2 VT-d; binds, unbinds, DMA, ENQCMD, PASID attach/detach, exits and forks). After one pass
 * that builds the checkpoints, 500 random seeks (each followed by reading the current step's
 * effects, as the views do) are timed, in wall time (the target) and in process CPU time (all
 * threads, garbage collectors included: steadier than wall time on a shared machine). Memory: the
 * checkpoints' serialized size (v8.serialize of each checkpoint's state), plus the kept results.
 */
import { serialize } from 'node:v8';
import { Timeline } from '../../src/engine/index.ts';
import type { Scenario, Step } from '../../src/engine/index.ts';
import { formatBytes } from '../measure.ts';
import { mulberry32, randomInt } from '../prng.ts';
import type { BenchRow, Workload } from '../types.ts';

const NAME = 'timeline';
const STEPS = 100_000;
const SEEKS = 500;
const TARGET_MS = 50;

function scenario(nDevices: number, nProcs: number): Scenario {
  const next = mulberry32(0x71e1);
  const int = (n: number): number => randomInt(next, 0, n - 1);
  const iommus = [
    { id: 'smmu0', type: 'smmuv3' as const },
    { id: 'smmu1', type: 'smmuv3' as const },
    { id: 'dmar0', type: 'vtd' as const },
    { id: 'dmar1', type: 'vtd' as const },
  ];
  const devices = Array.from({ length: nDevices }, (_, i) => ({
    id: `d${i}`,
    iommu: iommus[i % 4]?.id ?? 'smmu0',
    pasidBits: i % 8 === 0 ? 2 : 20,
    enqcmd: i % 4 >= 2,
  }));
  const processes = Array.from({ length: nProcs }, (_, i) => ({ id: `p${i}`, threads: 2 }));
  let forks = 0;
  const live = processes.map((p) => p.id);
  const steps: Step[] = [];
  for (let i = 0; i < STEPS; i++) {
    const r = next();
    const dev = `d${int(nDevices)}`;
    const proc = live[int(live.length)] ?? 'p0';
    if (r < 0.4) steps.push({ op: 'bind', dev, proc });
    else if (r < 0.72) steps.push({ op: 'unbind', dev, proc });
    else if (r < 0.84) steps.push({ op: 'dma', dev, pasid: 1 + int(16) });
    else if (r < 0.9) steps.push({ op: 'enqcmd', proc, dev, thread: int(2) });
    else if (r < 0.94) steps.push({ op: 'attach_pasid', dev, domain: 'default', pasid: 1 + int(64) });
    else if (r < 0.98) steps.push({ op: 'detach_pasid', dev, pasid: 1 + int(64) });
    else if (r < 0.99) steps.push({ op: 'exit', proc });
    else {
      const child = `c${forks++}`;
      steps.push({ op: 'fork', proc, child });
      live.push(child);
    }
  }
  return { format: 'pasid-sandbox/1', title: 'timeline bench', iommus, devices, processes, steps };
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

function measure(nDevices: number, nProcs: number): BenchRow[] {
  const sc = scenario(nDevices, nProcs);
  const topo = `${nDevices} dev, ${nProcs} proc`;
  const t0 = performance.now();
  const tl = Timeline.create(sc);
  tl.seek(STEPS);
  const buildMs = performance.now() - t0;

  // Checkpoint memory: visit every checkpoint (seek to its index) and size its state.
  let cpBytes = 0;
  let stateBytes = 0;
  for (let k = 0; k < tl.checkpointCount; k++) {
    tl.seek(k * tl.interval);
    stateBytes = serialize(tl.state).length;
    cpBytes += stateBytes;
  }
  const resultsBytes = serialize(tl.resultRange(0, tl.length)).length;

  const next = mulberry32(0x5eec);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let s = 0; s < SEEKS; s++) {
    const target = randomInt(next, 0, STEPS);
    const cpu = process.cpuUsage();
    const a = performance.now();
    tl.seek(target);
    tl.currentResult();
    times.push(performance.now() - a);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    if (tl.cursor !== target) throw new Error(`${NAME}: seek(${target}) landed on ${tl.cursor}`);
  }
  times.sort((x, y) => x - y);
  cpuTimes.sort((x, y) => x - y);
  const p50 = pct(times, 50);
  const p95 = pct(times, 95);
  const max = times[times.length - 1] ?? NaN;
  const w = `${NAME} (${topo})`;
  return [
    {
      workload: w,
      measure: `${SEEKS} random seeks in ${STEPS.toLocaleString('en')} steps: p50 / p95`,
      value: `${p50.toFixed(1)} / ${p95.toFixed(1)} ms`,
      target: `p95 ≤ ${TARGET_MS} ms`,
      ok: p95 <= TARGET_MS,
    },
    { workload: w, measure: 'max seek', value: `${max.toFixed(1)} ms`, target: '', ok: null },
    {
      workload: w,
      measure: 'seek CPU time (all threads): p50 / p95 / max',
      value: `${pct(cpuTimes, 50).toFixed(1)} / ${pct(cpuTimes, 95).toFixed(1)} / ${(cpuTimes.at(-1) ?? NaN).toFixed(1)} ms`,
      target: '',
      ok: null,
    },
    {
      workload: w,
      measure: `checkpoints: ${tl.checkpointCount} every ${tl.interval} steps (${(tl.checkpointSize / 1e6).toFixed(2)} M values), last state ${formatBytes(stateBytes)} (serialized)`,
      value: formatBytes(cpBytes),
      target: '≤ 64 MiB',
      ok: cpBytes <= 64 * 1024 ** 2,
    },
    {
      workload: w,
      measure: 'kept results (no effects, serialized)',
      value: formatBytes(resultsBytes),
      target: '',
      ok: null,
    },
    {
      workload: w,
      measure: 'first pass (all steps + checkpoints)',
      value: `${buildMs.toFixed(0)} ms`,
      target: '',
      ok: null,
    },
  ];
}

export const workload: Workload = {
  name: NAME,
  run: () => Promise.resolve([...measure(8, 16), ...measure(16, 64), ...measure(64, 512)]),
};
