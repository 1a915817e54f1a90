import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Policy, Scenario, Step } from '../../engine/index.ts';
import { POLICIES } from '../../engine/index.ts';
import { elixirUrl, kernelCall } from './kernelSource.ts';

/** One step of every op in spec §2. */
const STEPS: Step[] = [
  { op: 'bind', dev: 'nic0', proc: 'P1' },
  { op: 'unbind', dev: 'nic0', proc: 'P1' },
  { op: 'bind_pasid', dev: 'nic0', proc: 'P1' },
  { op: 'alloc_global_pasid', dev: 'nic0' },
  { op: 'free_global_pasid', pasid: 1 },
  { op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging', pasid: true },
  { op: 'attach_dev', dev: 'nic0', domain: 'd1' },
  { op: 'detach_dev', dev: 'nic0', domain: 'd1' },
  { op: 'attach_pasid', dev: 'nic0', domain: 'd1', pasid: 1 },
  { op: 'attach_pasid_any', dev: 'nic0', domain: 'd1' },
  { op: 'replace_pasid', dev: 'nic0', domain: 'd1', pasid: 1 },
  { op: 'detach_pasid', dev: 'nic0', pasid: 1 },
  { op: 'claim_dma_owner', dev: 'nic0' },
  { op: 'release_dma_owner', dev: 'nic0' },
  { op: 'reset_prepare', dev: 'nic0' },
  { op: 'reset_done', dev: 'nic0' },
  { op: 'exit', proc: 'P1' },
  { op: 'fork', proc: 'P1', child: 'P2' },
  { op: 'enqcmd', proc: 'P1', dev: 'nic0' },
  { op: 'dma', dev: 'nic0', pasid: 1 },
];

const scenario = (iommus: Scenario['iommus'], arch: Scenario['arch'] = 'arm64'): Scenario => ({
  format: 'pasid-sandbox/1',
  arch,
  iommus,
  devices: [{ id: 'nic0', iommu: iommus[0]?.id ?? 'smmu0' }],
  processes: [{ id: 'P1' }],
  steps: [],
});
const SMMU = scenario([{ id: 'smmu0', type: 'smmuv3' }]);
const BOTH = scenario([
  { id: 'smmu0', type: 'smmuv3' },
  { id: 'dmar0', type: 'vtd' },
]);

/**
 * Spec §2's step table, read from the contract itself (shared/ sits beside the repository): per op,
 * the kernel functions its "kernel function / event" column names, and whether it calls them RFC or
 * proposed (not mainline).
 */
function specTable(): Map<string, { names: string[]; notMainline: boolean }> {
  const spec = readFileSync(new URL('../../../../shared/spec/scenario-format.md', import.meta.url), 'utf8');
  const section = spec.slice(spec.indexOf('## 2. Steps'), spec.indexOf('## 3. '));
  const rows = new Map<string, { names: string[]; notMainline: boolean }>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    const ops = [...(cells[1] ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1] ?? '');
    const fn = cells[3] ?? '';
    if (ops.length === 0 || !line.startsWith('| `')) continue;
    const names = [...fn.matchAll(/`((?:iommu|pci)_[a-z_]+)`/g)].map((m) => m[1] ?? '');
    for (const op of ops) rows.set(op, { names, notMainline: /\b(RFC|proposed)\b/.test(fn) });
  }
  return rows;
}

