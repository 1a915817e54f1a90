import { describe, expect, it } from 'vitest';
import { buildBindings } from './bindingsModel.ts';
import type { BindingsInput } from './bindingsModel.ts';

const base: BindingsInput = {
  procs: [
    { id: 'P1', alive: true, mmLive: true, pasid: 1, mmPasid: 1, msr: [1, null] },
    { id: 'P2', alive: true, mmLive: true, pasid: null, mmPasid: null, msr: [] },
  ],
  devices: [
    { id: 'nic0', groupId: 'grp:nic0', maxPasids: 1 << 20, iommu: 'smmu0' },
    { id: 'accel0', groupId: 'grp:accel0', maxPasids: 4, iommu: 'smmu0' },
  ],
  handles: [
    { dev: 'nic0', proc: 'P1', pasid: 1, domain: 'sva1', users: 1, domainUsers: 2, tag: 3, group: 'grp:nic0' },
    { dev: 'accel0', proc: 'P1', pasid: 1, domain: 'sva1', users: 2, domainUsers: 2, tag: 3, group: 'grp:accel0' },
  ],
  bare: [],
  iommuType: new Map([['smmu0', 'smmuv3']]),
  selectedProc: 'P1',
  selectedDevice: null,
  changed: new Set(['accel0|1']),
};

describe('buildBindings', () => {
  it('links processes to PASIDs to devices with domain labels', () => {
    const m = buildBindings(base);
    expect(m.nodes.map((n) => n.id)).toEqual(['proc:P1', 'pasid:1', 'dev:nic0', 'dev:accel0']);
    const attach = m.edges.filter((e) => e.kind === 'attach');
    expect(attach.map((e) => e.to)).toEqual(['dev:nic0', 'dev:accel0']);
    expect(attach[1]!.label).toBe('sva1 · ASID 3 · binds 2 · dom users 2');
    expect(attach[1]!.shared).toBe(true);
    expect(attach[1]!.changed).toBe(true);
    expect(m.nodes.find((n) => n.id === 'pasid:1')!.selected).toBe(true);
    expect(m.nodes.find((n) => n.id === 'proc:P1')!.chips.map((c) => c.text)).toEqual(['T0 1', 'T1 –']);
    expect(m.conflicts).toEqual([]);
  });

  it('flags a PASID value claimed by two mms and stale MSRs', () => {
    const m = buildBindings({
      ...base,
      procs: [
        { id: 'P1', alive: true, mmLive: true, pasid: 1, mmPasid: 1, msr: [2] },
        { id: 'P2', alive: true, mmLive: true, pasid: 1, mmPasid: 1, msr: [] },
      ],
      handles: [],
    });
    expect(m.conflicts).toEqual([1]);
    expect(m.nodes.find((n) => n.id === 'pasid:1')!.badges[0]).toBe('⚠ 2 holders: P1, P2');
    expect(m.nodes.find((n) => n.id === 'proc:P1')!.badges).toContain('stale MSR');
  });

  it('draws attach_pasid domains from a kernel node', () => {
    const m = buildBindings({ ...base, handles: [], bare: [{ group: 'grp:accel0', pasid: 2, domain: 'd1' }] });
    expect(m.edges.filter((e) => e.kind === 'bare').map((e) => `${e.from}>${e.to}`)).toEqual([
      'kernel>pasid:2',
      'pasid:2>dev:accel0',
    ]);
  });
});
