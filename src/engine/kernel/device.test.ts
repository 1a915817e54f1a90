import { describe, expect, it } from 'vitest';
import { brief, harness } from './testHarness.ts';

const x86 = {
  arch: 'x86' as const,
  devices: [{ id: 'dsa0', iommu: 'smmu0', pasidBits: 20, enqcmd: true }],
  processes: [{ id: 'P1', threads: 2 }, { id: 'P2' }],
};

describe('ENQCMD lazy IA32_PASID (R58–R61)', () => {
  it('R59: #GP without a PASID; after bind each thread loads its MSR on its first ENQCMD', () => {
    const h = harness(x86);
    h.c.fx = [];
    expect(brief(h.run({ op: 'enqcmd', proc: 'P1', dev: 'dsa0' }))).toBe('fault #GP');
    h.run({ op: 'bind', dev: 'dsa0', proc: 'P1' });
    expect(brief(h.run({ op: 'enqcmd', proc: 'P1', dev: 'dsa0', thread: 1 }))).toBe('ok 1');
    expect(h.c.fx).toContainEqual({ kind: 'msr', proc: 'P1', thread: 1, pasid: 1 });
    expect(h.c.s.procs.get('P1')?.threads.map((t) => t.msr)).toEqual([null, 1]);
  });

  it('R59: the fixup comes from the MSR, not the destination: an ENQCMD to a device without a portal still loads it', () => {
    const h = harness({ ...x86, devices: [...x86.devices, { id: 'nic', iommu: 'smmu0', pasidBits: 20 }] });
    h.run({ op: 'bind', dev: 'dsa0', proc: 'P1' });
    h.c.fx = [];
    expect(brief(h.run({ op: 'enqcmd', proc: 'P1', dev: 'nic' }))).toBe('EOPNOTSUPP');
    expect(h.c.fx).toEqual([{ kind: 'msr', proc: 'P1', thread: 0, pasid: 1 }]);
    expect(h.c.s.procs.get('P1')?.threads[0]?.msr).toBe(1);
    // Without an mm PASID it is the #GP, whatever the destination.
    expect(brief(h.run({ op: 'enqcmd', proc: 'P2', dev: 'nic' }))).toBe('fault #GP');
  });

  it('R60: unbind leaves the MSR loaded; R22: a fork child has no PASID', () => {
    const h = harness(x86);
    h.run({ op: 'bind', dev: 'dsa0', proc: 'P1' });
    h.run({ op: 'enqcmd', proc: 'P1', dev: 'dsa0' });
    h.run({ op: 'unbind', dev: 'dsa0', proc: 'P1' });
    expect(h.c.s.procs.get('P1')?.threads[0]?.msr).toBe(1);
    h.run({ op: 'fork', proc: 'P1', child: 'C1' });
    expect(brief(h.run({ op: 'enqcmd', proc: 'C1', dev: 'dsa0' }))).toBe('fault #GP');
  });

  it('R58 on arm64 with an ENQCMD-like instruction: the register is ACCDATA_EL1, and the model says it borrows x86', () => {
    const h = harness({ ...x86, arch: 'arm64', enqcmdLike: true });
    const gp = h.run({ op: 'enqcmd', proc: 'P1', dev: 'dsa0' });
    expect(brief(gp)).toBe('fault #GP');
    expect(gp.message).toMatch(/^P1 thread 0: ACCDATA_EL1 holds no PASID .*modelled on x86's lazy fixup/);
    expect(gp.message).not.toContain('IA32_PASID');
    const x = harness(x86).run({ op: 'enqcmd', proc: 'P1', dev: 'dsa0' });
    expect(x.message).toBe(
      'P1 thread 0: IA32_PASID invalid and mm_get_enqcmd_pasid() is IOMMU_PASID_INVALID → SIGSEGV'
    );
  });

  it('arm64 without an ENQCMD-like instruction refuses', () => {
    const h = harness({ ...x86, arch: 'arm64' });
    expect(brief(h.run({ op: 'enqcmd', proc: 'P1', dev: 'dsa0' }))).toBe('EOPNOTSUPP');
  });
});

describe('dma', () => {
  it('a device without the PASID capability cannot tag a DMA with a PASID', () => {
    const h = harness({ devices: [{ id: 'plain', iommu: 'smmu0' }] });
    expect(brief(h.run({ op: 'dma', dev: 'plain', pasid: 1 }))).toBe('EINVAL');
    expect(brief(h.run({ op: 'dma', dev: 'plain' }))).toBe('ok');
  });
});
