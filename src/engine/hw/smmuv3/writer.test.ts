import { describe, expect, it } from 'vitest';
import {
  ABORT_STE,
  CD_LAYOUT,
  makeBypassSte,
  makeCdtableSte,
  makeS1Cd,
  makeSvaCd,
  S1DSS_BYPASS,
  S1DSS_SSID0,
  S1DSS_TERMINATE,
  STE_LAYOUT,
  ZERO_CD,
} from './entries.ts';
import { writeEntry } from './writer.ts';

type E = Record<string, string | number | null>;

/** Runs the writer and returns the stores (changed field names) with a "sync" after each. */
function trace<T extends E>(layout: Parameters<typeof writeEntry<T>>[0], cur: T, target: T): string[] {
  const out: string[] = [];
  let last = cur;
  const final = writeEntry(layout, cur, target, {
    store(next) {
      out.push(
        layout.names
          .filter((n) => next[n] !== last[n])
          .map((n) => `${n}=${String(next[n])}`)
          .join(' ')
      );
      last = next;
    },
    sync() {
      out.push('sync');
    },
  });
  expect(final).toEqual(target);
  return out;
}

/** Whether each store the writer made was marked as part of a breaking update. */
function breakingFlags<T extends E>(layout: Parameters<typeof writeEntry<T>>[0], cur: T, target: T): boolean[] {
  const out: boolean[] = [];
  writeEntry(layout, cur, target, {
    store(_next, _qwords, breaking) {
      out.push(breaking);
    },
    sync() {},
  });
  return out;
}

const table = { name: 'CD[16]', s1fmt: 0, s1cdmax: 10 };

describe("A3: which stores the writer marks as a breaking update (the write effect's `update`)", () => {
  it('marks every store of a breaking update, and none of a hitless or plain one', () => {
    expect(breakingFlags(CD_LAYOUT, makeS1Cd(1, 'd1'), makeSvaCd(2, 'P1'))).toEqual([true, true, true]);
    expect(breakingFlags(CD_LAYOUT, ZERO_CD, makeSvaCd(2, 'P1'))).toEqual([false, false]);
    expect(breakingFlags(CD_LAYOUT, makeSvaCd(2, 'P1'), makeSvaCd(2, null))).toEqual([false, false]);
    expect(breakingFlags(CD_LAYOUT, makeSvaCd(2, 'P1'), ZERO_CD)).toEqual([false, false]);
  });
});

describe('A3 hitless / breaking entry writer (arm_smmu_write_entry)', () => {
  it('A3: CD invalid → valid fills qwords 1..7 then qword 0 — two syncs', () => {
    expect(trace(CD_LAYOUT, ZERO_CD, makeSvaCd(2, 'P1'))).toEqual([
      'TTB0=mm:P1 MAIR=mair_el1',
      'sync',
      'V=1 ASID=2 R=1 A=1 ASET=1',
      'sync',
    ]);
  });

  it('A3: CD valid → zero (arm_smmu_clear_cd) writes qword 0 = 0 first, then the rest — two syncs', () => {
    expect(trace(CD_LAYOUT, makeSvaCd(2, 'P1'), ZERO_CD)).toEqual([
      'V=0 ASID=0 R=0 A=0 ASET=0',
      'sync',
      'TTB0=null MAIR=0',
      'sync',
    ]);
  });

  it('A5: SVA CD → dead-mm CD is hitless (TTB0 is ignored under EPD0): qword 0, then TTB0 cleanup', () => {
    expect(trace(CD_LAYOUT, makeSvaCd(2, 'P1'), makeSvaCd(2, null))).toEqual([
      'EPD0=1 R=0',
      'sync',
      'TTB0=null',
      'sync',
    ]);
  });

  it('A3: replacing a valid CD with another ASID and TTB0 is breaking — V=0, qwords 1..7, qword 0', () => {
    expect(trace(CD_LAYOUT, makeS1Cd(1, 'd1'), makeSvaCd(2, 'P1'))).toEqual([
      'V=0 ASID=0 R=0 A=0 ASET=0',
      'sync',
      'TTB0=mm:P1 MAIR=mair_el1',
      'sync',
      'V=1 ASID=2 R=1 A=1 ASET=1',
      'sync',
    ]);
  });

  it('A3: an identical entry writes nothing', () => {
    expect(trace(CD_LAYOUT, makeS1Cd(1, 'd1'), makeS1Cd(1, 'd1'))).toEqual([]);
  });

  it('A3: abort → cd-table STE is hitless on qword 0 after the ignored qword 1 — two syncs', () => {
    expect(trace(STE_LAYOUT, ABORT_STE, makeCdtableSte(table, false, S1DSS_SSID0, true))).toEqual([
      'S1DSS=2 S1C=1',
      'sync',
      'Config=5 S1ContextPtr=CD[16] S1CDMax=10',
      'sync',
    ]);
  });

  it('A10.8: S1DSS SSID0 → BYPASS changes only qword 1 — one sync', () => {
    const from = makeCdtableSte(table, true, S1DSS_SSID0, true);
    expect(trace(STE_LAYOUT, from, makeCdtableSte(table, true, S1DSS_BYPASS, true))).toEqual([
      'S1DSS=1 SHCFG=1',
      'sync',
    ]);
  });

  it('A10.4: cd-table (TERMINATE) → abort: qword 0 first, then qword 1 cleanup', () => {
    expect(trace(STE_LAYOUT, makeCdtableSte(table, false, S1DSS_TERMINATE, true), ABORT_STE)).toEqual([
      'Config=0 S1ContextPtr=null S1CDMax=0',
      'sync',
      'S1C=0',
      'sync',
    ]);
  });

  it('A3: abort → bypass sets the ignored SHCFG first, then Config', () => {
    expect(trace(STE_LAYOUT, ABORT_STE, makeBypassSte(true))).toEqual(['SHCFG=1', 'sync', 'Config=4', 'sync']);
  });
});
