import { describe, expect, it } from 'vitest';
import type { Effect } from '../../engine/index.ts';
import { buildQueues } from './queueModel.ts';

const search = {
  pasidEntries: (iommu: string, pasid: number) => [`${iommu}:PASIDTE[00:01.0][${pasid}]`],
  cdsWithAsid: () => [],
};

describe('buildQueues', () => {
  it('groups effects per queue, newest first, with their targets', () => {
    const fx: Effect[] = [
      { kind: 'write', iommu: 'smmu0', entry: 'CD[0][1]', fields: { TTB0: 'mm:P1' } },
      { kind: 'cmd', iommu: 'smmu0', name: 'CFGI_CD', args: { sid: 0, ssid: 1, leaf: true } },
      { kind: 'cmd', iommu: 'smmu0', name: 'SYNC', args: {} },
      { kind: 'event', iommu: 'smmu0', name: 'C_BAD_CD', args: { sid: 1, ssv: true, ssid: 3, addr: 0 } },
    ];
    const q = buildQueues(fx, search, 'arm64');
    expect(q.map((s) => s.kind)).toEqual(['cmdq', 'evtq', 'writes']);
    expect(q[0]!.entries.map((e) => `${e.seq}:${e.name}`)).toEqual(['3:SYNC', '2:CFGI_CD']);
    expect(q[0]!.entries[1]!.targets).toEqual(['smmu0:CD[0][1]']);
    expect(q[1]!.entries[0]).toMatchObject({ severity: 'error', targets: ['smmu0:CD[1][3]'] });
  });

  it('resolves VT-d descriptors by PASID and lists PASID-register loads, named for the arch', () => {
    const fx: Effect[] = [
      { kind: 'desc', iommu: 'dmar0', name: 'PC', args: { g: 1, did: 1, pasid: 4 } },
      { kind: 'msr', proc: 'P1', thread: 2, pasid: 1 },
    ];
    const q = buildQueues(fx, search, 'x86');
    expect(q.map((s) => `${s.owner}:${s.kind}`)).toEqual(['cpu:cpu', 'dmar0:iq']);
    expect(q[1]!.entries[0]!.targets).toEqual(['dmar0:PASIDTE[00:01.0][4]']);
    expect(q[0]!.entries[0]!.detail).toBe('IA32_PASID ← 1 | VALID (the #GP fixup)');
    // ST64BV0 takes its PASID from ACCDATA_EL1 (research §5.5): no IA32_PASID on an arm64 system, and
    // neither a valid bit nor a #GP; the lazy load is x86's, which the row must not pass off as arm64's.
    expect(buildQueues(fx, search, 'arm64')[0]!.entries[0]!.detail).toBe(
      "ACCDATA_EL1 ← 1 (modelled on x86's lazy fixup; mainline arm64 has none)"
    );
  });
});
