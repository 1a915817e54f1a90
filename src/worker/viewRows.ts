/**
 * Reads the engine's hardware and SVA state into view rows (see protocol/views.ts): plain
 * functions over SimState, no posting and no diffing here.
 * May import: engine, protocol.
 */
import type { SmmuHw } from '../engine/hw/smmuv3/types.ts';
import type { VtdHw } from '../engine/hw/vtd/types.ts';
import type { SimState } from '../engine/index.ts';
import type { HwStat, TableKind } from '../protocol/views.ts';
import { HolderTable } from './viewHolders.ts';

/** One row before encoding: its key and its values in TABLES[kind] column order. */
export interface Row {
  key: string;
  num: number[];
  str: (string | null)[];
}

export type Rows = Record<TableKind, Row[]>;

const b = (v: boolean | number): number => (v ? 1 : 0);

/** An empty row set. */
export function emptyRows(): Rows {
  return { ste: [], l1cd: [], cd: [], root: [], ctx: [], pdir: [], pte: [], handle: [], kpasid: [] };
}

type SvaHandleT = SimState['handles'] extends Map<number, infer H> ? H : never;
type SmmuMasterT = SmmuHw['masters'] extends Map<string, infer M> ? M : never;
type CdTableT = SmmuHw['cdTables'] extends Map<string, infer T> ? T : never;
type PasidTableT = VtdHw['pasidTables'] extends Map<number, infer T> ? T : never;

/** Linux's initial STE for a SID inside the table without a stored entry (V=1, Config=0: abort). */
const ABORT_STE = { V: 1, Config: 0, S1Fmt: 0, S1CDMax: 0, S1DSS: 0, EATS: 0, SHCFG: 0, S1ContextPtr: null };

export function steRow(id: string, unit: number, hw: SmmuHw, m: SmmuMasterT): Row {
  const sid = m.sids[0]!;
  const v = hw.strtab.stes.get(sid) ?? ABORT_STE;
  return {
    key: `${id}:STE[${sid}]`,
    num: [unit, sid, v.V, v.Config, v.S1Fmt, v.S1CDMax, v.S1DSS, v.EATS, v.SHCFG],
    str: [id, m.dev, v.S1ContextPtr],
  };
}

export function l1cdRow(id: string, unit: number, sid: number, t: CdTableT, l1: number): Row | null {
  const d = t.l1.get(l1);
  return d ? { key: `${id}:L1CD[${sid}][${l1}]`, num: [unit, sid, l1, d.V], str: [id, t.master, d.L2Ptr] } : null;
}

export function cdRow(id: string, unit: number, sid: number, t: CdTableT, ssid: number): Row | null {
  const cd = t.cds.get(ssid);
  if (!cd) return null;
  return {
    key: `${id}:CD[${sid}][${ssid}]`,
    num: [unit, sid, ssid, cd.V, cd.ASID, cd.EPD0, cd.R, cd.S, cd.A, cd.ASET],
    str: [id, t.master, cd.TTB0],
  };
}

function readSmmu(out: Rows, id: string, unit: number, hw: SmmuHw): void {
  const masters = [...hw.masters.values()].filter((m) => m.inStrtab).sort((x, y) => x.sids[0]! - y.sids[0]!);
  for (const m of masters) out.ste.push(steRow(id, unit, hw, m));
  for (const t of hw.cdTables.values()) {
    const sid = hw.masters.get(t.master)?.sids[0] ?? 0;
    for (const l1 of [...t.l1.keys()].sort((x, y) => x - y)) out.l1cd.push(l1cdRow(id, unit, sid, t, l1)!);
    for (const ssid of [...t.cds.keys()].sort((x, y) => x - y)) out.cd.push(cdRow(id, unit, sid, t, ssid)!);
  }
}

export interface VtdDev {
  dev: string;
  bdf: string;
}

export function rootRow(id: string, unit: number, hw: VtdHw, bus: number): Row | null {
  const r = hw.root.get(bus);
  return r ? { key: `${id}:ROOT[${bus}]`, num: [unit, bus, b(r.lp), b(r.up)], str: [id] } : null;
}

