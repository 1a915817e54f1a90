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

describe('SVA (B2, B3, B5.3)', () => {
  it('first PASID: first-stage, DID 1, FLPTR = mm, SRE=0; its directory entry exists (PASID 0 shares dir[0])', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    expect(vtdDriver.domainAllocSva(k.c, k.unit(), dev, sva)).toBeNull();
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 1, sva, null)).toBeNull();
    expect(take(k)).toEqual([te('00:02.0', 1, 'P=true FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false')]);
    expect(k.hw().devs.get('dsa')?.iopfRefcount).toBe(1);
  });

  it('a PASID in a new 64-range installs the directory entry first (lazy PASID table page)', () => {
    const k = kit([vtdUnit({ id: 'dmar0', cachingMode: true })]);
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 130, sva, null)).toBeNull();
    expect(take(k)).toEqual([
      'W PASIDDIR[00:02.0][2] P=true FPD=false SMPTBLPTR=PASIDT[00:02.0][2]',
      te('00:02.0', 130, 'P=true FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false'),
      'D PC g=1 did=1 pasid=130',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=130',
      SYNC,
    ]);
  });

  it('intel_iommu_sva_supported: ENODEV without PASID on the unit, EINVAL without ATS or PASID; PRI optional', () => {
    const k = kit([vtdUnit({ id: 'dmar0' }, 0), vtdUnit({ id: 'nopasid', pasidBits: 0 }, 1)]);
    const noAts = addDevice(k, 'noats', { bdf: '00:02.0' });
    const noPasid = addDevice(k, 'nopasid', { bdf: '00:03.0', pasidBits: null, ats: true });
    const noPri = addDevice(k, 'nopri', { bdf: '00:04.0', ats: true });
    const plat = addDevice(k, 'plat', { bdf: '00:05.0', ats: true, bus: 'platform' });
    const off = addDevice(k, 'off', { bdf: '00:02.0', ats: true }, 'nopasid');
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    expect(vtdDriver.domainAllocSva(k.c, k.unit(), noAts, sva)).toBe('EINVAL');
    expect(vtdDriver.setDevPasid(k.c, k.unit(), noAts, 1, sva, null)).toBe('EINVAL');
    expect(vtdDriver.domainAllocSva(k.c, k.unit(), noPasid, sva)).toBe('EINVAL');
    expect(vtdDriver.domainAllocSva(k.c, k.unit(), plat, sva)).toBe('EINVAL');
    expect(vtdDriver.domainAllocSva(k.c, k.unit('nopasid'), off, sva)).toBe('ENODEV');
    expect(vtdDriver.domainAllocSva(k.c, k.unit(), noPri, sva)).toBeNull();
    expect(vtdDriver.setDevPasid(k.c, k.unit(), noPri, 1, sva, null)).toBeNull();
    // No PRI: IOPF is not enabled (39c20c4e83b9), so no PRQ drain happens later.
    expect(k.hw().devs.get('nopri')?.iopfRefcount).toBe(0);
    expect(take(k)).toEqual([te('00:04.0', 1, 'P=true FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false')]);
  });

  it('one SVA domain per mm is attached on two VT-d units (svm.c never compares units)', () => {
    const k = kit([vtdUnit({ id: 'dmar0' }, 0), vtdUnit({ id: 'dmar1' }, 1)]);
    const a = addDevice(k, 'a', { bdf: '00:02.0', ats: true }, 'dmar0');
    const b = addDevice(k, 'b', { bdf: '00:02.0', ats: true }, 'dmar1');
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    expect(vtdDriver.setDevPasid(k.c, k.unit('dmar0'), a, 7, sva, null)).toBeNull();
    expect(vtdDriver.setDevPasid(k.c, k.unit('dmar1'), b, 7, sva, null)).toBeNull();
    expect(k.hw('dmar1').pasidTables.get(0x10)?.te.get(7)).toMatchObject({ did: 1, mm: 'P1' });
    expect(k.hw('dmar0').dids.has('sva1')).toBe(false);
  });

  it('EBUSY when the PASID entry is already present (fresh attach over a live entry)', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 3, sva, null);
    const sva2 = addDomain(k, 'sva2', 'sva', 'dmar0', 'P2');
    take(k);
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 3, sva2, null)).toBe('EBUSY');
    expect(take(k)).toEqual([]);
    expect(k.hw().devs.get('dsa')?.iopfRefcount).toBe(1);
    expect(k.hw().svaDevPasids.has('sva2')).toBe(false);
  });
});

