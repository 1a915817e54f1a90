import { describe, expect, it } from 'vitest';
import { vtdDriver } from './driver.ts';
import { addDevice, addDomain, kit, take, vtdUnit } from './testkit.ts';
import type { Kit } from './testkit.ts';

const SYNC = 'D WAIT sw=true fn=false pd=false';
const te = (bdf: string, pasid: number, f: string) => `W PASIDTE[${bdf}][${pasid}] ${f}`;
const ZERO = 'P=false FPD=false PGTT=0 DID=0 FLPTR=null SRE=false';

/** A DSA-like device at 00:02.0: 20-bit PASID, ATS + PRI. */
function dsa(k: Kit, o: { ats?: boolean; pri?: boolean } = {}) {
  return addDevice(k, 'dsa', { bdf: '00:02.0', ats: o.ats ?? true, pri: o.pri ?? true });
}

describe('maxPasids / capabilities (R3, B1)', () => {
  it('is 1 << pasidBits (Linux: 2 << PSS), 0 without PASID support, default 20 bits', () => {
    expect(vtdDriver.maxPasids({ id: 'u', type: 'vtd' })).toBe(1 << 20);
    expect(vtdDriver.maxPasids({ id: 'u', type: 'vtd', pasidBits: 5 })).toBe(32);
    expect(vtdDriver.maxPasids({ id: 'u', type: 'vtd', pasidBits: 0 })).toBe(0);
  });

  it('implements set_dev_pasid for every domain type', () => {
    for (const t of ['paging', 'identity', 'blocked', 'sva'] as const)
      expect(vtdDriver.supportsPasidDomain(t)).toBe(true);
  });
});

describe('probe (B5.1)', () => {
  it('writes ROOT (LP) and the SM context entry; CM=0 queues nothing', () => {
    const k = kit();
    const unit = k.unit();
    const dev = addDevice(k, 'nic', { bdf: '00:02.0', ats: true, pri: true });
    k.c.fx = [];
    // Re-probe a second device on the same bus with effects recorded: ROOT[0] is already present.
    const other = { ...dev, id: 'nic2', index: 1, bdf: '00:03.1' };
    k.s.devices.set(other.id, other);
    vtdDriver.probeDevice(k.c, unit, other);
    expect(take(k)).toEqual([
      'W CTX[00:03.1] P=true FPD=false DTE=true PASIDE=true PRE=true PDTS=7 RID_PASID=0 PASIDDIRPTR=PASIDDIR[00:03.1]',
    ]);
    expect(k.hw().root.get(0)).toEqual({ lp: true, up: false });
  });

  it('devfn ≥ 128 installs the root entry UP half; CM=1 adds CC(device, DID 0) + IOTLB DSI(DID 0), each with a wait', () => {
    const k = kit([vtdUnit({ id: 'dmar0', cachingMode: true })]);
    const dev = {
      ...addDevice(k, 'a', { bdf: '00:02.0' }),
      id: 'hi',
      index: 1,
      bdf: '03:10.2',
      ats: false,
      pri: false,
    };
    k.s.devices.set(dev.id, dev);
    k.c.fx = [];
    vtdDriver.probeDevice(k.c, k.unit(), dev);
    expect(take(k)).toEqual([
      'W ROOT[3] UP=true',
      'W CTX[03:10.2] P=true FPD=false DTE=false PASIDE=true PRE=false PDTS=7 RID_PASID=0 PASIDDIRPTR=PASIDDIR[03:10.2]',
      'D CC g=3 did=0 sid=03:10.2',
      SYNC,
      'D IOTLB g=2 did=0',
      SYNC,
    ]);
  });

  it('sizes the PASID directory as intel_pasid_alloc_table does (B1 "Index math and Linux sizing")', () => {
    const k = kit();
    const full = addDevice(k, 'full', { bdf: '00:02.0', pasidBits: 20 });
    const small = addDevice(k, 'small', { bdf: '00:03.0', pasidBits: 2 });
    const none = addDevice(k, 'none', { bdf: '00:04.0', pasidBits: null });
    const w16 = addDevice(k, 'w16', { bdf: '00:05.0', pasidBits: 16 });
    const hw = k.hw();
    const ctx = (d: { bdf: string }) =>
      [...hw.ctx.values()][[full, small, none, w16].findIndex((x) => x.bdf === d.bdf)];
    expect(ctx(full)).toMatchObject({ pdts: 7, pasidE: true });
    // Even without PASID (or with 4 PASIDs) the directory is one 4 KB page: 512 entries, PDTS = 2.
    expect(ctx(small)).toMatchObject({ pdts: 2, pasidE: true });
    expect(ctx(none)).toMatchObject({ pdts: 2, pasidE: false });
    // 2^16 PASIDs: 8 KB of directory → 1024 entries → PDTS = 3.
    expect(ctx(w16)).toMatchObject({ pdts: 3 });
    expect(hw.pasidTables.get(0x18)?.maxPasid).toBe(32768);
  });

  it('caps the table at the smallest PASID-capable unit (intel_pasid_max_id) and gives no PASIDE on a unit without PASID', () => {
    const k = kit([vtdUnit({ id: 'dmar0', pasidBits: 10 }, 0), vtdUnit({ id: 'dmar1', pasidBits: 0 }, 1)]);
    addDevice(k, 'a', { bdf: '00:02.0', pasidBits: 20 }, 'dmar0');
    addDevice(k, 'b', { bdf: '00:02.0', pasidBits: 20 }, 'dmar1');
    expect(k.hw('dmar0').ctx.get(0x10)).toMatchObject({ pasidE: true, pdts: 2 });
    expect(k.hw('dmar0').pasidTables.get(0x10)?.maxPasid).toBe(32768);
    expect(k.hw('dmar1').ctx.get(0x10)).toMatchObject({ pasidE: false, pdts: 2 });
  });
});