export function ctxRow(id: string, unit: number, hw: VtdHw, sid: number, d: VtdDev): Row | null {
  const c = hw.ctx.get(sid);
  if (!c) return null;
  return {
    key: `${id}:CTX[${d.bdf}]`,
    num: [unit, sid, b(c.p), b(c.fpd), b(c.dte), b(c.pasidE), b(c.pre), c.pdts, c.ridPasid],
    str: [id, d.dev, d.bdf],
  };
}

export function pdirRow(id: string, unit: number, sid: number, t: PasidTableT, d: VtdDev, dir: number): Row | null {
  const e = t.dir.get(dir);
  if (!e) return null;
  return { key: `${id}:PASIDDIR[${d.bdf}][${dir}]`, num: [unit, sid, dir, b(e.p), b(e.fpd)], str: [id, d.dev, d.bdf] };
}

export function pteRow(id: string, unit: number, sid: number, t: PasidTableT, d: VtdDev, pasid: number): Row | null {
  const e = t.te.get(pasid);
  if (!e) return null;
  const flptr = e.mm !== null ? `mm:${e.mm}` : e.dom !== null ? `dom:${e.dom}` : null;
  return {
    key: `${id}:PASIDTE[${d.bdf}][${pasid}]`,
    num: [unit, sid, pasid, b(e.p), b(e.fpd), e.pgtt, e.did, b(e.sre)],
    str: [id, d.dev, d.bdf, flptr],
  };
}

/** Source-id → device id and "bb:dd.f" of every probed device on a unit. */
export function vtdDevs(hw: VtdHw): Map<number, VtdDev> {
  const out = new Map<number, VtdDev>();
  for (const [dev, info] of hw.devs) out.set(info.sid, { dev, bdf: info.bdf });
  return out;
}

function readVtd(out: Rows, id: string, unit: number, hw: VtdHw): void {
  const devOf = vtdDevs(hw);
  for (const bus of [...hw.root.keys()].sort((x, y) => x - y)) out.root.push(rootRow(id, unit, hw, bus)!);
  for (const sid of [...hw.ctx.keys()].sort((x, y) => x - y)) {
    out.ctx.push(ctxRow(id, unit, hw, sid, devOf.get(sid) ?? { dev: '?', bdf: String(sid) })!);
  }
  for (const [sid, t] of [...hw.pasidTables].sort((x, y) => x[0] - y[0])) {
    const d = devOf.get(sid) ?? { dev: '?', bdf: String(sid) };
    for (const dir of [...t.dir.keys()].sort((x, y) => x - y)) out.pdir.push(pdirRow(id, unit, sid, t, d, dir)!);
    for (const pasid of [...t.te.keys()].sort((x, y) => x - y)) out.pte.push(pteRow(id, unit, sid, t, d, pasid)!);
  }
}

/** The handle's row key: its group->pasid_array slot (both fixed for the handle's life). */
export function handleKey(h: SvaHandleT): string {
  return `H[${h.group}][${h.pasid}]`;
}

/** The handle's row key and a cheap signature of everything its row shows. */
export function handleSig(s: Readonly<SimState>, h: SvaHandleT): { key: string; sig: string } {
  const dom = s.domains.get(h.domain);
  return {
    key: handleKey(h),
    sig: `${h.id}|${h.dev}|${h.mm}|${h.domain}|${h.users}|${dom?.users ?? 0}`,
  };
}

export function handleRow(s: Readonly<SimState>, h: SvaHandleT): Row {
  const dom = s.domains.get(h.domain);
  const dev = s.devices.get(h.dev);
  let tag = 1; // VT-d: FLPT_DEFAULT_DID for every SVA PASID entry
  const iommu = s.iommus.get(dev?.iommu ?? '');
  if (iommu?.type === 'smmuv3') tag = iommu.hw.domains.get(h.domain)?.asid ?? 0;
  return {
    key: handleKey(h),
    num: [dev?.index ?? 0, h.pasid, h.id, h.users, dom?.users ?? 0, tag],
    str: [h.dev, h.mm, h.domain, h.group],
  };
}

