import { describe, expect, it } from 'vitest';
import { smmuv3Driver as drv } from './driver.ts';
import { Simulation } from '../../sim/simulation.ts';
import { fmtEffect, kit } from './testkit.ts';

/** A master at SID 16 with the default paging domain on its RID (boot-time effects dropped). */
function booted(opts: { ats?: boolean; pasidBits?: number; rid?: 'paging' | 'identity' | 'blocked' } = {}) {
  const k = kit();
  const dev = k.device('d0', { sid: 16, ats: opts.ats ?? false, pasidBits: opts.pasidBits ?? 20 });
  const rid =
    opts.rid === 'identity'
      ? k.domain('identity:smmuv3', 'identity', { iommu: '' })
      : opts.rid === 'blocked'
        ? k.domain('blocked:smmuv3', 'blocked', { iommu: '' })
        : k.domain('default:grp', 'paging');
  drv.attachDev(k.c, k.iommu, dev, rid);
  k.proc('P1');
  k.proc('P2');
  const sva = k.domain('sva1', 'sva', { mm: 'P1' });
  expect(drv.domainAllocSva(k.c, k.iommu, dev, sva)).toBeNull();
  k.take();
  return { k, dev, sva, rid };
}

const CD3_SVA = [
  'CD[16][3] ← TTB0=mm:P1 MAIR=mair_el1',
  'CFGI_CD sid=16 ssid=3 leaf=1',
  'SYNC',
  'CD[16][3] ← V=1 ASID=2 EPD0=0 R=1 S=0 A=1 ASET=1',
  'CFGI_CD sid=16 ssid=3 leaf=1',
  'SYNC',
];

