import { describe, expect, it } from 'vitest';
import type { DeviceState } from '../../kernel/state.ts';
import { vtdDriver } from './driver.ts';
import { qiPiotlb } from './queue.ts';
import { addDevice, addDomain, faultOf, kit, take } from './testkit.ts';
import type { Kit } from './testkit.ts';
import { translate } from './translate.ts';

/** A device the core knows about but that was never probed on the unit (its root/context stay empty). */
function unprobed(k: Kit, id: string, bdf: string): DeviceState {
  const dev: DeviceState = {
    id,
    index: k.s.devices.size,
    iommu: 'dmar0',
    group: `grp:${id}`,
    bus: 'pci',
    devPasids: 1 << 20,
    maxPasids: 1 << 20,
    enqcmd: false,
    ats: false,
    pri: false,
    sid: 0,
    bdf,
  };
  k.s.devices.set(id, dev);
  return dev;
}

function svaSetup() {
  const k = kit();
  const dev = addDevice(k, 'dsa', { bdf: '00:02.0', ats: true, pri: true });
  const sva = addDomain(k, 'sva1', 'sva', 'dmar0', 'P1');
  expect(vtdDriver.setDevPasid(k.c, k.unit(), dev, 5, sva, null)).toBeNull();
  take(k);
  return { k, dev, sva };
}

