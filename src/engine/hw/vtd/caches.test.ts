import { describe, expect, it } from 'vitest';
import { vtdDriver } from './driver.ts';
import { qiContextCache, qiIotlb, qiPasidCache, qiPiotlb } from './queue.ts';
import { writePasidTe } from './tables.ts';
import { addDevice, addDomain, faultOf, kit, take, vtdUnit } from './testkit.ts';

const SID = 0x10; // 00:02.0

describe('configuration caches (S3): filled by walks, emptied only by CC / PC', () => {
  it('CM=0: a present entry is cached; an entry rewritten without PC keeps being served (stale)', () => {
    const k = kit();
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 3, sva, null);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).via).toBe('CTX[00:02.0]→PASIDTE[3] did 1 → mm P1');
    expect(k.hw().pasidCache.get(SID)?.get(3)?.did).toBe(1);
    expect(k.hw().contextCache.has(SID)).toBe(true);
    // Rewrite the entry in memory only (no PC): the walk still uses the cached P1 entry.
    const table = k.hw().pasidTables.get(SID);
    if (!table) throw new Error('no table');
    writePasidTe(k.c, k.unit(), table, k.hw().devs.get('dsa') ?? (undefined as never), 3, {
      p: true,
      fpd: false,
      pgtt: 1,
      did: 1,
      sre: false,
      mm: 'P2',
      dom: null,
    });
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).via).toBe('CTX[00:02.0]→PASIDTE[3] did 1 → mm P1 (stale cache)');
    // A PC for another DID leaves it; the PASID-selective PC with DID 1 drops it.
    qiPasidCache(k.c, k.unit(), k.hw(), 1, 2, 3);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).via).toContain('mm P1 (stale cache)');
    qiPasidCache(k.c, k.unit(), k.hw(), 1, 1, 3);
    // The entry is read again, but the IOTLB still holds P1's translation under (DID 1, PASID 3)…
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).via).toBe(
      'CTX[00:02.0]→PASIDTE[3] did 1 → mm P1 (stale IOTLB entry: the PASID entry points at mm P2)'
    );
    // …until the P_IOTLB that Linux queues after the PC (a DSI would not drop a first-stage entry).
    qiIotlb(k.c, k.unit(), k.hw(), 2, 1);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).via).toContain('stale IOTLB entry');
    qiPiotlb(k.c, k.unit(), k.hw(), 2, 1, 3);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).via).toBe('CTX[00:02.0]→PASIDTE[3] did 1 → mm P2');
  });

  it('CM=0: not-present entries are never cached, so not-present → present needs no invalidation (S5)', () => {
    const k = kit();
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, 3, 0))).toBe('VTD_0x59');
    expect(k.hw().pasidCache.get(SID)?.has(3) ?? false).toBe(false);
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 3, addDomain(k, 'sva1', 'sva', 'dmar0', 'P1'), null);
    expect(take(k).filter((l) => l.startsWith('D '))).toEqual([]);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).ok).toBe(true);
  });

  it("CM=1: a not-present entry is cached (DID 0); Linux's PC with the new DID is what makes the new entry visible (S5)", () => {
    const k = kit([vtdUnit({ id: 'dmar0', cachingMode: true })]);
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, 3, 0))).toBe('VTD_0x59');
    expect(k.hw().pasidCache.get(SID)?.get(3)).toEqual({ dirP: true, dirFpd: false, te: null, did: 0 });
    // Without the invalidation the cached not-present entry keeps faulting.
    const table = k.hw().pasidTables.get(SID);
    const info = k.hw().devs.get('dsa');
    if (!table || !info) throw new Error('not probed');
    writePasidTe(k.c, k.unit(), table, info, 3, {
      p: true,
      fpd: false,
      pgtt: 1,
      did: 1,
      sre: false,
      mm: 'P1',
      dom: null,
    });
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0)).toMatchObject({
      fault: 'VTD_0x59',
      via: 'CTX[00:02.0]→PASIDTE[3] P=0 (stale cache)',
    });
    // The driver path: pasid_flush_caches queues PC(g=1, DID 1, PASID 3), which drops it.
    qiPasidCache(k.c, k.unit(), k.hw(), 1, 1, 3);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).ok).toBe(true);
  });

  it('CM=1 through the driver: attach after a faulting DMA is visible at once', () => {
    const k = kit([vtdUnit({ id: 'dmar0', cachingMode: true })]);
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, 70, 0))).toBe('VTD_0x51');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 70, addDomain(k, 'sva1', 'sva', 'dmar0', 'P1'), null);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 70, 0).ok).toBe(true);
  });

  it('mm release flushes the PASID cache, so the next walk reads the cleared entry: fault 0x59, no stale translation', () => {
    const k = kit();
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 3, sva, null);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0).ok).toBe(true);
    vtdDriver.mmRelease(k.c, [k.unit()], sva);
    // Since 75ed00055c05 the release leaves an all-zero entry (no FPD): the fault is recorded.
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, 3, 0))).toBe('VTD_0x59');
  });

  it('CM=1: a cached P=0/FPD=1 entry survives its clearing at detach (Linux sends no PC on that path)', () => {
    const k = kit([vtdUnit({ id: 'dmar0', cachingMode: true })]);
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 3, sva, null);
    // An entry a pre-2026 mm release left behind (P=0, FPD=1); the walk caches it (CM=1).
    k.hw().pasidTables.get(SID)?.te.set(3, { p: false, fpd: true, pgtt: 0, did: 0, sre: false, mm: null, dom: null });
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, 3, 0))).toBe('ABORT');
    vtdDriver.blockDevPasid(k.c, k.unit(), dev, 3, sva);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0)).toMatchObject({
      fault: 'ABORT',
      via: expect.stringContaining('(stale cache)') as unknown,
    });
  });

  it('CC device-selective drops the context entry and every PASID entry of that source-id', () => {
    const k = kit();
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    const other = addDevice(k, 'nic', { bdf: '00:03.0' });
    vtdDriver.dma(k.c, k.unit(), dev, undefined, 0);
    vtdDriver.dma(k.c, k.unit(), other, undefined, 0);
    const info = k.hw().devs.get('dsa') ?? null;
    qiContextCache(k.c, k.unit(), k.hw(), 3, 0, info);
    expect(k.hw().contextCache.has(SID)).toBe(false);
    expect(k.hw().pasidCache.has(SID)).toBe(false);
    expect(k.hw().contextCache.has(0x18)).toBe(true);
    expect(take(k)).toEqual(['D CC g=3 did=0 sid=00:02.0']);
  });

  it('state survives structuredClone with cache aliasing intact (timeline checkpoints)', () => {
    const k = kit();
    const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true });
    vtdDriver.dma(k.c, k.unit(), dev, undefined, 0);
    const copy = structuredClone(k.hw());
    expect(copy.contextCache.get(SID)).toBe(copy.ctx.get(SID));
    expect(copy.didBitmap).toBeInstanceOf(Uint32Array);
    expect(copy).toEqual(k.hw());
  });
});
