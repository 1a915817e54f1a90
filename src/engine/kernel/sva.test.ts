import { describe, expect, it } from 'vitest';
import { idaToArray } from '../alloc/ida.ts';
import { brief, harness } from './testHarness.ts';
import { enqcmdPasid } from './mm.ts';

const bind = (dev: string, proc: string) => ({ op: 'bind' as const, dev, proc });
const unbind = (dev: string, proc: string) => ({ op: 'unbind' as const, dev, proc });
/** Forget the driver calls so far: the test reads only those of the steps after it. */
const drvCallsFrom = (h: { drv: { calls: string[] } }) => {
  h.drv.calls.length = 0;
};

describe('iommu_sva_bind_device under the global policy', () => {
  it('R7/R12: a fresh mm gets the lowest free global PASID bounded by the device', () => {
    const h = harness();
    expect(brief(h.run(bind('big', 'P1')))).toBe('ok 1');
    expect(brief(h.run(bind('big', 'P2')))).toBe('ok 2');
    expect(idaToArray(h.c.s.globalIda)).toEqual([1, 2]);
  });

  it('§2.5: the starvation example, step by step (R11, R12, R14)', () => {
    const h = harness();
    for (const p of ['P1', 'P2', 'P3']) h.run(bind('big', p));
    expect(brief(h.run(bind('small', 'P4')))).toBe('ENOSPC');
    expect(brief(h.run(bind('small', 'P1')))).toBe('ok 1');
    expect(brief(h.run(bind('big', 'P5')))).toBe('ok 4');
    expect(brief(h.run(bind('small', 'P5')))).toBe('EOVERFLOW');
    h.run(unbind('big', 'P2'));
    expect(idaToArray(h.c.s.globalIda)).toContain(2); // R13: unbind keeps the PASID
    h.run({ op: 'exit', proc: 'P2' });
    expect(idaToArray(h.c.s.globalIda)).not.toContain(2); // R14: dropped with the mm
    expect(brief(h.run(bind('small', 'P4')))).toBe('ok 2');
  });

  it('R13: the PASID survives a later bind failure', () => {
    const h = harness();
    h.drv.refuse.set('big', 'ENOMEM');
    expect(brief(h.run(bind('big', 'P1')))).toBe('ENOMEM');
    expect(h.c.s.procs.get('P1')?.iommuMm?.pasid).toBe(1);
    expect(idaToArray(h.c.s.globalIda)).toEqual([1]);
  });

  it('R15/R20: a repeated bind shares the handle; only the last unbind detaches', () => {
    const h = harness();
    h.run(bind('big', 'P1'));
    h.run(bind('big', 'P1'));
    expect(h.c.s.handles.size).toBe(1);
    expect(h.c.s.handles.values().next().value?.users).toBe(2);
    h.run(unbind('big', 'P1'));
    expect(h.c.s.groups.get('grp:big')?.pasidArray.has(1)).toBe(true);
    h.run(unbind('big', 'P1'));
    expect(h.c.s.groups.get('grp:big')?.pasidArray.has(1)).toBe(false);
    expect(brief(h.run(unbind('big', 'P1')))).toBe('ENOENT');
  });

  it("R17: a second device behind the same driver reuses the mm's SVA domain (users counts devices)", () => {
    const h = harness();
    h.run(bind('big', 'P1'));
    h.run(bind('small', 'P1'));
    const doms = [...h.c.s.domains.values()].filter((d) => d.type === 'sva');
    expect(doms).toHaveLength(1);
    expect(doms[0]?.users).toBe(2);
    expect(h.drv.calls.filter((c) => c.startsWith('allocSva'))).toHaveLength(1);
  });

  it('R16: a bare domain at the mm PASID makes bind EBUSY, and the mm keeps its PASID', () => {
    const h = harness();
    h.run({ op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging', pasid: true });
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 1 });
    expect(brief(h.run(bind('big', 'P1')))).toBe('EBUSY');
    expect(h.c.s.procs.get('P1')?.iommuMm?.pasid).toBe(1);
  });

  it('R20/R33: the last unbind detaches the slot even after replace_pasid re-tagged it', () => {
    // iommu_sva_unbind_device → iommu_detach_device_pasid(sva domain, dev, pasid), which since v6.11
    // erases the slot whatever it holds: the replaced-in domain goes too, and the PASID is free again.
    const h = harness();
    h.run({ op: 'domain_alloc', id: 'u1', iommu: 'smmu0', type: 'paging', pasid: true });
    h.run(bind('big', 'P1'));
    expect(brief(h.run({ op: 'replace_pasid', dev: 'big', domain: 'u1', pasid: 1 }))).toBe('ok');
    drvCallsFrom(h);
    h.run(unbind('big', 'P1'));
    expect(h.drv.calls).toContain('block big 1 old=sva:1');
    expect(h.c.s.groups.get('grp:big')?.pasidArray.has(1)).toBe(false);
    expect(brief(h.run({ op: 'attach_pasid', dev: 'big', domain: 'u1', pasid: 1 }))).toBe('ok');
  });

  it('R20: a slot detached directly is not detached again by the last unbind', () => {
    const h = harness();
    h.run(bind('big', 'P1'));
    h.run({ op: 'detach_pasid', dev: 'big', pasid: 1 });
    drvCallsFrom(h);
    h.run(unbind('big', 'P1'));
    expect(h.drv.calls.filter((x) => x.startsWith('block'))).toEqual([]);
  });

  it('R10: an x86 mm using LAM cannot bind', () => {
    const h = harness({ arch: 'x86', processes: [{ id: 'P1', lam: true }] });
    expect(brief(h.run(bind('big', 'P1')))).toBe('EBUSY');
    expect(h.c.s.procs.get('P1')?.iommuMm).toBeNull();
  });

  it('R10: LAM refuses nothing on arm64 (the generic arch_pgtable_dma_compat returns true)', () => {
    const h = harness({ arch: 'arm64', processes: [{ id: 'P1', lam: true }] });
    expect(brief(h.run(bind('big', 'P1')))).toBe('ok 1');
  });

  it('R14: exit with a live binding keeps the PASID until the last unbind drops the mm', () => {
    const h = harness();
    h.run(bind('big', 'P1'));
    h.run({ op: 'exit', proc: 'P1' });
    expect(h.drv.calls).toContain('release smmu0 sva:1');
    expect(idaToArray(h.c.s.globalIda)).toEqual([1]);
    expect(brief(h.run(bind('big', 'P1')))).toBe('ENOENT');
    h.run(unbind('big', 'P1'));
    expect(idaToArray(h.c.s.globalIda)).toEqual([]);
  });
});