describe('blockDevPasid (B5.4)', () => {
  it('SVA PASID on an ATS+PRI device: P cleared first, PC + P_IOTLB + PASID_DEVTLB with waits, then the entry cleared and the PRQ drain (RID DID)', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 9, sva, null);
    take(k);
    vtdDriver.blockDevPasid(k.c, k.unit(), dev, 9, sva);
    expect(take(k)).toEqual([
      // 75ed00055c05: pasid_clear_present, the flushes, then intel_pasid_clear_entry.
      te('00:02.0', 9, 'P=false FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false'),
      'D PC g=1 did=1 pasid=9',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=9',
      SYNC,
      'D PASID_DEVTLB sid=00:02.0 pasid=9',
      SYNC,
      te('00:02.0', 9, ZERO),
      'D WAIT sw=false fn=true pd=false',
      'D P_IOTLB g=2 did=2 pasid=9',
      'D PASID_DEVTLB sid=00:02.0 pasid=9',
      'D WAIT sw=true fn=false pd=true',
    ]);
    expect(k.hw().devs.get('dsa')?.iopfRefcount).toBe(0);
    expect(k.hw().svaDevPasids.has('sva1')).toBe(false);
    expect(vtdDriver.pasidEntries(k.unit(), dev).size).toBe(0);
  });

  it('paging PASID without ATS: P_IOTLB for PGTT=1, no device-TLB, no drain; the DID reference goes', () => {
    const k = kit();
    const dev = addDevice(k, 'acc', { bdf: '00:02.0' });
    const pg = addDomain(k, 'pg', 'paging');
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 4, pg, null)).toBeNull();
    expect(take(k)).toEqual([te('00:02.0', 4, 'P=true FPD=false PGTT=1 DID=3 FLPTR=dom:pg SRE=false')]);
    vtdDriver.blockDevPasid(k.c, k.unit(), dev, 4, pg);
    expect(take(k)).toEqual([
      te('00:02.0', 4, 'P=false FPD=false PGTT=1 DID=3 FLPTR=dom:pg SRE=false'),
      'D PC g=1 did=3 pasid=4',
      SYNC,
      'D P_IOTLB g=2 did=3 pasid=4',
      SYNC,
      te('00:02.0', 4, ZERO),
    ]);
    expect(k.hw().dids.has('pg')).toBe(false);
  });
});

describe('replace (B2 "Replace a live entry", B5.3)', () => {
  it('SVA → paging: copy the new entry over, flush with the OLD DID (1), device-TLB; IOPF already dropped so no drain', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    const pg = addDomain(k, 'pg', 'paging');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 6, sva, null);
    take(k);
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 6, pg, sva)).toBeNull();
    expect(take(k)).toEqual([
      te('00:02.0', 6, 'P=true FPD=false PGTT=1 DID=3 FLPTR=dom:pg SRE=false'),
      'D PC g=1 did=1 pasid=6',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=6',
      SYNC,
      'D PASID_DEVTLB sid=00:02.0 pasid=6',
      SYNC,
    ]);
    expect(vtdDriver.pasidEntries(k.unit(), dev)).toEqual(new Map([[6, 'pg']]));
  });

  it('paging → SVA keeps the drain (IOPF on for the new SVA domain) and releases the old DID', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    const pg = addDomain(k, 'pg', 'paging');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 6, pg, null);
    take(k);
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 6, sva, pg)).toBeNull();
    expect(take(k)).toEqual([
      te('00:02.0', 6, 'P=true FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false'),
      'D PC g=1 did=3 pasid=6',
      SYNC,
      'D P_IOTLB g=2 did=3 pasid=6',
      SYNC,
      'D PASID_DEVTLB sid=00:02.0 pasid=6',
      SYNC,
      'D WAIT sw=false fn=true pd=false',
      'D P_IOTLB g=2 did=2 pasid=6',
      'D PASID_DEVTLB sid=00:02.0 pasid=6',
      'D WAIT sw=true fn=false pd=true',
    ]);
    expect(k.hw().dids.has('pg')).toBe(false);
  });

  it('identity at a PASID uses DID 1 and a replace flushes the old entry', () => {
    const k = kit();
    const dev = addDevice(k, 'acc', { bdf: '00:02.0' });
    const id = addDomain(k, 'identity:vtd', 'identity', '');
    const pg = addDomain(k, 'pg', 'paging');
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 2, id, null)).toBeNull();
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 2, pg, id)).toBeNull();
    expect(take(k)).toEqual([
      te('00:02.0', 2, 'P=true FPD=false PGTT=4 DID=1 FLPTR=null SRE=false'),
      te('00:02.0', 2, 'P=true FPD=false PGTT=1 DID=3 FLPTR=dom:pg SRE=false'),
      'D PC g=1 did=1 pasid=2',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=2',
      SYNC,
    ]);
  });

  it('a failed replace (entry not present) keeps the old configuration and bookkeeping: EINVAL', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    const pg = addDomain(k, 'pg', 'paging');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 6, sva, null);
    vtdDriver.mmRelease(k.c, [k.unit()], sva);
    take(k);
    expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 6, pg, sva)).toBe('EINVAL');
    expect(take(k)).toEqual([]);
    expect(k.hw().dids.has('pg')).toBe(false);
    expect(k.hw().devs.get('dsa')?.iopfRefcount).toBe(1);
    // The mm release left an all-zero entry (75ed00055c05): nothing valid to show.
    expect(vtdDriver.pasidEntries(k.unit(), dev)).toEqual(new Map());
  });
});

