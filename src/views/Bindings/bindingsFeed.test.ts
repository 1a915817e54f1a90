/**
 * The incremental feed against the full rebuild, frame by frame: every bundled scenario and
 * random big ones run in the in-process simulator, and at each published frame (with random
 * selections, and frames the view skips as if scrolled away) the feed's model must equal
 * buildBindings(bindingsInput(...)), the per-step rebuild it replaces.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectInProcess, SimClient } from '../../client/index.ts';
import type { Frame } from '../../client/index.ts';
import type { Policy, Scenario } from '../../engine/index.ts';
import { FrameCache } from '../LiveViews/frameCache.ts';
import { BindingsFeed } from './bindingsFeed.ts';
import { bindingsInput } from './bindingsInput.ts';
import type { BindingsSelection as Selection } from './bindingsInput.ts';
import { buildBindings } from './bindingsModel.ts';

const schedule = (flush: () => void): void => void setTimeout(flush, 0);

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** More processes and devices than the graph draws, so ranking and trimming both matter. */
function randomScenario(seed: number, policy: Policy, length: number): Scenario {
  const next = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const devs = Array.from({ length: 40 }, (_, i) => `d${i}`);
  const procs = Array.from({ length: 40 }, (_, i) => `P${i}`);
  const alive = [...procs];
  const steps: unknown[] = [];
  let forks = 0;
  let domains = 0;
  for (let s = 0; s < length; s++) {
    const r = next();
    const dev = pick(devs);
    if (r < 0.4) steps.push({ op: 'bind', dev, proc: pick(alive) });
    else if (r < 0.5) steps.push({ op: 'unbind', dev, proc: pick(alive) });
    else if (r < 0.62) {
      const proc = pick(alive);
      steps.push({ op: 'enqcmd', proc, dev, thread: proc.startsWith('F') ? 0 : Math.floor(next() * 3) });
    } else if (r < 0.66) {
      const child = `F${forks++}`;
      steps.push({ op: 'fork', proc: pick(alive), child });
      alive.push(child);
    } else if (r < 0.7) steps.push({ op: 'exit', proc: pick(alive) });
    else if (r < 0.74) {
      const id = `k${domains++}`;
      steps.push({ op: 'domain_alloc', id, iommu: dev === 'd1' ? 'dmar0' : 'smmu0', type: 'paging' });
      steps.push({ op: 'attach_pasid', dev, domain: id, pasid: 1 + Math.floor(next() * 6) });
    } else if (r < 0.77) steps.push({ op: 'detach_pasid', dev, pasid: 1 + Math.floor(next() * 6) });
    else if (r < 0.8) steps.push({ op: 'alloc_global_pasid', dev });
    else steps.push({ op: 'dma', dev, pasid: 1 + Math.floor(next() * 8) });
  }
  return {
    format: 'pasid-sandbox/1',
    title: `random ${seed}`,
    policy,
    arch: 'x86',
    iommus: [
      { id: 'smmu0', type: 'smmuv3', ssidBits: 20 },
      { id: 'dmar0', type: 'vtd', pasidBits: 20 },
    ],
    devices: devs.map((id, i) => ({
      id,
      iommu: i % 5 === 1 ? 'dmar0' : 'smmu0',
      bus: i % 7 === 0 ? 'platform' : 'pci',
      pasidBits: i % 7 === 0 ? 2 : 20,
      enqcmd: i % 3 === 0,
      ...(i % 6 === 2 ? { group: `g${i % 12}` } : {}),
    })),
    processes: procs.map((id) => ({ id, threads: 3 })),
    steps,
  } as unknown as Scenario;
}

/** Replays `scenario` step by step and checks every published frame. */
async function replay(scenario: Scenario, policy: Policy, seed: number): Promise<number> {
  const next = rng(seed);
  const c = new SimClient({ connect: connectInProcess, schedule, watchdogMs: 5000, readyTimeoutMs: 5000 });
  const cache = new FrameCache();
  const feed = new BindingsFeed();
  let sel: Selection = { device: null, proc: null };
  let checked = 0;
  const failures: string[] = [];
  const check = (f: Frame): void => {
    const full = buildBindings(bindingsInput(f.model, cache, f.views, f.viewChanges, sel));
    try {
      expect(feed.model(f, cache, sel)).toEqual(full);
      checked++;
    } catch (e) {
      failures.push(`frame ${f.version} cursor ${f.model.cursor}: ${(e as Error).message.slice(0, 2000)}`);
    }
  };
  const off = c.onFrame((f) => {
    cache.sync(f);
    // Off screen now and then: the feed misses frames and must catch up.
    if (next() < 0.1) return;
    if (next() < 0.15) {
      const ids = f.model.procIds();
      const devs = f.model.deviceIds();
      sel = {
        proc: next() < 0.6 ? (ids[Math.floor(next() * ids.length)] ?? null) : null,
        device: next() < 0.5 ? (devs[Math.floor(next() * devs.length)] ?? null) : null,
      };
    }
    check(f);
    if (next() < 0.1) {
      // The same frame again with another selection (the gate re-renders on selection changes).
      sel = { proc: f.model.procIds()[0] ?? null, device: sel.device };
      check(f);
    }
  });
  await c.load(scenario, policy, 0);
  const steps = scenario.steps.length;
  for (let i = 0; i < steps; i++) {
    await c.step();
    if (i % 3 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  await new Promise((r) => setTimeout(r, 5));
  off();
  c.dispose();
  expect(failures).toEqual([]);
  return checked;
}

const scenarios = (
  JSON.parse(readFileSync(new URL('../../../public/scenarios/index.json', import.meta.url), 'utf8')) as {
    scenarios: { file: string }[];
  }
).scenarios.map(
  (s) => JSON.parse(readFileSync(new URL(`../../../public/scenarios/${s.file}`, import.meta.url), 'utf8')) as Scenario
);

describe('BindingsFeed equals the full rebuild on every frame', () => {
  it.each(scenarios.map((s) => [s.title, s] as const))(
    '%s',
    async (_title, s) => {
      expect(await replay(s, s.policy as Policy, 7)).toBeGreaterThan(0);
    },
    30_000
  );

  it.each([
    [1, 'global'],
    [2, 'per-device-cap'],
    [3, 'driver-managed'],
    [4, 'arch-gated'],
  ] as const)(
    'random scenario %i (%s)',
    async (seed, policy) => {
      expect(await replay(randomScenario(seed, policy, 300), policy, seed)).toBeGreaterThan(100);
    },
    60_000
  );
});
