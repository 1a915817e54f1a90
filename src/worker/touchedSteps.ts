/**
 * Random step sequences for the property suites that compare a differ fed the engine's Touched
 * record with one reading the whole state (differ.touched.test.ts, viewModel.touched.test.ts): a
 * topology with SMMUv3 and VT-d devices and multi-device groups, steps of every kind, and the
 * tear-down that removes everything again. Test-only: imported by *.test.ts files.
 * May import: engine, fast-check.
 */
import fc from 'fast-check';
import type { Policy, Scenario, SimState, Step } from '../engine/index.ts';
import { bondDev, bondProc } from '../engine/kernel/lookup.ts';

const DEVS = ['nic0', 'acc0', 'pair0', 'pair1', 'dsa0', 'iax0', 'vg0', 'vg1'];
const PROCS = ['P1', 'P2', 'P3', 'P4', 'C1', 'C2', 'C3'];
const DOMAINS = ['default', 'U1', 'U2', 'U3', 'U4'];

export function topology(policy: Policy, arch: 'x86' | 'arm64', steps: Step[] = []): Scenario {
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
      { id: 'pair0', iommu: 'smmu0', pasidBits: 8, group: 'g1', ats: true },
      { id: 'pair1', iommu: 'smmu0', pasidBits: 4, group: 'g1' },
      { id: 'dsa0', iommu: 'dmar0', pasidBits: 20, enqcmd: true, ats: true, pri: true },
      { id: 'iax0', iommu: 'dmar0', pasidBits: 3, ats: true },
      { id: 'vg0', iommu: 'dmar0', pasidBits: 10, group: 'g2', enqcmd: true, ats: true },
      { id: 'vg1', iommu: 'dmar0', group: 'g2', ats: true },
    ],
    processes: [{ id: 'P1', threads: 2 }, { id: 'P2' }, { id: 'P3' }, { id: 'P4', lam: true }],
    steps,
  };
}

const dev = fc.constantFrom(...DEVS);
const proc = fc.constantFrom(...PROCS);
const pasid = fc.integer({ min: 0, max: 12 });
const domain = fc.constantFrom(...DOMAINS);
const r = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
/** Unvalidated steps (Simulation takes them as they are): references to missing processes fail at run time. */
export const arbStep: fc.Arbitrary<Step> = fc.oneof(
  r(8, fc.record({ op: fc.constant('bind' as const), dev, proc })),
  r(5, fc.record({ op: fc.constant('unbind' as const), dev, proc })),
  r(2, fc.record({ op: fc.constant('bind_pasid' as const), dev, proc })),
  r(1, fc.record({ op: fc.constant('bind_pasid' as const), dev, proc, pasid })),
  r(1, fc.record({ op: fc.constant('exit' as const), proc })),
  r(1, fc.record({ op: fc.constant('fork' as const), proc, child: fc.constantFrom('C1', 'C2', 'C3') })),
  r(1, fc.record({ op: fc.constant('dma' as const), dev, pasid })),
  r(2, fc.record({ op: fc.constant('enqcmd' as const), proc, dev, thread: fc.constantFrom(0, 0, 1) })),
  r(1, fc.record({ op: fc.constant('alloc_global_pasid' as const), dev })),
  r(1, fc.record({ op: fc.constant('free_global_pasid' as const), pasid })),
  r(
    1,
    fc.record({
      op: fc.constant('domain_alloc' as const),
      id: fc.constantFrom('U1', 'U2', 'U3', 'U4'),
      iommu: fc.constantFrom('smmu0', 'dmar0'),
      type: fc.constantFrom('paging' as const, 'blocked' as const, 'identity' as const),
      pasid: fc.boolean(),
    })
  ),
  r(1, fc.record({ op: fc.constantFrom('attach_dev' as const, 'detach_dev' as const), dev, domain })),
  r(2, fc.record({ op: fc.constantFrom('attach_pasid' as const, 'replace_pasid' as const), dev, domain, pasid })),
  r(1, fc.record({ op: fc.constant('attach_pasid_any' as const), dev, domain })),
  r(2, fc.record({ op: fc.constant('detach_pasid' as const), dev, pasid })),
  r(1, fc.record({ op: fc.constant('claim_dma_owner' as const), dev, owner: fc.constantFrom('vfio', 'user') })),
  r(1, fc.record({ op: fc.constant('release_dma_owner' as const), dev })),
  r(2, fc.record({ op: fc.constantFrom('reset_prepare' as const, 'reset_done' as const), dev }))
);

/** Steps that undo everything (unbind, end resets, detach, release, exit, free): removals of every kind. */
export function tearDown(s: Readonly<SimState>): Step[] {
  const devIds = [...s.devices.values()].sort((a, b) => a.index - b.index).map((d) => d.id);
  const procIds = [...s.procs.values()].map((p) => p.id);
  const out: Step[] = [];
  for (const [key, stack] of s.bonds) {
    const step: Step = { op: 'unbind', dev: devIds[bondDev(key)] ?? '', proc: procIds[bondProc(key)] ?? '' };
    for (let n = stack.length; n > 0; n--) out.push(step);
  }
  for (const d of s.devices.values()) {
    out.push({ op: 'reset_done', dev: d.id });
    for (const p of s.groups.get(d.group)?.pasidArray.keys() ?? [])
      out.push({ op: 'detach_pasid', dev: d.id, pasid: p });
    out.push({ op: 'release_dma_owner', dev: d.id });
  }
  for (const p of s.procs.values()) out.push({ op: 'exit', proc: p.id });
  for (const p of s.kernelPasids.keys()) out.push({ op: 'free_global_pasid', pasid: p });
  return out;
}