describe('PASID attach / detach and the SVA domain life cycle (A10.3–A10.7)', () => {
  it('A10.3: first SVA PASID under a paging RID: CD[P] in two CFGI_CD rounds, no STE change, no TLBI', () => {
    const { k, dev, sva } = booted();
    expect(k.hw.domains.get('sva1')?.asid).toBe(2); // the default domain took ASID 1
    expect(drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null)).toBeNull();
    expect(k.take()).toEqual(CD3_SVA);
    expect(k.hw.masters.get('d0')?.usedSsids).toBe(1);
    expect(drv.pasidEntries(k.iommu, dev)).toEqual(new Map([[3, 'sva1']]));
    expect(drv.dma(k.c, k.iommu, dev, 3, 0x4000)).toEqual({ ok: true, via: 'STE[16]→CD[3] asid 2 → mm P1' });
  });

  it('A10.3(b)/A4: a PASID in a missing 64 KB leaf: L1CD store + CFGI_CD(leaf=0) + SYNC first', () => {
    const { k, dev, sva } = booted();
    drv.setDevPasid(k.c, k.iommu, dev, 5000, sva, null);
    expect(k.take()).toEqual([
      'L1CD[16][4] ← V=1 L2Ptr=CD[16][4096..5119]',
      'CFGI_CD sid=16 ssid=5000 leaf=0',
      'SYNC',
      'CD[16][5000] ← TTB0=mm:P1 MAIR=mair_el1',
      'CFGI_CD sid=16 ssid=5000 leaf=1',
      'SYNC',
      'CD[16][5000] ← V=1 ASID=2 EPD0=0 R=1 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=5000 leaf=1',
      'SYNC',
    ]);
  });

  it('A10.3(e): RID identity without a CD table: table allocated, CD[P], then cd-table STE with S1DSS=BYPASS', () => {
    const { k, dev, sva } = booted({ rid: 'identity', pasidBits: 8 });
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    expect(k.take()).toEqual([
      'CD[16][3] ← TTB0=mm:P1 MAIR=mair_el1',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'CD[16][3] ← V=1 ASID=1 EPD0=0 R=1 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'STE[16] ← S1DSS=1 EATS=0 SHCFG=1',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'STE[16] ← V=1 Config=5 S1Fmt=0 S1ContextPtr=CD[16] S1CDMax=8',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=16',
    ]);
    expect(drv.dma(k.c, k.iommu, dev, undefined, 0)).toEqual({ ok: true, via: 'STE[16] S1DSS bypass' });
  });

  it('A10.3(e)/A10.4: RID blocked → S1DSS=TERMINATE; removing the last PASID turns the STE back to abort', () => {
    const { k, dev, sva } = booted({ rid: 'blocked', pasidBits: 8 });
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    expect(k.take().filter((l) => l.startsWith('STE'))).toEqual([
      'STE[16] ← S1DSS=0 EATS=0 SHCFG=0',
      'STE[16] ← V=1 Config=5 S1Fmt=0 S1ContextPtr=CD[16] S1CDMax=8',
    ]);
    expect(drv.dma(k.c, k.iommu, dev, undefined, 0)).toMatchObject({ ok: false, fault: 'F_STREAM_DISABLED' });
    k.take();
    drv.blockDevPasid(k.c, k.iommu, dev, 3, sva);
    expect(k.take()).toEqual([
      'CD[16][3] ← V=0 ASID=0 EPD0=0 R=0 S=0 A=0 ASET=0',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'CD[16][3] ← TTB0=null MAIR=0',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'STE[16] ← V=1 Config=0 S1Fmt=0 S1ContextPtr=null S1CDMax=0',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'STE[16] ← S1DSS=0 EATS=0 SHCFG=0',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=16',
    ]);
    expect(k.hw.masters.get('d0')).toMatchObject({ usedSsids: 0, inSte: false });
  });

  it('A10.4: unbind under a paging RID clears CD[P] (two rounds) with ATS flush, no TLBI, STE untouched', () => {
    const { k, dev, sva } = booted({ ats: true });
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    expect(k.take()).toEqual([...CD3_SVA, 'ATC_INV sid=16 ssv=1 ssid=3 size=52', 'SYNC']);
    drv.blockDevPasid(k.c, k.iommu, dev, 3, sva);
    expect(k.take()).toEqual([
      'CD[16][3] ← V=0 ASID=0 EPD0=0 R=0 S=0 A=0 ASET=0',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'CD[16][3] ← TTB0=null MAIR=0',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'ATC_INV sid=16 ssv=1 ssid=3 size=52',
      'SYNC',
    ]);
    expect(k.hw.domains.get('sva1')).toMatchObject({ devices: [], nrAtsMasters: 0 });
    expect(drv.dma(k.c, k.iommu, dev, 3, 0)).toMatchObject({ ok: false, fault: 'C_BAD_CD' });
  });

  it('A10.8: RID identity while a PASID is in use keeps the cd-table STE (S1DSS only), then clears CD[0]; paging again writes CD[0]', () => {
    const { k, dev, sva, rid } = booted({ ats: true });
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    k.take();
    drv.attachDev(k.c, k.iommu, dev, k.domain('identity:smmuv3', 'identity', { iommu: '' }));
    expect(k.take()).toEqual([
      'STE[16] ← S1DSS=1 EATS=1 SHCFG=1',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=16',
      'ATC_INV sid=16 ssv=0 ssid=0 size=52',
      'SYNC',
      'CD[16][0] ← V=0 ASID=0 EPD0=0 R=0 S=0 A=0 ASET=0',
      'CFGI_CD sid=16 ssid=0 leaf=1',
      'SYNC',
      'CD[16][0] ← TTB0=null MAIR=0',
      'CFGI_CD sid=16 ssid=0 leaf=1',
      'SYNC',
    ]);
    expect(drv.dma(k.c, k.iommu, dev, undefined, 0)).toEqual({ ok: true, via: 'STE[16] S1DSS bypass' });
    expect(drv.dma(k.c, k.iommu, dev, 3, 0)).toMatchObject({ ok: true });
    drv.attachDev(k.c, k.iommu, dev, rid);
    expect(k.take()).toEqual([
      'CD[16][0] ← TTB0=dom:default:grp MAIR=io-pgtable',
      'CFGI_CD sid=16 ssid=0 leaf=1',
      'SYNC',
      'CD[16][0] ← V=1 ASID=1 EPD0=0 R=1 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=0 leaf=1',
      'SYNC',
      'STE[16] ← S1DSS=2 EATS=1 SHCFG=0',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=16',
      'ATC_INV sid=16 ssv=0 ssid=0 size=52',
      'SYNC',
    ]);
  });

  it('A3/A10.3(f): replace SVA → paging at the same PASID is a breaking CD update; the old master_domain goes', () => {
    const { k, dev, sva } = booted({ ats: true });
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    k.take();
    const pg = k.domain('u1', 'paging', { pasidCompat: true });
    expect(drv.setDevPasid(k.c, k.iommu, dev, 3, pg, sva)).toBeNull();
    expect(k.take()).toEqual([
      'CD[16][3] ← V=0 ASID=0 EPD0=0 R=0 S=0 A=0 ASET=0',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'CD[16][3] ← TTB0=dom:u1 MAIR=io-pgtable',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'CD[16][3] ← V=1 ASID=3 EPD0=0 R=1 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'ATC_INV sid=16 ssv=1 ssid=3 size=52',
      'SYNC',
    ]);
    expect(k.hw.domains.get('sva1')?.devices).toEqual([]);
    expect(k.hw.domains.get('u1')?.devices).toEqual([{ dev: 'd0', ssid: 3 }]);
    expect(k.hw.masters.get('d0')?.usedSsids).toBe(1);
  });

  it('R17/A6: an SVA domain of another SMMU instance is refused with EINVAL and the old PASID config stays', () => {
    const { k, dev, sva } = booted();
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    k.take();
    k.addIommu({ id: 'smmu1' });
    const foreign = k.domain('sva9', 'sva', { mm: 'P2', iommu: 'smmu1' });
    expect(drv.setDevPasid(k.c, k.iommu, dev, 3, foreign, sva)).toBe('EINVAL');
    expect(drv.setDevPasid(k.c, k.iommu, dev, 4, foreign, null)).toBe('EINVAL');
    expect(k.take()).toEqual([]);
    expect(drv.dma(k.c, k.iommu, dev, 3, 0)).toMatchObject({ ok: true, via: 'STE[16]→CD[3] asid 2 → mm P1' });
  });

  it('A5/A10.6: mm release rewrites each CD to the dead-mm CD (hitless), then TLBI + ATC; DMA then aborts silently', () => {
    const { k, dev, sva } = booted({ ats: true });
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    drv.setDevPasid(k.c, k.iommu, dev, 7, sva, null);
    k.take();
    drv.mmRelease(k.c, [k.iommu], sva);
    expect(k.take()).toEqual([
      'CD[16][7] ← V=1 ASID=2 EPD0=1 R=0 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=7 leaf=1',
      'SYNC',
      'CD[16][7] ← TTB0=null',
      'CFGI_CD sid=16 ssid=7 leaf=1',
      'SYNC',
      'CD[16][3] ← V=1 ASID=2 EPD0=1 R=0 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'CD[16][3] ← TTB0=null',
      'CFGI_CD sid=16 ssid=3 leaf=1',
      'SYNC',
      'TLBI_NH_ASID vmid=0 asid=2',
      'SYNC',
      'ATC_INV sid=16 ssv=1 ssid=7 size=52',
      'ATC_INV sid=16 ssv=1 ssid=3 size=52',
      'SYNC',
    ]);
    const before = k.hw.evtq.prod;
    expect(drv.dma(k.c, k.iommu, dev, 3, 0x1000)).toEqual({
      ok: false,
      fault: 'ABORT',
      via: 'STE[16]→CD[3] asid 2 EPD0 (mm released): F_TRANSLATION not recorded (R=0)',
    });
    expect(k.hw.evtq.prod).toBe(before);
    expect(k.take()).toEqual([]);
    // The PASID stays attached until unbind (A10.6): the dead CD still counts.
    expect(drv.pasidEntries(k.iommu, dev)).toEqual(
      new Map([
        [3, 'sva1'],
        [7, 'sva1'],
      ])
    );
    // mmget_not_zero fails: re-setting the PASID (e.g. at reset_done) is refused.
    k.c.s.procs.get('P1')!.alive = false;
    expect(drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null)).toBe('EINVAL');
  });

  it('A10.7/S5: SVA domain free issues TLBI_NH_ASID + SYNC and frees the ASID; bind and unbind issue no TLBI', () => {
    const { k, dev, sva } = booted();
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    drv.blockDevPasid(k.c, k.iommu, dev, 3, sva);
    expect(k.take().some((l) => l.startsWith('TLBI'))).toBe(false);
    drv.domainFree(k.c, k.iommu, sva);
    expect(k.take()).toEqual(['TLBI_NH_ASID vmid=0 asid=2', 'SYNC']);
    expect(k.hw.domains.has('sva1')).toBe(false);
    // Another instance holds nothing for it: ignored.
    const other = k.addIommu({ id: 'smmu1' });
    drv.domainFree(k.c, other, sva);
    expect(k.take()).toEqual([]);
    const next = k.domain('sva2', 'sva', { mm: 'P2' });
    drv.domainAllocSva(k.c, k.iommu, dev, next);
    expect(k.hw.domains.get('sva2')?.asid).toBe(2);
  });

  it('R18: domain_alloc_sva accepts a master without SSIDs (only !FEAT_SVA refuses) and gives each SVA domain a private ASID', () => {
    const k = kit();
    const none = k.device('n', { sid: 1, pasidBits: null });
    const one = k.device('o', { sid: 2, pasidBits: 0 });
    const ok = k.device('ok', { sid: 3, pasidBits: 1 });
    k.proc('P1');
    k.proc('P2');
    expect(drv.domainAllocSva(k.c, k.iommu, none, k.domain('s0', 'sva', { mm: 'P1' }))).toBeNull();
    expect(drv.domainAllocSva(k.c, k.iommu, one, k.domain('s1', 'sva', { mm: 'P1' }))).toBeNull();
    expect(drv.domainAllocSva(k.c, k.iommu, ok, k.domain('s2', 'sva', { mm: 'P1' }))).toBeNull();
    expect(drv.domainAllocSva(k.c, k.iommu, ok, k.domain('s3', 'sva', { mm: 'P2' }))).toBeNull();
    expect(['s0', 's1', 's2', 's3'].map((d) => k.hw.domains.get(d)?.asid)).toEqual([1, 2, 3, 4]);
    expect(k.take()).toEqual([]);
  });

  it('A4: without CD2L the master is capped at 10 SSID bits; Linux still writes CD[1500] (unchecked) but the SMMU never reads it', () => {
    const k = kit({ cdTable: 'linear' });
    const dev = k.device('d0', { sid: 4, pasidBits: 20 });
    expect(dev.maxPasids).toBe(1 << 20);
    drv.attachDev(k.c, k.iommu, dev, k.domain('d1', 'paging'));
    k.proc('P1');
    const sva = k.domain('sva1', 'sva', { mm: 'P1' });
    drv.domainAllocSva(k.c, k.iommu, dev, sva);
    expect(drv.setDevPasid(k.c, k.iommu, dev, 1500, sva, null)).toBeNull();
    expect(drv.dma(k.c, k.iommu, dev, 1500, 0)).toMatchObject({
      ok: false,
      fault: 'C_BAD_SUBSTREAMID',
      via: 'STE[4] SSID 1500 ≥ 2^10',
    });
  });
});