describe('kernelCall (spec §2: the kernel function each step names)', () => {
  const table = specTable();

  it('reads a row of the spec for every op', () => {
    expect([...table.keys()].sort()).toEqual(STEPS.map((s) => s.op).sort());
  });

  it.each(STEPS.map((s) => [s.op, s] as const))('%s names what the spec names, linked only if mainline', (op, step) => {
    const row = table.get(op);
    const refs = kernelCall(step, 'global', SMMU).refs;
    for (const name of row?.names ?? []) {
      const ref = refs.find((r) => r.name === name);
      expect(ref, `${op}: ${name}`).toBeDefined();
      expect(ref?.url ?? null, `${op}: ${name}`).toBe(row?.notMainline ? null : elixirUrl(name));
    }
  });

  it('says something for every step under every policy', () => {
    for (const policy of POLICIES) {
      for (const step of STEPS) {
        const call = kernelCall(step, policy, BOTH);
        expect(call.refs.length > 0 || (call.remark ?? '') !== '', `${policy} ${step.op}`).toBe(true);
        for (const r of call.refs) expect(r.name).toMatch(/^[a-z_][a-z0-9_]*$/);
      }
    }
  });

  it('marks a bind as the RFC patch has it only where the policy takes a per-device space', () => {
    const bind = STEPS[0]!;
    const names = (policy: Policy, sc: Scenario) =>
      kernelCall(bind, policy, sc).refs.map((r) => [r.name, r.url === null] as const);
    const patched = [
      ['iommu_sva_bind_device', false],
      ['iommu_attach_device_pasid', false],
      ['iommu_attach_device_pasid_any', true],
    ];
    const vtd = scenario([{ id: 'dmar0', type: 'vtd' }], 'x86');
    expect(names('per-device-cap', SMMU)).toEqual(patched);
    expect(kernelCall(bind, 'per-device-cap', SMMU).remark).toMatch(/lowest free one of the device's group/);
    expect(kernelCall(bind, 'per-device-cap', vtd).remark).toMatch(/only in arm_smmu_capable\(\)/);
    expect(names('per-device-cap', vtd)).toEqual([['iommu_sva_bind_device', false]]);
    expect(names('arch-gated', SMMU)).toEqual(patched);
    expect(names('arch-gated', scenario(SMMU.iommus, 'x86'))).toEqual([['iommu_sva_bind_device', false]]);
    expect(names('arch-gated', { ...SMMU, enqcmdLike: true })).toEqual([['iommu_sva_bind_device', false]]);
    expect(names('global', SMMU)).toEqual([['iommu_sva_bind_device', false]]);
    expect(names('driver-managed', SMMU)).toEqual([['iommu_sva_bind_device', false]]);
  });

  it('names the mm release of each IOMMU driver in the scenario at exit', () => {
    const exit: Step = { op: 'exit', proc: 'P1' };
    expect(kernelCall(exit, 'global', SMMU).refs.map((r) => r.name)).toEqual([
      'exit_mm',
      'arm_smmu_mm_release',
      'mm_pasid_drop',
    ]);
    expect(kernelCall(exit, 'global', BOTH).refs.map((r) => r.name)).toEqual([
      'exit_mm',
      'arm_smmu_mm_release',
      'intel_mm_release',
      'mm_pasid_drop',
    ]);
  });

  it('links the x86 ENQCMD fixup only where the platform has the instruction, and names the dma walk', () => {
    const enqcmd: Step = { op: 'enqcmd', proc: 'P1', dev: 'nic0' };
    const x86 = scenario(SMMU.iommus, 'x86');
    expect(kernelCall(enqcmd, 'global', x86).refs.map((r) => r.url)).toEqual([elixirUrl('try_fixup_enqcmd_gp')]);
    expect(kernelCall(enqcmd, 'global', { ...x86, enqcmdLike: false }).remark).toMatch(/the step is refused/);
    expect(kernelCall(enqcmd, 'global', SMMU).remark).toMatch(/the step is refused/);
    const accdata = kernelCall(enqcmd, 'global', { ...SMMU, enqcmdLike: true });
    expect(accdata.refs).toEqual([]);
    expect(accdata.remark).toMatch(/no such fixup in mainline/);
    const dma: Step = { op: 'dma', dev: 'nic0', pasid: 1 };
    expect(kernelCall(dma, 'global', SMMU).remark).toMatch(/STE → CD/);
    expect(kernelCall(dma, 'global', scenario([{ id: 'dmar0', type: 'vtd' }])).remark).toMatch(/PASID directory/);
  });

  it('says at exit which PASIDs mm_pasid_drop frees under each policy, and at fork on x86 that IA32_PASID resets', () => {
    const exit: Step = { op: 'exit', proc: 'P1' };
    expect(kernelCall(exit, 'global', SMMU).remark).toMatch(/frees a global PASID at __mmdrop\.$/);
    expect(kernelCall(exit, 'per-device-cap', SMMU).remark).toMatch(/\(the RFC: global ones only\)/);
    expect(kernelCall(exit, 'driver-managed', SMMU).remark).toMatch(/bind_pasid ones go back to the driver/);
    const fork: Step = { op: 'fork', proc: 'P1', child: 'P2' };
    expect(kernelCall(fork, 'global', scenario(SMMU.iommus, 'x86')).refs.map((r) => r.name)).toEqual([
      'mm_pasid_init',
      'fpu_clone',
    ]);
    expect(kernelCall(fork, 'global', SMMU).refs.map((r) => r.name)).toEqual(['mm_pasid_init']);
  });

  it('links Elixir at the kernel tag the engine models', () => {
    expect(elixirUrl('iommu_sva_bind_device')).toBe(
      'https://elixir.bootlin.com/linux/v7.0/A/ident/iommu_sva_bind_device'
    );
  });
});