function readHandles(out: Rows, s: Readonly<SimState>): void {
  const rows = [...s.handles.values()].map((h) => handleRow(s, h));
  rows.sort((x, y) => x.num[0]! - y.num[0]! || x.num[1]! - y.num[1]!);
  out.handle.push(...rows);
}

export function kpasidRows(s: Readonly<SimState>): Row[] {
  return [...s.kernelPasids]
    .sort((x, y) => x[0] - y[0])
    .map(([pasid, dev]) => ({ key: `K[${pasid}]`, num: [pasid], str: [dev] }));
}

/** Every view table's rows, sorted by their key columns. */
export function readRows(s: Readonly<SimState>): Rows {
  const out = emptyRows();
  let unit = 0;
  for (const m of s.iommus.values()) {
    if (m.type === 'smmuv3') readSmmu(out, m.id, unit, m.hw);
    else readVtd(out, m.id, unit, m.hw);
    unit++;
  }
  readHandles(out, s);
  out.kpasid.push(...kpasidRows(s));
  return out;
}

/**
 * Holder code of every allocated global PASID (see HOLDER), PASID 0 as reserved. Processes are
 * numbered in SimState order, which is the order frames list them (topology, then forks).
 */
export function readHolders(s: Readonly<SimState>): Map<number, number> {
  return new HolderTable().read(s);
}

/** Queue and fault counters per IOMMU. */
export function readHwStats(s: Readonly<SimState>): HwStat[] {
  return [...s.iommus.values()].map((m): HwStat => {
    if (m.type === 'smmuv3') {
      const { cmdq, evtq, cdTables, strtab } = m.hw;
      return {
        iommu: m.id,
        type: m.type,
        counters: [
          ['stream table', strtab.fmt === '2lvl' ? `2-level, ${strtab.l1.size} L2 arrays` : 'linear'],
          ['CD tables', cdTables.size],
          ['CMDQ commands', cmdq.prod],
          ['CMD_SYNCs', cmdq.syncs],
          ['EVTQ events', evtq.prod],
        ],
      };
    }
    const { regs, caps } = m.hw;
    return {
      iommu: m.id,
      type: m.type,
      counters: [
        ['caching mode', caps.cm ? 'CM=1' : 'CM=0'],
        ['IQ descriptors', regs.iqSubmitted],
        ['IQT', regs.iqt],
        ['faults recorded', regs.faultsRecorded],
        ['faults suppressed (FPD)', regs.faultsSuppressed],
        ['FSTS', `${regs.ppf ? 'PPF ' : ''}${regs.pfo ? 'PFO' : ''}`.trim() || '0'],
      ],
    };
  });
}

/**
 * Stores every value readHwStats shows into `last`, as numbers (a string counter by what decides
 * its text), and says whether any differs from what `last` held: a few dozen compares instead of
 * building the stats and a JSON signature every frame. Keep in step with readHwStats.
 */
export function hwStatsChanged(s: Readonly<SimState>, last: number[]): boolean {
  let k = 0;
  let changed = false;
  const put = (v: number): void => {
    if (last[k] !== v) {
      last[k] = v;
      changed = true;
    }
    k++;
  };
  for (const m of s.iommus.values()) {
    if (m.type === 'smmuv3') {
      const { cmdq, evtq, cdTables, strtab } = m.hw;
      put(0);
      put(strtab.fmt === '2lvl' ? strtab.l1.size : -1);
      put(cdTables.size);
      put(cmdq.prod);
      put(cmdq.syncs);
      put(evtq.prod);
    } else {
      const { regs, caps } = m.hw;
      put(1);
      put(b(caps.cm));
      put(regs.iqSubmitted);
      put(regs.iqt);
      put(regs.faultsRecorded);
      put(regs.faultsSuppressed);
      put(b(regs.ppf) * 2 + b(regs.pfo));
    }
  }
  if (last.length !== k) {
    last.length = k;
    changed = true;
  }
  return changed;
}
