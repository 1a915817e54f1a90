/**
 * ProcIndex against pickProcs: random histories of handle and process changes, applied to the
 * index as deltas and to a plain BindingsInput as a whole, must pick the same processes (and the
 * same handles for them) after every change, whatever the selection and the changed set.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BindingsInput, HandleIn, ProcIn } from './bindingsModel.ts';
import { pickProcs } from './pickProcs.ts';
import { ProcIndex } from './procIndex.ts';
import type { HandleRow, ProcSource } from './procIndex.ts';

const PROCS = 40;
const DEVS = 6;

type Op =
  | { kind: 'put'; dev: number; pasid: number; proc: number; users: number }
  | { kind: 'drop'; dev: number; pasid: number }
  | { kind: 'proc'; row: number; mm: number | null; msr: number | null; candidate: boolean }
  | { kind: 'select'; row: number | null }
  | { kind: 'check'; changed: number[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('put' as const),
    dev: fc.nat(DEVS - 1),
    pasid: fc.integer({ min: 1, max: 8 }),
    proc: fc.nat(PROCS - 1),
    users: fc.integer({ min: 1, max: 3 }),
  }),
  fc.record({ kind: fc.constant('drop' as const), dev: fc.nat(DEVS - 1), pasid: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('proc' as const),
    row: fc.nat(PROCS - 1),
    mm: fc.option(fc.integer({ min: 1, max: 8 })),
    msr: fc.option(fc.integer({ min: 1, max: 8 })),
    candidate: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('select' as const), row: fc.option(fc.nat(PROCS - 1)) }),
  fc.record({ kind: fc.constant('check' as const), changed: fc.array(fc.nat(PROCS - 1), { maxLength: 4 }) })
);

const key = (dev: number, pasid: number): string => `H[g${dev}][${pasid}]`;

describe('ProcIndex', () => {
  it('picks what pickProcs picks after any history of changes', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 120 }), (ops) => {
        const procs: ProcIn[] = Array.from({ length: PROCS }, (_, i) => ({
          id: `P${i}`,
          alive: true,
          mmLive: true,
          pasid: null,
          mmPasid: null,
          msr: [null],
        }));
        const candidates = new Set<number>();
        const handles = new Map<string, HandleRow>();
        let selected: number | null = null;
        const index = new ProcIndex();
        const src = (): ProcSource => ({
          proc: (row) => procs[row],
          candidate: (row) => candidates.has(row) || row === selected,
          rowOf: (id) => procs.findIndex((p) => p.id === id),
          selectedProc: selected === null ? null : `P${selected}`,
        });
        for (const o of ops) {
          if (o.kind === 'put') {
            const h: HandleIn = {
              dev: `d${o.dev}`,
              proc: `P${o.proc}`,
              pasid: o.pasid,
              domain: 'sva',
              users: o.users,
              domainUsers: 1,
              tag: 1,
              group: `g${o.dev}`,
            };
            const row = { key: key(o.dev, o.pasid), devIndex: o.dev, h };
            handles.set(row.key, row);
            index.putHandle(row);
          } else if (o.kind === 'drop') {
            handles.delete(key(o.dev, o.pasid));
            index.dropHandle(key(o.dev, o.pasid));
          } else if (o.kind === 'proc') {
            procs[o.row] = { ...procs[o.row]!, mmPasid: o.mm, pasid: o.mm, msr: [o.msr] };
            if (o.candidate) candidates.add(o.row);
            index.touch(o.row);
          } else if (o.kind === 'select') {
            if (selected !== null) index.touch(selected);
            selected = o.row;
            if (selected !== null) index.touch(selected);
          } else {
            const s = src();
            index.settle(s);
            const ordered = [...handles.values()].sort(
              (a, b) => a.devIndex - b.devIndex || a.h.pasid - b.h.pasid || (a.key < b.key ? -1 : 1)
            );
            const changedProcs = new Set(o.changed.map((r) => `P${r}`));
            const input: BindingsInput = {
              procs: procs.filter((_, i) => s.candidate(i)),
              devices: [],
              handles: ordered.map((r) => r.h),
              bare: [],
              iommuType: new Map(),
              selectedProc: s.selectedProc,
              selectedDevice: null,
              changed: new Set([...changedProcs].map((id) => `proc:${id}`)),
            };
            const want = pickProcs(input);
            const got = index.pick(s, changedProcs);
            expect(got).toEqual(want);
            const shown = new Set(want.shown.map((p) => p.id));
            expect(index.handlesOf(got.shown)).toEqual(input.handles.filter((h) => shown.has(h.proc)));
            // A reload from scratch lands in the same state.
            const fresh = new ProcIndex();
            for (const r of handles.values()) fresh.putHandle(r);
            fresh.rebuild(
              procs.map((_, i) => i),
              s
            );
            expect(fresh.pick(s, changedProcs)).toEqual(want);
          }
        }
      }),
      { numRuns: 300 }
    );
  });
});
