/**
 * Property suite for the VT-d model under the real kernel core: random step sequences on two units
 * (CM=0 and CM=1), checking after every step that the driver bookkeeping matches the tables and that
 * Linux's invalidation sequences never leave a configuration-cache entry that differs from memory
 * (except on CM=1, where a cached not-present entry may outlive a change that keeps it not present).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SimState } from '../../kernel/state.ts';
import type { Scenario, Step } from '../../scenario/types.ts';
import { Simulation } from '../../sim/simulation.ts';
import { didInUse } from './did.ts';
import { PASID_PDE_SHIFT } from './types.ts';
import type { VtdHw } from './types.ts';

const scenario: Scenario = {
  format: 'pasid-sandbox/1',
  arch: 'x86',
  iommus: [
    { id: 'dmar0', type: 'vtd' },
    { id: 'dmar1', type: 'vtd', cachingMode: true, pasidBits: 10 },
  ],
  devices: [
    { id: 'dsa0', iommu: 'dmar0', pasidBits: 20, ats: true, pri: true, enqcmd: true },
    { id: 'iax0', iommu: 'dmar0', pasidBits: 3, ats: true },
    { id: 'nic0', iommu: 'dmar0', pasidBits: 20 },
    { id: 'pair0', iommu: 'dmar1', pasidBits: 8, ats: true, group: 'g1' },
    { id: 'pair1', iommu: 'dmar1', pasidBits: 8, ats: true, pri: true, group: 'g1' },
    { id: 'ident0', iommu: 'dmar1', pasidBits: 20, ats: true, pri: true, defaultDomain: 'identity' },
  ],
  processes: [{ id: 'P1' }, { id: 'P2' }, { id: 'P3' }],
  steps: [],
};

const dev = fc.constantFrom('dsa0', 'iax0', 'nic0', 'pair0', 'pair1', 'ident0');
const proc = fc.constantFrom('P1', 'P2', 'C1');
const pasid = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 60, max: 70 }) }
);
const domain = fc.constantFrom('default', 'U0', 'U1', 'U2');

const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('bind' as const), dev, proc }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('unbind' as const), dev, proc }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('dma' as const), dev, pasid }, { requiredKeys: ['op', 'dev'] }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('domain_alloc' as const),
      id: fc.constantFrom('U0', 'U1', 'U2'),
      iommu: fc.constantFrom('dmar0', 'dmar1'),
      type: fc.constantFrom('paging' as const, 'identity' as const, 'blocked' as const),
      pasid: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('attach_pasid' as const), dev, domain, pasid }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('replace_pasid' as const), dev, domain, pasid }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('detach_pasid' as const), dev, pasid }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('claim_dma_owner' as const), dev }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('release_dma_owner' as const), dev }) },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constantFrom('attach_dev' as const, 'detach_dev' as const), dev, domain }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('reset_prepare' as const, 'reset_done' as const), dev }) }
);

function checkUnit(s: Readonly<SimState>, id: string, hw: VtdHw): void {
  // DIDs: the bitmap holds exactly the DIDs of hw.dids, each refcounted by its RID and PASID users.
  const users = new Map<string, number>();
  for (const info of hw.devs.values()) {
    if (info.ridDomain !== null) users.set(info.ridDomain, (users.get(info.ridDomain) ?? 0) + 1);
    for (const d of info.pasids.values())
      if (hw.dids.has(d) || s.domains.get(d)?.type === 'paging') users.set(d, (users.get(d) ?? 0) + 1);
  }
  const held = [...hw.dids.values()].map((r) => r.did).sort((a, b) => a - b);
  const bits: number[] = [];
  for (let did = 0; did < 64; did++) if (didInUse(hw, did)) bits.push(did);
  expect(bits, `${id}: DID bitmap`).toEqual(held.filter((d) => d < 64));
  for (const [dom, ref] of hw.dids) expect(ref.refcnt, `${id}: refcnt of ${dom}`).toBe(users.get(dom) ?? 0);

  for (const [devId, info] of hw.devs) {
    const table = hw.pasidTables.get(info.sid);
    if (!table) throw new Error('no table');
    // IOPF: one reference per SVA PASID on a PRI device.
    const sva = [...info.pasids.values()].filter((d) => s.domains.get(d)?.type === 'sva').length;
    expect(info.iopfRefcount, `${id}/${devId}: iopf_refcount`).toBe(info.priSupported ? sva : 0);
    // dev_pasid links ⇔ entries that are present or quiesced (P=0, FPD=1).
    const live = [...table.te].filter(([p, te]) => p !== 0 && (te.p || te.fpd)).map(([p]) => p);
    expect(
      live.sort((a, b) => a - b),
      `${id}/${devId}: entries vs dev_pasids`
    ).toEqual([...info.pasids.keys()].sort((a, b) => a - b));
    // The RID entry is present iff the RID has a translation.
    expect(table.te.get(0)?.p === true, `${id}/${devId}: PASID entry 0`).toBe(info.ridAttached);
  }

  // Configuration caches equal memory after Linux's own invalidations.
  for (const [sid, ctx] of hw.contextCache)
    expect(ctx === hw.ctx.get(sid) || (!ctx.p && hw.ctx.get(sid) === undefined)).toBe(true);
  for (const [sid, perSid] of hw.pasidCache) {
    const table = hw.pasidTables.get(sid);
    for (const [p, e] of perSid) {
      const dirP = table?.dir.get(p >> PASID_PDE_SHIFT)?.p === true;
      const mem = dirP ? (table?.te.get(p) ?? null) : null;
      // CM=1 may keep a cached not-present entry while memory stays not present (an FPD entry cleared
      // without PC, or a directory entry installed for a neighbour PASID): only the fault reason differs.
      const notPresent = (d: boolean, t: typeof mem) => !d || t === null || !t.p;
      const cmLeftover = hw.caps.cm && notPresent(e.dirP, e.te) && notPresent(dirP, mem);
      if (!cmLeftover) expect({ dirP: e.dirP, te: e.te }, `${id}: PASID cache ${sid}:${p}`).toEqual({ dirP, te: mem });
    }
  }
}

describe('VT-d model invariants (random sequences through the core)', () => {
  it('DIDs, IOPF references, dev_pasid links and configuration caches stay consistent', () => {
    fc.assert(
      fc.property(fc.array(arbStep, { minLength: 20, maxLength: 80 }), (steps) => {
        const sim = Simulation.create(scenario, { effects: true });
        for (const step of steps) {
          sim.apply(step);
          for (const u of sim.state.iommus.values()) if (u.type === 'vtd') checkUnit(sim.state, u.id, u.hw);
        }
      }),
      { numRuns: 150, seed: 1234 }
    );
  });
});
