/**
 * Property suite: random step sequences under each policy, checking the kernel's invariants after every
 * step (issue 2 §6): no PASID held twice in one space, the global IDA equals live mm PASIDs plus kernel
 * allocations, every attached (device, PASID) has a valid hardware entry and vice versa, nothing leaks
 * after unbind + exit, and the same scenario gives the same trace hash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idaToArray } from '../alloc/ida.ts';
import { DRIVERS } from '../hw/index.ts';
import { bondDev, bondProc } from '../kernel/lookup.ts';
import { IOMMU_PASID_INVALID } from '../kernel/state.ts';
import type { SimState } from '../kernel/state.ts';
import { POLICIES } from '../scenario/types.ts';
import type { Policy, Scenario, Step } from '../scenario/types.ts';
import { Simulation, runScenario } from './simulation.ts';

const DEVS = ['nic0', 'acc0', 'pair0', 'pair1', 'dsa0', 'iax0'];
const PROCS = ['P1', 'P2', 'P3', 'P4', 'C1', 'C2'];

function topology(policy: Policy, arch: 'x86' | 'arm64', steps: Step[] = []): Scenario {
  return {
    format: 'pasid-sandbox/1',
    policy,
    arch,
    iommus: [
      { id: 'smmu0', type: 'smmuv3', ssidBits: 16 },
      { id: 'dmar0', type: 'vtd' },
    ],
    devices: [
      { id: 'nic0', iommu: 'smmu0', pasidBits: 20, ats: true },
      { id: 'acc0', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
      { id: 'pair0', iommu: 'smmu0', pasidBits: 8, group: 'g1' },
      { id: 'pair1', iommu: 'smmu0', pasidBits: 4, group: 'g1' },
      { id: 'dsa0', iommu: 'dmar0', pasidBits: 20, enqcmd: true, ats: true, pri: true },
      { id: 'iax0', iommu: 'dmar0', pasidBits: 3, ats: true },
    ],
    processes: [{ id: 'P1', threads: 2 }, { id: 'P2' }, { id: 'P3' }, { id: 'P4' }],
    steps,
  };
}

const dev = fc.constantFrom(...DEVS);
const proc = fc.constantFrom(...PROCS);
const pasid = fc.integer({ min: 0, max: 20 });
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('bind' as const), dev, proc }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('unbind' as const), dev, proc }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('bind_pasid' as const), dev, proc }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('exit' as const), proc }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('fork' as const),
      proc: fc.constantFrom('P1', 'P2'),
      child: fc.constantFrom('C1', 'C2'),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('dma' as const), dev, pasid }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('enqcmd' as const), proc, dev }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('alloc_global_pasid' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('free_global_pasid' as const), pasid }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('attach_pasid' as const), dev, domain: fc.constant('default'), pasid }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('attach_pasid_any' as const), dev, domain: fc.constant('default') }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('detach_pasid' as const), dev, pasid }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('claim_dma_owner' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release_dma_owner' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('reset_prepare' as const, 'reset_done' as const), dev }) }
);

/** PASIDs the global IDA must hold: live mms' global PASIDs and kernel allocations, each exactly once. */
function checkGlobalSpace(s: SimState): void {
  const held: number[] = [];
  for (const p of s.procs.values()) {
    const mm = p.iommuMm;
    if (p.mmLive && mm?.pasidGlobal && mm.pasid !== IOMMU_PASID_INVALID) held.push(mm.pasid);
  }
  // free_global_pasid may legally free an mm's PASID (a caller bug the kernel does not catch); count it once.
  const expected = new Set([...held, ...s.kernelPasids.keys()]);
  const actual = idaToArray(s.globalIda);
  expect(new Set(actual).size).toBe(actual.length);
  for (const p of actual) expect(expected.has(p) || s.kernelPasids.has(p)).toBe(true);
  const mmHeld = new Set<number>();
  for (const p of held) {
    expect(mmHeld.has(p), `global PASID ${p} held by two mms`).toBe(false);
    mmHeld.add(p);
  }
}

