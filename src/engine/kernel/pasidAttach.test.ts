import { describe, expect, it } from 'vitest';
import { brief, harness } from './testHarness.ts';

const grouped = {
  devices: [
    { id: 'a', iommu: 'smmu0', pasidBits: 20, group: 'g' },
    { id: 'b', iommu: 'smmu0', pasidBits: 4, group: 'g' },
    { id: 'c', iommu: 'smmu0', group: 'g' },
  ],
};

function withDomain(over = {}) {
  const h = harness(over);
  h.run({ op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging', pasid: true });
  h.run({ op: 'domain_alloc', id: 'd2', iommu: 'smmu0', type: 'paging', pasid: true });
  h.drv.calls.length = 0;
  return h;
}

describe('iommu_attach_device_pasid (R25–R30)', () => {
  it('R25: PASID 0 is the RID → EINVAL', () => {
    const h = withDomain();
    expect(brief(h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 0 }))).toBe('EINVAL');
  });

  it('R25: ops mismatch → EINVAL before the reset check', () => {
    const h = withDomain({
      iommus: [
        { id: 'smmu0', type: 'smmuv3' },
        { id: 'dmar0', type: 'vtd' },
      ],
    });
    h.run({ op: 'domain_alloc', id: 'v1', iommu: 'dmar0', type: 'paging' });
    expect(brief(h.run({ op: 'attach_pasid', dev: 'big', domain: 'v1', pasid: 5 }))).toBe('EINVAL');
  });

  it('R25/R26: the range check uses every PASID-capable member and skips max-0 members', () => {
    const h = withDomain(grouped);
    expect(brief(h.run({ op: 'attach_pasid', dev: 'a', domain: 'd1', pasid: 16 }))).toBe('EINVAL');
    expect(brief(h.run({ op: 'attach_pasid', dev: 'a', domain: 'd1', pasid: 15 }))).toBe('ok');
    expect(h.drv.calls).toEqual(['set a 15 d1', 'set b 15 d1']); // R27: c (max 0) is never programmed
  });

  it('R25: an occupied slot → EBUSY, even for the same domain', () => {
    const h = withDomain();
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 7 });
    expect(brief(h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 7 }))).toBe('EBUSY');
  });

  it('R28: a member failure rolls earlier members back to blocked and leaves the slot empty', () => {
    const h = withDomain(grouped);
    h.drv.refuse.set('b', 'ENOMEM');
    expect(brief(h.run({ op: 'attach_pasid', dev: 'a', domain: 'd1', pasid: 3 }))).toBe('ENOMEM');
    expect(h.drv.calls).toEqual(['set a 3 d1', 'set b 3 d1', 'block a 3 old=d1']);
    expect(h.c.s.groups.get('g')?.pasidArray.size).toBe(0);
  });

  it('R30: no ownership, RID-domain or allocation check: any caller may attach any PASID in range', () => {
    const h = withDomain();
    h.run({ op: 'claim_dma_owner', dev: 'big' });
    expect(brief(h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 99 }))).toBe('ok');
  });
});

describe('iommu_replace_device_pasid (R31, R32) and detach (R33)', () => {
  it('R31: replacing an empty slot is EINVAL; a failing replace keeps the old domain', () => {
    const h = withDomain();
    expect(brief(h.run({ op: 'replace_pasid', dev: 'big', domain: 'd1', pasid: 4 }))).toBe('EINVAL');
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 4 });
    h.drv.refuse.set('big', 'ENOMEM');
    expect(brief(h.run({ op: 'replace_pasid', dev: 'big', domain: 'd2', pasid: 4 }))).toBe('ENOMEM');
    expect(h.c.s.groups.get('grp:big')?.pasidArray.get(4)?.domain).toBe('d1');
  });

  it('R32: replace with the same domain makes no driver call', () => {
    const h = withDomain();
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 4 });
    h.drv.calls.length = 0;
    expect(brief(h.run({ op: 'replace_pasid', dev: 'big', domain: 'd1', pasid: 4 }))).toBe('ok');
    expect(h.drv.calls).toEqual([]);
  });

  it("R16/R34: after a replace the slot holds the caller's (non-SVA) handle: an SVA bind there is EBUSY before any SVA domain is made", () => {
    const h = withDomain();
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 1 });
    expect(brief(h.run({ op: 'replace_pasid', dev: 'big', domain: 'd2', pasid: 1 }))).toBe('ok');
    h.drv.calls.length = 0;
    // P1's mm takes global PASID 1, which the group's slot 1 holds through iommufd's handle.
    const r = h.run({ op: 'bind', dev: 'big', proc: 'P1' });
    expect(brief(r)).toBe('EBUSY');
    expect(h.drv.calls.filter((c) => c.startsWith('allocSva'))).toEqual([]);
    expect([...h.c.s.domains.values()].filter((d) => d.type === 'sva')).toEqual([]);
  });

  it('R33: detach blocks every PASID-capable member and erases the slot, even during reset', () => {
    const h = withDomain({ devices: [{ id: 'big', iommu: 'smmu0', pasidBits: 20, ats: true }] });
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'd1', pasid: 4 });
    h.run({ op: 'reset_prepare', dev: 'big' });
    expect(brief(h.run({ op: 'detach_pasid', dev: 'big', pasid: 4 }))).toBe('ok');
    expect(h.c.s.groups.get('grp:big')?.pasidArray.size).toBe(0);
    expect(brief(h.run({ op: 'detach_pasid', dev: 'big', pasid: 4 }))).toBe('ENOENT');
  });

  it('attach_pasid_any (RFC) picks the lowest free slot of the group', () => {
    const h = harness({}, 'per-device-cap');
    h.run({ op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging' });
    h.run({ op: 'attach_pasid', dev: 'small', domain: 'd1', pasid: 1 });
    expect(brief(h.run({ op: 'attach_pasid_any', dev: 'small', domain: 'd1' }))).toBe('ok 2');
    expect(brief(h.run({ op: 'attach_pasid_any', dev: 'small', domain: 'd1' }))).toBe('ok 3');
    expect(brief(h.run({ op: 'attach_pasid_any', dev: 'small', domain: 'd1' }))).toBe('EBUSY'); // xa_alloc full
  });
});
