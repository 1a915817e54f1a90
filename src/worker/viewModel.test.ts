import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/index.ts';
import { parseScenario } from '../engine/scenario/parse.ts';
import { HOLDER, numIndex, strIndex, TABLES } from '../protocol/views.ts';
import type { TableDelta, TableKind } from '../protocol/views.ts';
import { ViewDiffer } from './viewModel.ts';
import { hwStatsChanged, readHolders, readHwStats, readRows } from './viewRows.ts';

import reserved from '../../public/scenarios/reserved-dma-pasid-2021.json';
import rfc from '../../public/scenarios/rfc-problem.json';

const files: Record<string, unknown> = { 'rfc-problem.json': rfc, 'reserved-dma-pasid-2021.json': reserved };
const load = (name: string): Simulation => Simulation.create(parseScenario(files[name]));

/** Row `key` of a delta as a { column: value } object. */
function row(kind: TableKind, d: TableDelta | undefined, key: string): Record<string, number | string | null> {
  const k = d?.keys.indexOf(key) ?? -1;
  if (!d || k < 0) throw new Error(`no row ${key}`);
  const { num, str } = TABLES[kind];
  const out: Record<string, number | string | null> = {};
  num.forEach((c, i) => (out[c] = d.num[k * num.length + i]!));
  str.forEach((c, i) => (out[c] = d.str[k * str.length + i] ?? null));
  return out;
}

describe('readRows on rfc-problem (SMMUv3)', () => {
  it('lists one STE per master and the CDs of bound PASIDs', () => {
    const sim = load('rfc-problem.json');
    for (let i = 0; i < 5; i++) sim.step();
    const rows = readRows(sim.state);
    expect(rows.ste.map((r) => r.key)).toEqual(['smmu0:STE[0]', 'smmu0:STE[1]']);
    // CD[0] of each master holds the default DMA domain (S1DSS=SSID0).
    expect(rows.cd.map((r) => r.key)).toEqual([
      'smmu0:CD[0][0]',
      'smmu0:CD[0][1]',
      'smmu0:CD[0][2]',
      'smmu0:CD[0][3]',
      'smmu0:CD[1][0]',
      'smmu0:CD[1][1]',
    ]);
    expect(rows.cd[0]!.str[strIndex('cd', 'TTB0')]).toMatch(/^dom:/);
    const cd = rows.cd[5]!;
    expect(cd.num[numIndex('cd', 'V')]).toBe(1);
    expect(cd.str[strIndex('cd', 'TTB0')]).toBe('mm:P1');
    expect(cd.str[strIndex('cd', 'dev')]).toBe('accel0');
    // nic0 has 2^20 SSIDs: a 2-level CD table with one allocated leaf.
    expect(rows.l1cd.map((r) => r.key)).toEqual(['smmu0:L1CD[0][0]']);
    const accelSte = rows.ste[1]!;
    expect(accelSte.num[numIndex('ste', 'Config')]).toBe(5);
    expect(accelSte.num[numIndex('ste', 'S1CDMax')]).toBe(2);
    expect(rows.handle.map((r) => r.key)).toEqual([
      'H[grp:nic0][1]',
      'H[grp:nic0][2]',
      'H[grp:nic0][3]',
      'H[grp:accel0][1]',
    ]);
  });

  it('names each global PASID holder', () => {
    const sim = load('rfc-problem.json');
    for (let i = 0; i < 3; i++) sim.step();
    const h = readHolders(sim.state);
    expect([...h]).toEqual([
      [0, HOLDER.reserved],
      [1, HOLDER.procBase + 0],
      [2, HOLDER.procBase + 1],
      [3, HOLDER.procBase + 2],
    ]);
  });
});

