import { describe, expect, it } from 'vitest';
import { brief, harness } from './testHarness.ts';

function setup(over = {}) {
  const h = harness(over);
  h.run({ op: 'domain_alloc', id: 'u1', iommu: 'smmu0', type: 'paging' });
  h.run({ op: 'domain_alloc', id: 'u2', iommu: 'smmu0', type: 'paging' });
  return h;
}

describe('RID attach/detach (R35–R37)', () => {
  it('R35: attach needs a default/blocking RID domain; R36: detach of the wrong domain only WARNs', () => {
    const h = setup();
    expect(brief(h.run({ op: 'attach_dev', dev: 'big', domain: 'u1' }))).toBe('ok');
    expect(brief(h.run({ op: 'attach_dev', dev: 'big', domain: 'u2' }))).toBe('EBUSY');
    expect(brief(h.run({ op: 'detach_dev', dev: 'big', domain: 'u2' }))).toBe('WARN');
    expect(brief(h.run({ op: 'detach_dev', dev: 'big', domain: 'u1' }))).toBe('ok');
    expect(h.c.s.groups.get('grp:big')?.domain).toBe('default:grp:big');
  });

  it('R35: multi-device groups cannot use the device API', () => {
    const h = setup({
      devices: [
        { id: 'a', iommu: 'smmu0', group: 'g' },
        { id: 'b', iommu: 'smmu0', group: 'g' },
      ],
    });
    expect(brief(h.run({ op: 'attach_dev', dev: 'a', domain: 'u1' }))).toBe('EINVAL');
  });

  it('R37: RID changes never touch attached PASIDs', () => {
    const h = setup();
    h.run({ op: 'bind', dev: 'big', proc: 'P1' });
    h.run({ op: 'attach_dev', dev: 'big', domain: 'u1' });
    h.run({ op: 'detach_dev', dev: 'big', domain: 'u1' });
    expect([...(h.c.s.groups.get('grp:big')?.pasidArray.keys() ?? [])]).toEqual([1]);
    expect(h.drv.calls.filter((c) => c.startsWith('block'))).toEqual([]);
  });
});

describe('DMA ownership (R38–R42)', () => {
  it('R38: claiming fails while a PASID is attached or the RID is off its default domain', () => {
    const h = setup();
    h.run({ op: 'bind', dev: 'big', proc: 'P1' });
    expect(brief(h.run({ op: 'claim_dma_owner', dev: 'big' }))).toBe('EBUSY');
    h.run({ op: 'unbind', dev: 'big', proc: 'P1' });
    h.run({ op: 'attach_dev', dev: 'big', domain: 'u1' });
    expect(brief(h.run({ op: 'claim_dma_owner', dev: 'big' }))).toBe('EBUSY');
  });

  it('R39: same owner counts up, another owner is EPERM; R41: release with PASIDs WARNs; R42: last release → default', () => {
    const h = setup();
    expect(brief(h.run({ op: 'claim_dma_owner', dev: 'big' }))).toBe('ok');
    expect(h.c.s.groups.get('grp:big')?.domain).toBe('blocked:smmuv3');
    expect(brief(h.run({ op: 'claim_dma_owner', dev: 'big' }))).toBe('ok');
    expect(brief(h.run({ op: 'claim_dma_owner', dev: 'big', owner: 'vfio-2' }))).toBe('EPERM');
    h.run({ op: 'attach_pasid', dev: 'big', domain: 'u1', pasid: 9 });
    expect(brief(h.run({ op: 'release_dma_owner', dev: 'big' }))).toBe('ok'); // 2 → 1 only decrements
    expect(brief(h.run({ op: 'release_dma_owner', dev: 'big' }))).toBe('WARN');
    expect(h.c.s.groups.get('grp:big')?.ownerCnt).toBe(1);
    h.run({ op: 'detach_pasid', dev: 'big', pasid: 9 });
    expect(brief(h.run({ op: 'release_dma_owner', dev: 'big' }))).toBe('ok');
    expect(h.c.s.groups.get('grp:big')?.domain).toBe('default:grp:big');
    expect(brief(h.run({ op: 'release_dma_owner', dev: 'big' }))).toBe('WARN');
  });

  it('R36: detach while owned installs the blocking domain', () => {
    const h = setup();
    h.run({ op: 'claim_dma_owner', dev: 'big' });
    h.run({ op: 'attach_dev', dev: 'big', domain: 'u1' });
    h.run({ op: 'detach_dev', dev: 'big', domain: 'u1' });
    expect(h.c.s.groups.get('grp:big')?.domain).toBe('blocked:smmuv3');
  });
});