describe('per-device policies (spec §1.1)', () => {
  it('per-device-cap: the sticky mm PASID gives EBUSY on a second device (the RFC patch as posted)', () => {
    const h = harness({}, 'per-device-cap');
    expect(brief(h.run(bind('small', 'P1')))).toBe('ok 1');
    expect(brief(h.run(bind('big', 'P2')))).toBe('ok 1');
    expect(brief(h.run(bind('big', 'P1')))).toBe('EBUSY'); // P1 reuses its PASID 1 on big, held by P2
    expect(idaToArray(h.c.s.globalIda)).toEqual([]); // nothing came from the global IDA
  });

  it('per-device-cap: a VT-d device still allocates globally (no IOMMU_CAP_PER_DEV_PASID_SPACE)', () => {
    const h = harness(
      { iommus: [{ id: 'dmar0', type: 'vtd' }], devices: [{ id: 'dsa0', iommu: 'dmar0', pasidBits: 20 }] },
      'per-device-cap'
    );
    expect(brief(h.run(bind('dsa0', 'P1')))).toBe('ok 1');
    expect(idaToArray(h.c.s.globalIda)).toEqual([1]);
  });

  it('arch-gated: per-device on arm64, global on x86', () => {
    const arm = harness({}, 'arch-gated');
    for (const p of ['P1', 'P2', 'P3']) arm.run(bind('big', p));
    expect(brief(arm.run(bind('small', 'P4')))).toBe('ok 1');
    const x86 = harness({ arch: 'x86' }, 'arch-gated');
    for (const p of ['P1', 'P2', 'P3']) x86.run(bind('big', p));
    expect(brief(x86.run(bind('small', 'P4')))).toBe('ENOSPC');
  });

  it('attach_pasid_any and bind_pasid exist only under their policies', () => {
    const h = harness();
    h.run({ op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging' });
    expect(brief(h.run({ op: 'attach_pasid_any', dev: 'big', domain: 'd1' }))).toBe('EOPNOTSUPP');
    expect(brief(h.run({ op: 'bind_pasid', dev: 'big', proc: 'P1' }))).toBe('EOPNOTSUPP');
  });
});

describe('driver-managed: iommu_sva_bind_device_pasid', () => {
  it("uses the driver's own allocator and leaves mm_get_enqcmd_pasid invalid", () => {
    const h = harness({ arch: 'x86' }, 'driver-managed');
    for (const p of ['P1', 'P2', 'P3']) h.run(bind('big', p));
    expect(brief(h.run({ op: 'bind_pasid', dev: 'small', proc: 'P4' }))).toBe('ok 1');
    const p4 = h.c.s.procs.get('P4');
    expect(p4 && enqcmdPasid(p4)).toBe(0xffffffff);
    expect(brief(h.run(bind('big', 'P4')))).toBe('ok 4'); // a normal bind gives the mm its global PASID
    expect(p4 && enqcmdPasid(p4)).toBe(4);
  });

  it('R4: a device whose max_pasids is 1 has no usable PASID, and the errors say so instead of naming the range [1, -1]', () => {
    const h = harness(
      { devices: [{ id: 'nopasid', iommu: 'smmu0', pasidBits: 0 }], processes: [{ id: 'P1' }] },
      'driver-managed'
    );
    const asked = h.run({ op: 'bind_pasid', dev: 'nopasid', proc: 'P1', pasid: 1 });
    expect(asked.ok ? '' : asked.message).toBe('nopasid has no usable PASID (max_pasids 1): PASID 1 refused');
    const any = h.run({ op: 'bind_pasid', dev: 'nopasid', proc: 'P1' });
    expect(brief(any)).toBe('ENOSPC');
    expect(any.ok ? '' : any.message).toBe('nopasid has no usable PASID (max_pasids 1)');
  });

  it('an explicit PASID outside [1, max-1] is EINVAL; a taken one EBUSY', () => {
    const h = harness({}, 'driver-managed');
    expect(brief(h.run({ op: 'bind_pasid', dev: 'small', proc: 'P1', pasid: 4 }))).toBe('EINVAL');
    expect(brief(h.run({ op: 'bind_pasid', dev: 'small', proc: 'P1', pasid: 3 }))).toBe('ok 3');
    expect(brief(h.run({ op: 'bind_pasid', dev: 'small', proc: 'P2', pasid: 3 }))).toBe('EBUSY');
    h.run(unbind('small', 'P1'));
    expect(brief(h.run({ op: 'bind_pasid', dev: 'small', proc: 'P2', pasid: 3 }))).toBe('ok 3');
  });
});