describe('mm release and domain free (B5.6)', () => {
  it('every dev_pasid of the domain on this unit, newest first: P cleared, teardown invalidations, entry zeroed WITHOUT FPD (75ed00055c05), no drain', () => {
    const k = kit();
    const dev = dsa(k);
    const nic = addDevice(k, 'nic', { bdf: '00:03.0' });
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 9, sva, null);
    const nicNoAts = vtdDriver.setDevPasid(k.c, k.unit(), nic, 9, sva, null);
    expect(nicNoAts).toBe('EINVAL');
    const acc = addDevice(k, 'acc', { bdf: '00:04.0', ats: true });
    vtdDriver.setDevPasid(k.c, k.unit(), acc, 9, sva, null);
    take(k);
    vtdDriver.mmRelease(k.c, [k.unit()], sva);
    // intel_pasid_clear_entry sets FPD only `if (pasid_pte_is_present(pe))`, and P is already clear.
    const NOT_PRESENT = 'P=false FPD=false PGTT=1 DID=1 FLPTR=mm:P1 SRE=false';
    expect(take(k)).toEqual([
      te('00:04.0', 9, NOT_PRESENT),
      'D PC g=1 did=1 pasid=9',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=9',
      SYNC,
      'D PASID_DEVTLB sid=00:04.0 pasid=9',
      SYNC,
      te('00:04.0', 9, ZERO),
      te('00:02.0', 9, NOT_PRESENT),
      'D PC g=1 did=1 pasid=9',
      SYNC,
      'D P_IOTLB g=2 did=1 pasid=9',
      SYNC,
      'D PASID_DEVTLB sid=00:02.0 pasid=9',
      SYNC,
      te('00:02.0', 9, ZERO),
    ]);
    expect(vtdDriver.pasidEntries(k.unit(), dev)).toEqual(new Map());
  });

  it('the later detach finds an all-zero entry: nothing to write and no PRQ drain (the pre-2026 FPD path cleared and drained)', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 9, sva, null);
    vtdDriver.mmRelease(k.c, [k.unit()], sva);
    take(k);
    vtdDriver.blockDevPasid(k.c, k.unit(), dev, 9, sva);
    expect(take(k)).toEqual([]);
    expect(k.hw().devs.get('dsa')?.iopfRefcount).toBe(0); // IOPF still goes with the domain
    expect(k.hw().svaDevPasids.has('sva1')).toBe(false);
  });

  it('an entry left P=0/FPD=1 (by a pre-2026 mm release) is cleared at detach and the PRQ drained, with no invalidation', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 9, sva, null);
    const table = k.hw().pasidTables.get(k.hw().devs.get('dsa')?.sid ?? -1);
    expect(table?.te.get(9)?.p).toBe(true);
    table?.te.set(9, { p: false, fpd: true, pgtt: 0, did: 0, sre: false, mm: null, dom: null });
    take(k);
    vtdDriver.blockDevPasid(k.c, k.unit(), dev, 9, sva);
    expect(take(k)).toEqual([
      te('00:02.0', 9, ZERO),
      'D WAIT sw=false fn=true pd=false',
      'D P_IOTLB g=2 did=2 pasid=9',
      'D PASID_DEVTLB sid=00:02.0 pasid=9',
      'D WAIT sw=true fn=false pd=true',
    ]);
  });

  it('domainFree queues nothing (SVA: mmu_notifier_put; paging: DIDs already returned)', () => {
    const k = kit();
    const dev = dsa(k);
    const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
    vtdDriver.setDevPasid(k.c, k.unit(), dev, 9, sva, null);
    vtdDriver.blockDevPasid(k.c, k.unit(), dev, 9, sva);
    take(k);
    vtdDriver.domainFree(k.c, k.unit(), sva);
    vtdDriver.domainFree(k.c, k.unit(), addDomain(k, 'pg', 'paging'));
    expect(take(k)).toEqual([]);
    expect(k.hw().svaDevPasids.size).toBe(0);
  });
});