describe('B7 decision table', () => {
  it('step 1: root entry not present → VTD_0x39, recorded', () => {
    const k = kit();
    const dev = unprobed(k, 'ghost', '05:00.0');
    expect(vtdDriver.dma(k.c, k.unit(), dev, undefined, 0x2000)).toEqual({
      ok: false,
      fault: 'VTD_0x39',
      via: 'ROOT[5] LP=0',
    });
    expect(take(k)).toEqual(['F VTD_0x39 sid=05:00.0 pasid=null addr=8192 frcd=0']);
  });

  it('step 2: context entry not present → VTD_0x41', () => {
    const k = kit();
    addDevice(k, 'nic', { bdf: '00:02.0' });
    const dev = unprobed(k, 'ghost', '00:07.0');
    expect(vtdDriver.dma(k.c, k.unit(), dev, undefined, 0)).toEqual({
      ok: false,
      fault: 'VTD_0x41',
      via: 'CTX[00:07.0] P=0',
    });
  });

  it('step 2: request with PASID while PASIDE=0 → VTD_0x45', () => {
    const k = kit();
    const dev = addDevice(k, 'old', { bdf: '00:02.0', pasidBits: null });
    const out = vtdDriver.dma(k.c, k.unit(), dev, 1, 0);
    expect(out).toEqual({ ok: false, fault: 'VTD_0x45', via: 'CTX[00:02.0] PASIDE=0, request with PASID 1' });
    expect(take(k)).toEqual(['F VTD_0x45 sid=00:02.0 pasid=1 addr=0 frcd=0']);
  });

  it('step 3: PASID beyond the PDTS coverage → VTD_0x46 (a 4-PASID device still covers 32768)', () => {
    const k = kit();
    const dev = addDevice(k, 'tiny', { bdf: '00:02.0', pasidBits: 2 });
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, 32767, 0))).toBe('VTD_0x51');
    expect(vtdDriver.dma(k.c, k.unit(), dev, 32768, 0)).toEqual({
      ok: false,
      fault: 'VTD_0x46',
      via: 'CTX[00:02.0] PDTS=2 covers PASIDs < 32768, got 32768',
    });
  });

  it('step 4: directory entry not present → VTD_0x51', () => {
    const k = kit();
    const dev = addDevice(k, 'acc', { bdf: '00:02.0' });
    expect(vtdDriver.dma(k.c, k.unit(), dev, 64, 0)).toEqual({
      ok: false,
      fault: 'VTD_0x51',
      via: 'CTX[00:02.0]→PASIDDIR[1] P=0',
    });
  });

  it('step 5: PASID entry not present → VTD_0x59, recorded in FRCD', () => {
    const k = kit();
    const dev = addDevice(k, 'acc', { bdf: '00:02.0' });
    expect(vtdDriver.dma(k.c, k.unit(), dev, 3, 0x5000)).toEqual({
      ok: false,
      fault: 'VTD_0x59',
      via: 'CTX[00:02.0]→PASIDTE[3] P=0',
    });
    expect(k.hw().regs.frcd[0]).toEqual({ f: false, fr: 0x59, sid: '00:02.0', pp: true, pv: 3, fi: 0x5000 });
    expect(k.hw().regs).toMatchObject({ fri: 1, ppf: false, pfo: false, faultsRecorded: 1 });
  });

  it('step 5: after an mm release the entry is all-zero (75ed00055c05: no FPD) → VTD_0x59, recorded', () => {
    const { k, dev, sva } = svaSetup();
    vtdDriver.mmRelease(k.c, [k.unit()], sva);
    take(k);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0)).toEqual({
      ok: false,
      fault: 'VTD_0x59',
      via: 'CTX[00:02.0]→PASIDTE[5] P=0',
    });
    expect(take(k)).toEqual(['F VTD_0x59 sid=00:02.0 pasid=5 addr=0 frcd=0']);
    expect(k.hw().regs).toMatchObject({ faultsRecorded: 1, faultsSuppressed: 0 });
  });

  it('step 5: P=0 with FPD=1 (what an mm release left before 2026) → blocked without a record: ABORT', () => {
    const { k, dev } = svaSetup();
    k.hw().pasidTables.get(0x10)?.te.set(5, { p: false, fpd: true, pgtt: 0, did: 0, sre: false, mm: null, dom: null });
    take(k);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0)).toEqual({
      ok: false,
      fault: 'ABORT',
      via: 'CTX[00:02.0]→PASIDTE[5] P=0 FPD=1; FPD=1 suppresses the VTD_0x59 record',
    });
    expect(take(k)).toEqual([]);
    expect(k.hw().regs).toMatchObject({ faultsRecorded: 0, faultsSuppressed: 1 });
  });

  it('step 5: PGTT outside 1..4 → VTD_0x5B (Linux never writes one: hand-made entry)', () => {
    const { k, dev } = svaSetup();
    k.hw().pasidTables.get(0x10)?.te.set(6, { p: true, fpd: false, pgtt: 6, did: 1, sre: false, mm: 'P1', dom: null });
    expect(vtdDriver.dma(k.c, k.unit(), dev, 6, 0)).toEqual({
      ok: false,
      fault: 'VTD_0x5B',
      via: 'CTX[00:02.0]→PASIDTE[6] PGTT=6 invalid',
    });
  });

  it('step 5: supervisor request with SRE=0 → VTD_0x5D (SVA entries allow user requests only)', () => {
    const { k, dev } = svaSetup();
    expect(translate(k.c, k.unit(), k.hw(), dev, { pasid: 5, addr: 0, priv: true })).toEqual({
      ok: false,
      fault: 'VTD_0x5D',
      via: 'CTX[00:02.0]→PASIDTE[5] SRE=0, supervisor request',
    });
    // The scenario's dma step issues user requests.
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0).ok).toBe(true);
  });

  it('step 6: PGTT=1 walks the mm: a live process translates, an exited one faults VTD_0x71', () => {
    const { k, dev } = svaSetup();
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0)).toEqual({ ok: true, via: 'CTX[00:02.0]→PASIDTE[5] did 1 → mm P1' });
    const p1 = k.s.procs.get('P1');
    if (p1) p1.alive = false;
    // The IOTLB still holds the translation the first request filled, until its P_IOTLB.
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0)).toEqual({ ok: true, via: 'CTX[00:02.0]→PASIDTE[5] did 1 → mm P1' });
    qiPiotlb(k.c, k.unit(), k.hw(), 2, 1, 5);
    expect(vtdDriver.dma(k.c, k.unit(), dev, 5, 0)).toEqual({
      ok: false,
      fault: 'VTD_0x71',
      via: 'CTX[00:02.0]→PASIDTE[5] did 1 → mm P1 (exited): first-stage entry not present',
    });
  });

  it('step 6: requests without PASID use RID_PASID 0: paging domain (PGTT=1, its DID) or identity (PGTT=4)', () => {
    const k = kit();
    const dev = addDevice(k, 'nic', { bdf: '00:02.0' });
    expect(vtdDriver.dma(k.c, k.unit(), dev, undefined, 0)).toEqual({
      ok: true,
      via: 'CTX[00:02.0]→PASIDTE[0] did 2 → dom def:nic',
    });
    vtdDriver.attachDev(k.c, k.unit(), dev, addDomain(k, 'identity:vtd', 'identity', ''));
    expect(vtdDriver.dma(k.c, k.unit(), dev, undefined, 0)).toEqual({
      ok: true,
      via: 'CTX[00:02.0]→PASIDTE[0] did 1 pass-through',
    });
    vtdDriver.attachDev(k.c, k.unit(), dev, addDomain(k, 'blocked:vtd', 'blocked', ''));
    expect(faultOf(vtdDriver.dma(k.c, k.unit(), dev, undefined, 0))).toBe('VTD_0x59');
  });
});

describe('fault recording registers (B6)', () => {
  it("FRI walks the FRCD ring; Linux's handler clears F/PPF after each record", () => {
    const k = kit();
    const dev = addDevice(k, 'acc', { bdf: '00:02.0' });
    for (let i = 1; i <= 9; i++) vtdDriver.dma(k.c, k.unit(), dev, i, i * 0x1000);
    const regs = k.hw().regs;
    expect(regs.fri).toBe(1);
    expect(regs.faultsRecorded).toBe(9);
    expect(regs.frcd[0]).toMatchObject({ f: false, pv: 9, fi: 0x9000 });
    expect(regs.frcd[7]).toMatchObject({ pv: 8 });
    expect(take(k).at(-1)).toBe('F VTD_0x59 sid=00:02.0 pasid=9 addr=36864 frcd=0');
  });
});