describe('SVA bind on masters without SSIDs, through the kernel core (R18, RFC policy)', () => {
  it('R18: per-device-cap reaches domain_alloc_sva for max_pasids 0/1; the core, not the driver, decides', () => {
    const sim = Simulation.create({
      format: 'pasid-sandbox/1',
      policy: 'per-device-cap',
      iommus: [{ id: 'smmu0', type: 'smmuv3' }],
      devices: [
        { id: 'none', iommu: 'smmu0', bus: 'platform' },
        { id: 'one', iommu: 'smmu0', bus: 'platform', pasidBits: 0 },
      ],
      processes: [{ id: 'P1' }, { id: 'P2' }],
      steps: [],
    });
    // max 0: xa_alloc's limit max_pasids - 1 wraps to UINT_MAX, no member is programmed: PASID 1.
    expect(sim.apply({ op: 'bind', dev: 'none', proc: 'P1' })).toMatchObject({ ok: true, pasid: 1 });
    // max 1: the range [1, 0] is empty, xa_alloc fails with -EBUSY and the new domain is freed.
    const one = sim.apply({ op: 'bind', dev: 'one', proc: 'P2' });
    expect(one).toMatchObject({ ok: false, errno: 'EBUSY' });
    expect((one.effects ?? []).map(fmtEffect)).toEqual(['TLBI_NH_ASID vmid=0 asid=4', 'SYNC']);
  });
});