describe('RID attach (B2, B5.2, B5.4)', () => {
  it('default paging domain at probe: PASID entry 0 first-stage with the first DID (2)', () => {
    const k = kit();
    dsa(k);
    expect(k.hw().pasidTables.get(0x10)?.te.get(0)).toEqual({
      p: true,
      fpd: false,
      pgtt: 1,
      did: 2,
      sre: false,
      mm: null,
      dom: 'def:dsa',
    });
    expect(k.hw().dids.get('def:dsa')).toEqual({ did: 2, refcnt: 1 });
  });

  it('paging → paging: tear down entry 0 with the old DID (PC, P_IOTLB, DEVTLB, waits), then set up with a fresh DID', () => {
    const k = kit();
    const dev = dsa(k, { pri: false });
    addDomain(k, 'keep', 'paging');
    const other = addDevice(k, 'other', { bdf: '00:03.0' });
    expect(vtdDriver.attachDev(k.c, k.unit(), other, k.dom('keep'))).toBeNull();
    take(k);
    const d1 = addDomain(k, 'd1', 'paging');
    expect(vtdDriver.attachDev(k.c, k.unit(), dev, d1)).toBeNull();
    expect(take(k)).toEqual([
      // 75ed00055c05: P cleared first (the old entry's fields stay), the flushes, then the entry cleared.
      te('00:02.0', 0, 'P=false FPD=false PGTT=1 DID=2 FLPTR=dom:def:dsa SRE=false'),
      'D PC g=1 did=2 pasid=0',
      SYNC,
      'D P_IOTLB g=2 did=2 pasid=0',
      SYNC,
      'D DEVTLB sid=00:02.0',
      SYNC,
      te('00:02.0', 0, ZERO),
      // DID 2 was freed by the detach and is the lowest free again (ida_alloc_range).
      te('00:02.0', 0, 'P=true FPD=false PGTT=1 DID=2 FLPTR=dom:d1 SRE=false'),
    ]);
  });

  it('identity uses PGTT=4 with DID 1; CM=1 flushes the new entry with PC + P_IOTLB on DID 1', () => {
    const k = kit([vtdUnit({ id: 'dmar0', cachingMode: true })]);
    const dev = addDevice(k, 'nic', { bdf: '00:02.0' });
    take(k);
    expect(vtdDriver.attachDev(k.c, k.unit(), dev, addDomain(k, 'identity:vtd', 'identity', ''))).toBeNull();
    expect(take(k)).toEqual([
      te('00:02.0', 0, 'P=false FPD=false PGTT=1 DID=2 FLPTR=dom:def:nic SRE=false'),
      'D PC g=1 did=2 pasid=0',
      SYNC,
      'D P_IOTLB g=2 did=2 pasid=0',
      SYNC,
      te('00:02.0', 0, ZERO),
      te('00:02.0', 0, 'P=true FPD=false PGTT=4 DID=1 FLPTR=null SRE=false'),
      'D PC g=1 did=1 pasid=0',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=0',
      SYNC,
    ]);
    expect(k.hw().dids.size).toBe(0);
  });

  it('blocked RID tears down only PASID entry 0: attached PASIDs stay (R37)', () => {
    const k = kit();
    const dev = dsa(k, { pri: false });
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 5, sva, null)).toBeNull();
    take(k);
    expect(vtdDriver.attachDev(k.c, k.unit(), dev, addDomain(k, 'blocked:vtd', 'blocked', ''))).toBeNull();
    expect(take(k)).toEqual([
      te('00:02.0', 0, 'P=false FPD=false PGTT=1 DID=2 FLPTR=dom:def:dsa SRE=false'),
      'D PC g=1 did=2 pasid=0',
      SYNC,
      'D P_IOTLB g=2 did=2 pasid=0',
      SYNC,
      'D DEVTLB sid=00:02.0',
      SYNC,
      te('00:02.0', 0, ZERO),
    ]);
    expect(k.hw().pasidTables.get(0x10)?.te.get(5)?.p).toBe(true);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0).ok).toBe(true);
    // Blocking again is a no-op (device_block_translation: not attached).
    vtdDriver.attachDev(k.c, k.unit(), dev, k.dom('blocked:vtd'));
    expect(take(k)).toEqual([]);
  });

  it('a paging domain attached on two units gets one DID per unit, refcounted (B3)', () => {
    const k = kit([vtdUnit({ id: 'dmar0' }, 0), vtdUnit({ id: 'dmar1' }, 1)]);
    const a = addDevice(k, 'a', { bdf: '00:02.0' }, 'dmar0');
    const b = addDevice(k, 'b', { bdf: '00:02.0' }, 'dmar1');
    const c = addDevice(k, 'c', { bdf: '00:03.0' }, 'dmar1');
    const shared = addDomain(k, 'shared', 'paging');
    for (const d of [a, b, c]) expect(vtdDriver.attachDev(k.c, k.unit(d.iommu), d, shared)).toBeNull();
    expect(k.hw('dmar0').dids.get('shared')).toEqual({ did: 2, refcnt: 1 });
    expect(k.hw('dmar1').dids.get('shared')).toEqual({ did: 2, refcnt: 2 });
    vtdDriver.attachDev(k.c, k.unit('dmar1'), b, k.dom('def:b'));
    expect(k.hw('dmar1').dids.get('shared')).toEqual({ did: 2, refcnt: 1 });
  });
});
