import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import type { Scenario } from '../../scenario/types.ts';
import { runScenario } from '../../sim/simulation.ts';
import { smmuv3Driver as drv } from './driver.ts';
import { kit } from './testkit.ts';

describe('probe and RID attach (A2, A4, A10.1, A10.2, A10.8)', () => {
  it('R3/A4: max_pasids = 1 << SSIDSIZE (default 20), even without CD2L', () => {
    expect(drv.maxPasids({ id: 's', type: 'smmuv3' })).toBe(1 << 20);
    expect(drv.maxPasids({ id: 's', type: 'smmuv3', ssidBits: 2 })).toBe(4);
    expect(drv.maxPasids({ id: 's', type: 'smmuv3', ssidBits: 20, cdTable: 'linear' })).toBe(1 << 20);
    expect(drv.supportsPasidDomain('identity')).toBe(false);
    expect(drv.supportsPasidDomain('paging')).toBe(true);
    expect(drv.supportsPasidDomain('sva')).toBe(true);
  });

  it('A10.1: probe installs the abort STE in a fresh L2 array and sizes ssid_bits (A4 steps 1–3)', () => {
    const k = kit({ ssidBits: 16 });
    k.device('big', { sid: 300, pasidBits: 20 });
    k.device('small', { sid: 301, bus: 'platform', pasidBits: 2 });
    k.device('none', { sid: 302, pasidBits: null });
    expect(k.take()).toEqual([]); // probe effects are not recorded
    expect(k.hw.strtab.fmt).toBe('2lvl');
    expect(k.hw.strtab.l1.get(1)).toEqual({ Span: 9, L2Ptr: 'STE[256..511]' });
    expect(k.hw.strtab.stes.get(300)).toMatchObject({ V: 1, Config: 0 });
    expect(k.hw.masters.get('big')?.ssidBits).toBe(16);
    expect(k.hw.masters.get('small')?.ssidBits).toBe(2);
    expect(k.hw.masters.get('none')?.ssidBits).toBe(0);
    const linear = kit({ cdTable: 'linear' });
    linear.device('big', { pasidBits: 20 });
    expect(linear.hw.masters.get('big')?.ssidBits).toBe(10);
  });

  it('A10.2: paging RID attach on a linear CD table: CD[0] in two CFGI_CD rounds, cd-table STE S1DSS=SSID0', () => {
    const k = kit();
    const dev = k.device('d0', { sid: 3, pasidBits: 4 });
    expect(drv.attachDev(k.c, k.iommu, dev, k.domain('d1', 'paging'))).toBeNull();
    expect(k.take()).toEqual([
      'CD[3][0] ← TTB0=dom:d1 MAIR=io-pgtable',
      'CFGI_CD sid=3 ssid=0 leaf=1',
      'SYNC',
      'CD[3][0] ← V=1 ASID=1 EPD0=0 R=1 S=0 A=1 ASET=1',
      'CFGI_CD sid=3 ssid=0 leaf=1',
      'SYNC',
      'STE[3] ← S1DSS=2 EATS=0 SHCFG=0',
      'CFGI_STE sid=3 leaf=1',
      'SYNC',
      'STE[3] ← V=1 Config=5 S1Fmt=0 S1ContextPtr=CD[3] S1CDMax=4',
      'CFGI_STE sid=3 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=3',
    ]);
    expect(drv.dma(k.c, k.iommu, dev, undefined, 0x1000)).toEqual({ ok: true, via: 'STE[3]→CD[0] asid 1 → dom d1' });
  });

  it('A10.2/A4: paging RID attach on a 2-level table with ATS: leaf 0 + L1CD first, ATS enabled at commit', () => {
    const k = kit();
    const dev = k.device('d0', { sid: 16, ats: true });
    drv.attachDev(k.c, k.iommu, dev, k.domain('d1', 'paging'));
    expect(k.take()).toEqual([
      'L1CD[16][0] ← V=1 L2Ptr=CD[16][0..1023]',
      'CFGI_CD sid=16 ssid=0 leaf=0',
      'SYNC',
      'CD[16][0] ← TTB0=dom:d1 MAIR=io-pgtable',
      'CFGI_CD sid=16 ssid=0 leaf=1',
      'SYNC',
      'CD[16][0] ← V=1 ASID=1 EPD0=0 R=1 S=0 A=1 ASET=1',
      'CFGI_CD sid=16 ssid=0 leaf=1',
      'SYNC',
      'STE[16] ← S1DSS=2 EATS=1 SHCFG=0',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'STE[16] ← V=1 Config=5 S1Fmt=2 S1ContextPtr=L1CD[16] S1CDMax=20',
      'CFGI_STE sid=16 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=16',
      'ATC_INV sid=16 ssv=0 ssid=0 size=52',
      'SYNC',
    ]);
    expect(k.hw.masters.get('d0')).toMatchObject({ atsEnabled: true, steAtsEnabled: true, inSte: true });
  });

  it('A4: cdTable "2lvl" forces 64 KB leaves for a small master; "auto" keeps ≤ 1024 CDs linear', () => {
    const k = kit({ cdTable: '2lvl' });
    const dev = k.device('d0', { sid: 1, pasidBits: 4 });
    drv.attachDev(k.c, k.iommu, dev, k.domain('d1', 'paging'));
    expect(k.hw.cdTables.get('L1CD[1]')).toMatchObject({ s1fmt: 2, s1cdmax: 4, numL1: 1 });
    const a = kit();
    const small = a.device('d0', { sid: 1, pasidBits: 10 });
    drv.attachDev(a.c, a.iommu, small, a.domain('d1', 'paging'));
    expect(a.hw.cdTables.get('CD[1]')).toMatchObject({ s1fmt: 0, s1cdmax: 10 });
  });

  it('A3: identity RID attach turns the abort STE into bypass (SHCFG first, then Config)', () => {
    const k = kit();
    const dev = k.device('d0', { sid: 5 });
    drv.attachDev(k.c, k.iommu, dev, k.domain('identity:smmuv3', 'identity', { iommu: '' }));
    expect(k.take()).toEqual([
      'STE[5] ← S1DSS=0 EATS=0 SHCFG=1',
      'CFGI_STE sid=5 leaf=1',
      'SYNC',
      'STE[5] ← V=1 Config=4 S1Fmt=0 S1ContextPtr=null S1CDMax=0',
      'CFGI_STE sid=5 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=5',
    ]);
    expect(drv.dma(k.c, k.iommu, dev, undefined, 0)).toEqual({ ok: true, via: 'STE[5] bypass' });
  });

  it('A10.8: blocked RID without PASIDs: abort STE, then CD[0] cleared; ATS switched off with a full ATC flush', () => {
    const k = kit();
    const dev = k.device('d0', { sid: 2, pasidBits: 4, ats: true });
    drv.attachDev(k.c, k.iommu, dev, k.domain('d1', 'paging'));
    k.take();
    drv.attachDev(k.c, k.iommu, dev, k.domain('blocked:smmuv3', 'blocked', { iommu: '' }));
    expect(k.take()).toEqual([
      'STE[2] ← V=1 Config=0 S1Fmt=0 S1ContextPtr=null S1CDMax=0',
      'CFGI_STE sid=2 leaf=1',
      'SYNC',
      'STE[2] ← S1DSS=0 EATS=0 SHCFG=0',
      'CFGI_STE sid=2 leaf=1',
      'SYNC',
      'PREFETCH_CFG sid=2',
      'ATC_INV sid=2 ssv=0 ssid=0 size=52',
      'SYNC',
      'CD[2][0] ← V=0 ASID=0 EPD0=0 R=0 S=0 A=0 ASET=0',
      'CFGI_CD sid=2 ssid=0 leaf=1',
      'SYNC',
      'CD[2][0] ← TTB0=null MAIR=0',
      'CFGI_CD sid=2 ssid=0 leaf=1',
      'SYNC',
    ]);
    expect(k.hw.domains.get('d1')?.devices).toEqual([]);
    expect(drv.dma(k.c, k.iommu, dev, undefined, 0)).toEqual({
      ok: false,
      fault: 'ABORT',
      via: 'STE[2] abort (Config 0)',
    });
  });

  it('A6: a paging domain finalised on another SMMU instance is refused with EINVAL and nothing is written', () => {
    const k = kit();
    k.addIommu({ id: 'smmu1' });
    const dev = k.device('d0', { sid: 1 });
    expect(drv.attachDev(k.c, k.iommu, dev, k.domain('d9', 'paging', { iommu: 'smmu1' }))).toBe('EINVAL');
    expect(k.take()).toEqual([]);
    expect(k.hw.strtab.stes.get(1)).toMatchObject({ Config: 0 });
  });

  it('A6: ASIDs are the lowest free in [1, 65535] across every SMMU (one arm_smmu_asid_xa), taken at first attach and reused after free', () => {
    const k = kit();
    const a = k.device('a', { sid: 1 });
    const b = k.device('b', { sid: 2 });
    const d1 = k.domain('d1', 'paging');
    const d2 = k.domain('d2', 'paging');
    drv.attachDev(k.c, k.iommu, a, d1);
    drv.attachDev(k.c, k.iommu, b, d2);
    drv.attachDev(k.c, k.iommu, b, d1); // same domain on a second master keeps its ASID
    expect([k.hw.domains.get('d1')?.asid, k.hw.domains.get('d2')?.asid]).toEqual([1, 2]);
    k.take();
    drv.domainFree(k.c, k.iommu, d2);
    expect(k.take()).toEqual(['TLBI_NH_ASID vmid=0 asid=2', 'SYNC']);
    drv.attachDev(k.c, k.iommu, b, k.domain('d3', 'paging'));
    expect(k.hw.domains.get('d3')?.asid).toBe(2);
    const other = k.addIommu({ id: 'smmu1' });
    const c = k.device('c', { sid: 1, iommu: 'smmu1' });
    drv.attachDev(k.c, other, c, k.domain('d4', 'paging', { iommu: 'smmu1' }));
    // ASIDs 1 and 2 are taken on smmu0: the global xarray gives smmu1's domain 3, not its own 1.
    expect(other.type === 'smmuv3' && other.hw.domains.get('d4')?.asid).toBe(3);
    drv.domainFree(k.c, k.iommu, d1);
    drv.attachDev(k.c, other, k.device('e', { sid: 2, iommu: 'smmu1' }), k.domain('d5', 'paging', { iommu: 'smmu1' }));
    expect(other.type === 'smmuv3' && other.hw.domains.get('d5')?.asid).toBe(1); // freed on smmu0, free for smmu1
  });
});

