/**
 * W1/W2: engine step throughput. 1,000,000 mixed steps over 1,000 devices on 4 IOMMUs (2 SMMUv3 +
 * 2 VT-d) and 10,000 processes: 45% bind of a random (device, process), 35% unbind of a random
 * outstanding bond (so both do real hardware work), 17% DMA with a small PASID, 1.5% exit and 1.5%
 * fork (keeping the live population at 10,000). Effects are recorded on every step and dropped
 * after it, as a streaming caller (the CLI, the worker) would.
 * The state grows over the run: binds succeed more often than unbinds are drawn, so about 56,000
 * bonds are outstanding after 1M steps (11,000 after 200k), and exited processes stay in the state
 * (about 25,000 by the end). Later steps therefore look up larger tables than early ones.
 * W1 runs the mainline `global` policy, W2 `per-device-cap`.
 */
import { Simulation } from '../../src/engine/sim/simulation.ts';
import type { Policy, Scenario, Step } from '../../src/engine/scenario/types.ts';
import { formatBytes, formatRate, trackPeakHeap } from '../measure.ts';
import { mulberry32, randomInt } from '../prng.ts';
import type { BenchRow, Workload } from '../types.ts';

const STEPS = Number(process.env.W_STEPS ?? 1_000_000);
const DEVICES = 1000;
const PROCS = 10_000;
const SEED = 0xbe4c;

// Ids are built once and shared with the topology, so the harness allocates no strings per step and
// the engine's Map lookups hit strings whose hashes are already cached.
const DEV_IDS = Array.from({ length: DEVICES }, (_, i) => `d${i}`);
const PROC_IDS = Array.from({ length: PROCS }, (_, i) => `p${i}`);

function topology(): Scenario {
  const iommus = [
    { id: 'smmu0', type: 'smmuv3' as const },
    { id: 'smmu1', type: 'smmuv3' as const },
    { id: 'dmar0', type: 'vtd' as const },
    { id: 'dmar1', type: 'vtd' as const },
  ];
  const devices = DEV_IDS.map((id, i) => ({
    id,
    iommu: iommus[i % 4]?.id ?? 'smmu0',
    // Mostly full-width PCIe devices, some small platform-style ones (the RFC's 2-bit device).
    pasidBits: i % 10 === 0 ? 2 : 20,
    ats: i % 4 >= 2,
  }));
  const processes = PROC_IDS.map((id) => ({ id }));
  return { format: 'pasid-sandbox/1', iommus, devices, processes, steps: [] };
}

function runOnce(policy: Policy): { ms: number; peak: number; failed: number } {
  const sim = Simulation.create(topology(), { policy, effects: true });
  const next = mulberry32(SEED);
  const live: string[] = PROC_IDS.slice();
  // Outstanding bonds as two parallel columns (swap-remove keeps both in step).
  const bondDev: string[] = [];
  const bondProc: string[] = [];
  let spawned = PROCS;
  let failed = 0;
  const heap = trackPeakHeap();
  const t0 = performance.now();
  for (let i = 0; i < STEPS; i++) {
    const r = next();
    const dev = DEV_IDS[randomInt(next, 0, DEVICES - 1)] ?? 'd0';
    const slot = randomInt(next, 0, live.length - 1);
    const proc = live[slot] ?? 'p0';
    let step: Step;
    if (r < 0.45) step = { op: 'bind', dev, proc };
    else if (r < 0.8 && bondDev.length > 0) {
      const b = randomInt(next, 0, bondDev.length - 1);
      const last = bondDev.length - 1;
      step = { op: 'unbind', dev: bondDev[b] ?? 'd0', proc: bondProc[b] ?? 'p0' };
      bondDev[b] = bondDev[last] ?? 'd0'; // swap-remove: O(1)
      bondProc[b] = bondProc[last] ?? 'p0';
      bondDev.pop();
      bondProc.pop();
    } else if (r < 0.8) step = { op: 'unbind', dev, proc };
    else if (r < 0.97) step = { op: 'dma', dev, pasid: randomInt(next, 1, 3) };
    else if (r < 0.985) step = { op: 'exit', proc };
    else {
      const child = `p${spawned++}`;
      step = { op: 'fork', proc, child };
      live.push(child);
    }
    if (step.op === 'exit') {
      live[slot] = live[live.length - 1] ?? proc; // swap-remove: O(1)
      live.pop();
    }
    const res = sim.apply(step);
    if (!res.ok) failed++;
    else if (step.op === 'bind') {
      bondDev.push(step.dev);
      bondProc.push(step.proc);
    }
    if ((i & 0xffff) === 0) heap.sample();
  }
  const ms = performance.now() - t0;
  return { ms, peak: heap.stop(), failed };
}

function rows(name: string, policy: Policy, withHeap: boolean): BenchRow[] {
  const { ms, peak, failed } = runOnce(policy);
  const rate = STEPS / (ms / 1000);
  const out: BenchRow[] = [
    {
      workload: `${name} engine (${policy})`,
      measure: `throughput, ${STEPS.toLocaleString('en')} steps (${((failed / STEPS) * 100).toFixed(0)}% kernel errors)`,
      value: `${formatRate(rate)} steps/s`,
      target: '≥ 500k steps/s',
      ok: rate >= 500_000,
    },
  ];
  if (withHeap) {
    out.push({
      workload: `${name} engine (${policy})`,
      measure: 'peak heap',
      value: formatBytes(peak),
      target: '≤ 300 MB',
      ok: peak <= 300e6,
    });
  }
  return out;
}

export const w1: Workload = { name: 'W1', run: () => Promise.resolve(rows('W1', 'global', true)) };
export const w2: Workload = { name: 'W2', run: () => Promise.resolve(rows('W2', 'per-device-cap', true)) };
