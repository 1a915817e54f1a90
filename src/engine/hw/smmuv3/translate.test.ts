import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../scenario/parse.ts';
import { runScenario } from '../../sim/simulation.ts';
import { smmuv3Driver as drv } from './driver.ts';
import { cfgiSte } from './commands.ts';
import { kit } from './testkit.ts';

function setup(opts: { pasidBits?: number | null; cdTable?: 'auto' | 'linear' | '2lvl' } = {}) {
  const k = kit(opts.cdTable ? { cdTable: opts.cdTable } : {});
  const dev = k.device('d0', { sid: 16, pasidBits: opts.pasidBits === undefined ? 20 : opts.pasidBits });
  k.proc('P1');
  const sva = k.domain('sva1', 'sva', { mm: 'P1' });
  const paging = k.domain('default:grp', 'paging');
  const identity = k.domain('identity:smmuv3', 'identity', { iommu: '' });
  const blocked = k.domain('blocked:smmuv3', 'blocked', { iommu: '' });
  return { k, dev, sva, paging, identity, blocked };
}

const dma = (k: ReturnType<typeof kit>, dev: ReturnType<ReturnType<typeof kit>['device']>, pasid?: number) =>
  drv.dma(k.c, k.iommu, dev, pasid, 0x2000);

describe('A11 / S2 translate: one test per row of the decision table', () => {
  it('A2/A11: a SID beyond 2^SIDSIZE → C_BAD_STREAMID, recorded in the event queue', () => {
    const { k } = setup();
    const far = k.device('far', { sid: 70000 });
    expect(dma(k, far)).toEqual({ ok: false, fault: 'C_BAD_STREAMID', via: 'SID 70000 ≥ 2^16' });
    expect(k.take()).toEqual(['event C_BAD_STREAMID sid=70000 ssv=0 ssid=null addr=8192']);
    expect(k.hw.evtq).toMatchObject({ prod: 1, ring: [{ name: 'C_BAD_STREAMID', sid: 70000 }] });
  });

  it('A2: a SID whose level-2 stream table was never allocated (L1STD Span 0) → C_BAD_STREAMID', () => {
    const { k } = setup();
    const ghost = { ...k.device('x', { sid: 1 }), id: 'ghost', sid: 4000 }; // never probed
    expect(dma(k, ghost)).toMatchObject({ ok: false, fault: 'C_BAD_STREAMID', via: 'L1STD[15] Span 0' });
  });

  it('A3/A11: STE.V = 0 → C_BAD_STE', () => {
    const { k, dev } = setup();
    k.hw.strtab.stes.set(16, { ...k.hw.strtab.stes.get(16)!, V: 0 });
    expect(dma(k, dev)).toMatchObject({ ok: false, fault: 'C_BAD_STE', via: 'STE[16] V=0' });
  });

  it('A11: Config 0 (probe-time abort STE, or blocked RID) aborts without an event', () => {
    const { k, dev } = setup();
    expect(dma(k, dev)).toEqual({ ok: false, fault: 'ABORT', via: 'STE[16] abort (Config 0)' });
    expect(dma(k, dev, 3)).toMatchObject({ ok: false, fault: 'ABORT' });
    expect(k.take()).toEqual([]);
    expect(k.hw.evtq.prod).toBe(0);
  });

  it('A3/A11: bypass STE: no SSV → bypass; SSV → C_BAD_SUBSTREAMID', () => {
    const { k, dev, identity } = setup();
    drv.attachDev(k.c, k.iommu, dev, identity);
    k.take();
    expect(dma(k, dev)).toEqual({ ok: true, via: 'STE[16] bypass' });
    expect(dma(k, dev, 3)).toEqual({ ok: false, fault: 'C_BAD_SUBSTREAMID', via: 'STE[16] bypass + SSID 3' });
    expect(k.take()).toEqual(['event C_BAD_SUBSTREAMID sid=16 ssv=1 ssid=3 addr=8192']);
  });

  it('A11: S1CDMax = 0 (master without SSIDs): no SSV uses the single CD; SSV → C_BAD_SUBSTREAMID', () => {
    const { k, dev, paging } = setup({ pasidBits: null });
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev)).toEqual({ ok: true, via: 'STE[16]→CD[0] asid 1 → dom default:grp' });
    expect(dma(k, dev, 1)).toMatchObject({ ok: false, fault: 'C_BAD_SUBSTREAMID', via: 'STE[16] S1CDMax 0 + SSID 1' });
  });

  it('A11: SSID ≥ 2^S1CDMax → C_BAD_SUBSTREAMID', () => {
    const { k, dev, paging } = setup({ pasidBits: 2 });
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev, 4)).toMatchObject({ ok: false, fault: 'C_BAD_SUBSTREAMID', via: 'STE[16] SSID 4 ≥ 2^2' });
  });

  it('A5/A11: SSV with SSID 0 under S1DSS=SSID0 → F_STREAM_DISABLED', () => {
    const { k, dev, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev, 0)).toMatchObject({
      ok: false,
      fault: 'F_STREAM_DISABLED',
      via: 'STE[16] SSID 0 with S1DSS=SSID0',
    });
  });

  it('A11: no SSV on a cd-table STE follows S1DSS: terminate → F_STREAM_DISABLED, bypass → bypass, SSID0 → CD[0]', () => {
    const { k, dev, sva, blocked, identity, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, blocked);
    drv.domainAllocSva(k.c, k.iommu, dev, sva);
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    k.take();
    expect(dma(k, dev)).toEqual({ ok: false, fault: 'F_STREAM_DISABLED', via: 'STE[16] S1DSS terminate' });
    expect(k.take()).toEqual(['event F_STREAM_DISABLED sid=16 ssv=0 ssid=null addr=8192']);
    drv.attachDev(k.c, k.iommu, dev, identity);
    expect(dma(k, dev)).toEqual({ ok: true, via: 'STE[16] S1DSS bypass' });
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev)).toEqual({ ok: true, via: 'STE[16]→CD[0] asid 2 → dom default:grp' });
  });

  it('A4/A11: an SSID in a 2-level table whose L1CD is invalid → C_BAD_SUBSTREAMID', () => {
    const { k, dev, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev, 5000)).toMatchObject({ ok: false, fault: 'C_BAD_SUBSTREAMID', via: 'STE[16]→L1CD[16][4] V=0' });
  });

  it('A5/A11: CD.V = 0 → C_BAD_CD (linear table and a present 2-level leaf)', () => {
    const { k, dev, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev, 7)).toMatchObject({ ok: false, fault: 'C_BAD_CD', via: 'STE[16]→CD[7] V=0' });
    const l = setup({ pasidBits: 4 });
    drv.attachDev(l.k.c, l.k.iommu, l.dev, l.paging);
    expect(dma(l.k, l.dev, 7)).toMatchObject({ ok: false, fault: 'C_BAD_CD' });
    expect(l.k.take().at(-1)).toBe('event C_BAD_CD sid=16 ssv=1 ssid=7 addr=8192');
  });

  it('A5: a valid SVA CD whose process exited without mm release → F_TRANSLATION, recorded (R=1)', () => {
    const { k, dev, sva, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    drv.domainAllocSva(k.c, k.iommu, dev, sva);
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    k.take();
    k.c.s.procs.get('P1')!.alive = false;
    expect(dma(k, dev, 3)).toEqual({
      ok: false,
      fault: 'F_TRANSLATION',
      via: 'STE[16]→CD[3] asid 2 → mm P1 (exited): F_TRANSLATION',
    });
    expect(k.take()).toEqual(['event F_TRANSLATION sid=16 ssv=1 ssid=3 addr=8192']);
  });

  it('A5: after mm release the EPD0 CD aborts silently (R=0): fault "ABORT", no event', () => {
    const { k, dev, sva, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    drv.domainAllocSva(k.c, k.iommu, dev, sva);
    drv.setDevPasid(k.c, k.iommu, dev, 3, sva, null);
    drv.mmRelease(k.c, [k.iommu], sva);
    k.take();
    expect(dma(k, dev, 3)).toMatchObject({ ok: false, fault: 'ABORT' });
    expect(k.take()).toEqual([]);
  });

  it('S2: walks read through the configuration caches; only CFGI drops a stale entry', () => {
    const { k, dev, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(dma(k, dev)).toMatchObject({ ok: true }); // fills the STE and CD caches
    // A store without invalidation is invisible to the SMMU…
    k.hw.strtab.stes.set(16, { ...k.hw.strtab.stes.get(16)!, Config: 0 });
    expect(dma(k, dev)).toMatchObject({ ok: true });
    // …until CFGI_STE drops the cached STE.
    cfgiSte(k.c, k.iommu as { id: string; hw: typeof k.hw }, 16, true);
    expect(dma(k, dev)).toMatchObject({ ok: false, fault: 'ABORT' });
  });
});

describe('the TLB (S2 tlb, S5): filled by a walk, emptied only by TLBI_NH_ASID', () => {
  it('a CD rewritten without its TLBI still reaches the old tables through the ASID; the TLBI ends it', () => {
    const { k, dev, sva, paging } = setup();
    drv.attachDev(k.c, k.iommu, dev, paging);
    expect(drv.setDevPasid(k.c, k.iommu, dev, 1, sva, null)).toBeNull();
    const asid = k.hw.domains.get('sva1')?.asid ?? -1;
    expect(dma(k, dev, 1)).toEqual({ ok: true, via: `STE[16]→CD[1] asid ${asid} → mm P1` });
    expect(k.hw.tlb.get(asid)).toBe('mm:P1');
    // Point the CD at another mm under the same ASID, with the CFGI the CD needs but no TLBI.
    const table = [...k.hw.cdTables.values()][0]!;
    table.cds.set(1, { ...table.cds.get(1)!, TTB0: 'mm:P2' });
    cfgiSte(k.c, { id: k.iommu.id, hw: k.hw }, 16, true);
    expect(dma(k, dev, 1)).toEqual({
      ok: true,
      via: `STE[16]→CD[1] asid ${asid} → mm P1 (stale TLB entry: the CD points at mm P2)`,
    });
    drv.domainFree(k.c, k.iommu, sva); // TLBI_NH_ASID + SYNC
    expect(k.hw.tlb.has(asid)).toBe(false);
    k.proc('P2');
    expect(dma(k, dev, 1)).toEqual({ ok: true, via: `STE[16]→CD[1] asid ${asid} → mm P2` });
  });

  it("Linux's own flows never meet a stale entry: an ASID and a PASID reused by another mm after unbind and exit", () => {
    const scenario = parseScenario({
      format: 'pasid-sandbox/1',
      iommus: [{ id: 'smmu0', type: 'smmuv3' }],
      devices: [{ id: 'a', iommu: 'smmu0', bus: 'pci', pasidBits: 20 }],
      processes: [{ id: 'P1' }, { id: 'P2' }],
      steps: [
        { op: 'bind', dev: 'a', proc: 'P1' },
        { op: 'dma', dev: 'a', pasid: 1 },
        { op: 'unbind', dev: 'a', proc: 'P1' },
        { op: 'exit', proc: 'P1' },
        { op: 'bind', dev: 'a', proc: 'P2' },
        { op: 'dma', dev: 'a', pasid: 1 },
      ],
    });
    const vias = runScenario(scenario).steps.flatMap((r) => (r.op === 'dma' ? [r.via] : []));
    // The same ASID 2 and PASID 1 reach P2's tables: the domain free's TLBI dropped P1's entry.
    expect(vias).toEqual(['STE[0]→CD[1] asid 2 → mm P1', 'STE[0]→CD[1] asid 2 → mm P2']);
  });
});