/**
 * Every non-resetting PASID-capable device has a valid hardware entry at each of its group's PASIDs
 * and nowhere else, with one exception: on VT-d an mm release zeroes the entries of the mm's SVA
 * domain (intel_pasid_tear_down_entry since 75ed00055c05 leaves no FPD entry), while the PASID stays
 * in group->pasid_array until the driver unbinds (R14, R20).
 */
function checkHardware(sim: Simulation): void {
  const s = sim.state;
  for (const d of s.devices.values()) {
    const g = s.groups.get(d.group);
    const iommu = s.iommus.get(d.iommu);
    if (!g || !iommu || d.maxPasids === 0 || g.resetting.has(d.id)) continue;
    const hw = new Set(DRIVERS[iommu.type].pasidEntries(iommu, d).keys());
    for (const pasid of hw)
      expect(g.pasidArray.has(pasid), `${d.id}: hardware entry at unattached PASID ${pasid}`).toBe(true);
    for (const [pasid, entry] of g.pasidArray) {
      if (hw.has(pasid)) continue;
      const dom = s.domains.get(entry.domain);
      const released = dom?.type === 'sva' && dom.mm !== null && s.procs.get(dom.mm)?.alive === false;
      expect(iommu.type === 'vtd' && released, `${d.id}: no hardware entry at attached PASID ${pasid}`).toBe(true);
    }
  }
}

/** Unbind everything, detach what is left, exit everyone, free kernel PASIDs: nothing may remain. */
function tearDown(sim: Simulation): void {
  const s = sim.state;
  const devIds = [...s.devices.values()].sort((a, b) => a.index - b.index).map((d) => d.id);
  const procIds = [...s.procs.values()].map((p) => p.id);
  for (const [key, stack] of [...s.bonds]) {
    const [d, p] = [devIds[bondDev(key)], procIds[bondProc(key)]];
    for (let n = stack.length; n > 0; n--) sim.apply({ op: 'unbind', dev: d ?? '', proc: p ?? '' });
  }
  for (const d of s.devices.values()) {
    sim.apply({ op: 'reset_done', dev: d.id });
    for (const p of [...(s.groups.get(d.group)?.pasidArray.keys() ?? [])])
      sim.apply({ op: 'detach_pasid', dev: d.id, pasid: p });
  }
  for (const p of [...s.procs.values()]) if (p.alive) sim.apply({ op: 'exit', proc: p.id });
  for (const p of [...s.kernelPasids.keys()]) sim.apply({ op: 'free_global_pasid', pasid: p });
  expect(idaToArray(s.globalIda)).toEqual([]);
  expect(s.handles.size).toBe(0);
  expect([...s.domains.values()].filter((d) => d.type === 'sva')).toEqual([]);
  for (const p of s.procs.values()) expect(p.mmLive).toBe(false);
  checkHardware(sim);
}

describe.each(POLICIES)('invariants under %s', (policy) => {
  it('hold after every step of random sequences, and nothing leaks after unbind + exit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86' as const, 'arm64' as const),
        fc.array(arbStep, { maxLength: 60 }),
        (arch, steps) => {
          const sim = Simulation.create(topology(policy, arch), { effects: true });
          for (const step of steps) {
            sim.apply(step);
            checkGlobalSpace(sim.state);
            checkHardware(sim);
          }
          tearDown(sim);
        }
      ),
      { numRuns: 150, seed: 42 }
    );
  });

  it('the same scenario gives the same trace hash', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { maxLength: 40 }), (steps) => {
        // Only steps whose ids exist at parse time: drop fork children references.
        const clean = steps.filter((s) => !('proc' in s) || !s.proc.startsWith('C'));
        const sc = topology(
          policy,
          'x86',
          clean.filter((s) => s.op !== 'fork')
        );
        expect(runScenario(sc).hash).toBe(runScenario(sc).hash);
      }),
      { numRuns: 30, seed: 7 }
    );
  });
});