describe('readRows on VT-d scenarios', () => {
  it('lists context, directory and PASID table entries', () => {
    const sim = load('reserved-dma-pasid-2021.json');
    for (let i = 0; i < 6; i++) sim.step();
    const rows = readRows(sim.state);
    expect(rows.ctx).toHaveLength(1);
    const ctx = rows.ctx[0]!;
    expect(ctx.key).toMatch(/^dmar0:CTX\[/);
    expect(ctx.num[numIndex('ctx', 'PASIDE')]).toBe(1);
    expect(rows.pdir.length).toBeGreaterThanOrEqual(1);
    const pasids = rows.pte.map((r) => r.num[numIndex('pte', 'pasid')]);
    expect(pasids).toEqual([0, 1, 2]);
    const p2 = rows.pte[2]!;
    expect(p2.str[strIndex('pte', 'FLPTR')]).toBe('mm:P1');
    expect(p2.num[numIndex('pte', 'DID')]).toBe(1);
    expect(p2.num[numIndex('pte', 'PGTT')]).toBe(1);
    expect(rows.kpasid.map((r) => r.key)).toEqual(['K[1]']);
    expect(readHolders(sim.state).get(1)).toBe(HOLDER.kernel);
  });
});

describe('ViewDiffer', () => {
  it('sends everything first, then only changed rows and cells', () => {
    const sim = load('rfc-problem.json');
    const differ = new ViewDiffer();
    const first = differ.diff(sim.state);
    expect(first.tables?.ste?.reset).toBe(true);
    expect(first.tables?.ste?.keys).toEqual(['smmu0:STE[0]', 'smmu0:STE[1]']);
    expect(first.holders?.reset).toBe(true);
    expect([...(first.holders?.pasid ?? [])]).toEqual([0]);
    expect(first.hwStats?.[0]?.iommu).toBe('smmu0');

    sim.step(); // P1 binds nic0: PASID 1
    const d1 = differ.diff(sim.state);
    expect(d1.tables?.ste).toBeUndefined();
    expect(d1.tables?.cd?.keys).toEqual(['smmu0:CD[0][1]']);
    expect(row('cd', d1.tables?.cd, 'smmu0:CD[0][1]')).toMatchObject({ V: 1, TTB0: 'mm:P1', ssid: 1 });
    expect([...(d1.holders?.pasid ?? [])]).toEqual([1]);
    expect([...(d1.holders?.code ?? [])]).toEqual([HOLDER.procBase]);

    expect(differ.diff(sim.state)).toEqual({});
  });

  it('reports cleared entries as removed and freed PASIDs as free', () => {
    const sim = load('rfc-problem.json');
    const differ = new ViewDiffer();
    for (let i = 0; i < 9; i++) sim.step();
    differ.diff(sim.state);
    sim.step(); // unbind nic0 P2
    const d = differ.diff(sim.state);
    expect(d.tables?.cd?.removed).toEqual(['smmu0:CD[0][2]']);
    expect(d.holders).toBeUndefined();
    sim.step(); // P2 exits: PASID 2 back to the IDA
    const e = differ.diff(sim.state);
    expect([...(e.holders?.pasid ?? [])]).toEqual([2]);
    expect([...(e.holders?.code ?? [])]).toEqual([HOLDER.free]);
  });
});

describe('hwStatsChanged', () => {
  it('says changed exactly when readHwStats shows something else, whichever counter field moves', () => {
    for (const name of Object.keys(files)) {
      const sim = load(name);
      for (let i = 0; i < 5; i++) sim.step();
      const s = sim.state;
      const sent: number[] = [];
      expect(hwStatsChanged(s, sent)).toBe(true);
      // Each tweak changes one field the counters could read and returns its undo.
      const tweaks: (() => () => void)[] = [];
      const fields = (o: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(o)) {
          if (typeof v === 'number') tweaks.push(() => ((o[k] = v + 1), () => (o[k] = v)));
          if (typeof v === 'boolean') tweaks.push(() => ((o[k] = !v), () => (o[k] = v)));
        }
      };
      for (const m of s.iommus.values()) {
        if (m.type === 'smmuv3') {
          const { hw } = m;
          [hw.cmdq, hw.evtq, hw.strtab].forEach((o) => fields(o as unknown as Record<string, unknown>));
          tweaks.push(() => {
            const fmt = hw.strtab.fmt;
            hw.strtab.fmt = fmt === 'linear' ? '2lvl' : 'linear';
            return () => (hw.strtab.fmt = fmt);
          });
          tweaks.push(() => (hw.strtab.l1.set(-1, { Span: 0, L2Ptr: '' }), () => hw.strtab.l1.delete(-1)));
          const t = [...hw.cdTables.values()][0]!;
          tweaks.push(() => (hw.cdTables.set('tweak', t), () => hw.cdTables.delete('tweak')));
        } else {
          [m.hw.regs, m.hw.caps].forEach((o) => fields(o as unknown as Record<string, unknown>));
        }
      }
      expect(tweaks.length).toBeGreaterThan(5);
      for (const [i, tweak] of tweaks.entries()) {
        const before = JSON.stringify(readHwStats(s));
        const undo = tweak();
        const shows = JSON.stringify(readHwStats(s)) !== before;
        expect(hwStatsChanged(s, [...sent]), `${name} tweak ${i}`).toBe(shows);
        undo();
      }
    }
  });
});