describe('PCI reset gating (R43, R44)', () => {
  const ats = { devices: [{ id: 'big', iommu: 'smmu0', pasidBits: 20, ats: true }] };

  it('R43: attaches in the group fail while resetting; R44: done restores RID and PASIDs', () => {
    const h = setup(ats);
    h.run({ op: 'bind', dev: 'big', proc: 'P1' });
    h.drv.calls.length = 0;
    expect(brief(h.run({ op: 'reset_prepare', dev: 'big' }))).toBe('ok');
    expect(h.drv.calls).toEqual(['attachDev big blocked:smmuv3', 'block big 1 old=sva:1']);
    expect(brief(h.run({ op: 'bind', dev: 'big', proc: 'P2' }))).toBe('EBUSY');
    expect(h.c.s.procs.get('P2')?.iommuMm?.pasid).toBe(2); // R13: allocated before the attach failed
    expect(brief(h.run({ op: 'attach_dev', dev: 'big', domain: 'u1' }))).toBe('EBUSY');
    expect(brief(h.run({ op: 'reset_prepare', dev: 'big' }))).toBe('EBUSY');
    h.drv.calls.length = 0;
    expect(brief(h.run({ op: 'reset_done', dev: 'big' }))).toBe('ok');
    expect(h.drv.calls).toEqual(['attachDev big default:grp:big', 'set big 1 sva:1']);
    expect(brief(h.run({ op: 'bind', dev: 'big', proc: 'P2' }))).toBe('ok 2');
  });

  it('R43: re-attaching the current RID domain during a reset succeeds; the same-domain check comes first', () => {
    const h = setup(ats);
    h.run({ op: 'reset_prepare', dev: 'big' });
    expect(brief(h.run({ op: 'attach_dev', dev: 'big', domain: 'default' }))).toBe('ok');
    expect(brief(h.run({ op: 'attach_dev', dev: 'big', domain: 'u1' }))).toBe('EBUSY');
  });

  it("R43/R44: releasing ownership during one member's reset moves the other members to the default domain now", () => {
    const h = setup({
      devices: [
        { id: 'a', iommu: 'smmu0', pasidBits: 20, ats: true, group: 'G' },
        { id: 'b', iommu: 'smmu0', pasidBits: 20, group: 'G' },
      ],
    });
    h.run({ op: 'claim_dma_owner', dev: 'a' });
    h.drv.calls.length = 0;
    h.run({ op: 'reset_prepare', dev: 'a' });
    expect(h.drv.calls).toEqual([]); // the owned group's RID is on the blocking domain already
    expect(brief(h.run({ op: 'release_dma_owner', dev: 'a' }))).toBe('ok');
    expect(h.drv.calls).toEqual(['attachDev b default:G']); // v7.0.y: nofail paths pass the fence
    expect(h.c.s.groups.get('G')?.domain).toBe('default:G');
    h.drv.calls.length = 0;
    h.run({ op: 'reset_done', dev: 'a' });
    expect(h.drv.calls).toEqual(['attachDev a default:G']);
  });

  it('devices without ATS are not gated', () => {
    const h = setup();
    const r = h.run({ op: 'reset_prepare', dev: 'big' });
    expect(brief(r)).toBe('ok');
    expect(h.c.s.groups.get('grp:big')?.resetting.size).toBe(0);
  });
});