describe('ASIDs through whole scenarios (A6)', () => {
  /** The ASID of each CD store a scenario's steps make, as "CD[sid][ssid]=asid". */
  function cdAsids(scenario: Scenario): string[] {
    return runScenario(scenario).steps.flatMap((r) =>
      (r.effects ?? []).flatMap((e) =>
        e.kind === 'write' && e.entry.startsWith('CD[') && e.fields['V'] === 1
          ? [`${e.entry}=${String(e.fields['ASID'])}`]
          : []
      )
    );
  }

  it('A6: a paging domain takes its ASID at domain_alloc (arm_smmu_domain_finalise_s1), before a later SVA bind', () => {
    const scenario = parseScenario({
      format: 'pasid-sandbox/1',
      iommus: [{ id: 'smmu0', type: 'smmuv3' }],
      devices: [{ id: 'a', iommu: 'smmu0', bus: 'pci', pasidBits: 20 }],
      processes: [{ id: 'P1' }],
      steps: [
        { op: 'domain_alloc', id: 'd1', iommu: 'smmu0', type: 'paging', pasid: true },
        { op: 'bind', dev: 'a', proc: 'P1' },
        { op: 'attach_pasid', dev: 'a', domain: 'd1', pasid: 5 },
      ],
    });
    // The default domain took ASID 1 at boot, d1 takes 2 at its allocation, the SVA domain 3.
    expect(cdAsids(scenario)).toEqual(['CD[0][1]=3', 'CD[0][5]=2']);
  });

  it('A6: two SMMUs never hold the same ASID (one arm_smmu_asid_xa for all instances)', () => {
    const scenario = parseScenario({
      format: 'pasid-sandbox/1',
      iommus: [
        { id: 'smmu0', type: 'smmuv3' },
        { id: 'smmu1', type: 'smmuv3' },
      ],
      devices: [
        { id: 'a', iommu: 'smmu0', bus: 'pci', pasidBits: 20 },
        { id: 'b', iommu: 'smmu1', bus: 'pci', pasidBits: 20 },
      ],
      processes: [{ id: 'P1' }],
      steps: [
        { op: 'bind', dev: 'a', proc: 'P1' },
        { op: 'bind', dev: 'b', proc: 'P1' },
      ],
    });
    // Default domains: 1 (smmu0) and 2 (smmu1); each SMMU's SVA domain for P1 then 3 and 4.
    expect(cdAsids(scenario)).toEqual(['CD[0][1]=3', 'CD[0][1]=4']);
  });
});
