import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameDelta, Topology } from '../protocol/index.ts';
import { NO_PASID, RID } from '../protocol/index.ts';
import { SimModel } from './model.ts';
import { emptyChanges } from './modelViews.ts';

const topology: Topology = {
  iommus: [{ id: 'smmu0', type: 'smmuv3', maxPasids: 1 << 20 }],
  devices: [
    {
      id: 'a',
      iommu: 'smmu0',
      group: 0,
      bus: 'pci',
      maxPasids: 4,
      enqcmd: false,
      ats: false,
      pri: false,
      sid: 0,
      bdf: '00:00.0',
    },
    {
      id: 'b',
      iommu: 'smmu0',
      group: 0,
      bus: 'pci',
      maxPasids: 4,
      enqcmd: false,
      ats: false,
      pri: false,
      sid: 1,
      bdf: '00:01.0',
    },
  ],
  groups: ['g0'],
  groupDevices: [[0, 1]],
  procs: [{ id: 'P1', threads: 2 }],
  arch: 'arm64',
  enqcmdLike: false,
};

const full = (over: Partial<FrameDelta> = {}): FrameDelta => ({
  epoch: 1,
  seq: 0,
  full: true,
  cursor: 0,
  length: 3,
  policy: 'global',
  topology,
  ...over,
});
const delta = (seq: number, over: Partial<FrameDelta> = {}): FrameDelta => ({
  epoch: 1,
  seq,
  full: false,
  cursor: seq,
  length: 3,
  policy: 'global',
  ...over,
});

describe('SimModel.apply()', () => {
  it('a full frame resets the rows and marks everything changed', () => {
    const m = new SimModel();
    const ch = emptyChanges();
    expect(m.apply(full(), ch)).toBe(true);
    expect(ch.full).toBe(true);
    expect(m.deviceIds()).toEqual(['a', 'b']);
    expect(m.groupOf('b')?.devices).toEqual(['a', 'b']);
    expect(m.proc('P1')).toMatchObject({ alive: true, pasid: null, msr: [null, null] });
  });

  it('a full frame keeps the log prefix it names and drops the rest (backward seek)', () => {
    const m = new SimModel();
    const r = (i: number) => ({ i, op: 'dma' as const, ok: true });
    const s = { op: 'dma' as const, dev: 'a' };
    m.apply(full({ cursor: 3, log: { from: 0, results: [r(0), r(1), r(2)], steps: [s, s, s] } }), emptyChanges());
    expect(m.log).toHaveLength(3);
    const back = { ...r(1), effects: [] };
    m.apply(full({ epoch: 2, cursor: 2, log: { from: 1, results: [back], steps: [s] } }), emptyChanges());
    expect(m.log).toEqual([r(0), back]);
    expect(m.logSteps).toHaveLength(2);
    // A load (from 0) starts the log again.
    m.apply(full({ epoch: 3, cursor: 0, log: { from: 0, results: [], steps: [] } }), emptyChanges());
    expect(m.log).toEqual([]);
  });

  it('merges group, proc and bond deltas and reports the devices they touch', () => {
    const m = new SimModel();
    m.apply(full(), emptyChanges());
    const ch = emptyChanges();
    m.apply(
      delta(1, {
        groups: {
          index: Uint32Array.of(0),
          owner: [null],
          ownerCnt: Uint32Array.of(0),
          resetting: Uint32Array.of(0),
          offsets: Uint32Array.of(0, 1),
          pasids: Uint32Array.of(1),
          pasidSva: Uint8Array.of(1),
          pasidDomain: ['sva0'],
        },
        procs: {
          index: Uint32Array.of(0),
          flags: Uint8Array.of(3),
          pasid: Int32Array.of(1),
          mmPasid: Int32Array.of(1),
          msr: Int32Array.of(1, -1, -1, -1, -1, -1, -1, -1),
        },
        bonds: { dev: Uint32Array.of(0), proc: Uint32Array.of(0), pasid: Int32Array.of(1), users: Uint32Array.of(1) },
        devices: { index: Uint32Array.of(1), rid: Uint8Array.of(RID.resetting), ridDomain: ['blk'] },
      }),
      ch
    );
    expect([...ch.devices].sort()).toEqual([0, 1]);
    expect(m.groupOf('a')?.pasids).toEqual([{ pasid: 1, sva: true, domain: 'sva0' }]);
    expect(m.proc('P1')).toMatchObject({ pasid: 1, mmPasid: 1, msr: [1, null] });
    expect(m.bond('a', 'P1')).toEqual({ pasid: 1, users: 1 });
    expect(m.device('b')?.rid).toBe('resetting');

    m.apply(
      delta(2, {
        bonds: {
          dev: Uint32Array.of(0),
          proc: Uint32Array.of(0),
          pasid: Int32Array.of(NO_PASID),
          users: Uint32Array.of(0),
        },
      }),
      ch
    );
    expect(m.bond('a', 'P1')).toBeUndefined();
  });

  it('drops a delta of another epoch or an old seq', () => {
    const m = new SimModel();
    m.apply(full(), emptyChanges());
    expect(m.apply(delta(1, { epoch: 7 }), emptyChanges())).toBe(false);
    expect(m.apply(delta(1), emptyChanges())).toBe(true);
    expect(m.apply(delta(1), emptyChanges())).toBe(false);
  });

  it('truncates the log to `from` before appending', () => {
    const m = new SimModel();
    m.apply(full(), emptyChanges());
    m.apply(
      delta(1, { log: { from: 0, results: [{ i: 0, op: 'exit', ok: true }], steps: [{ op: 'exit', proc: 'P1' }] } }),
      emptyChanges()
    );
    m.apply(
      delta(2, { log: { from: 0, results: [{ i: 0, op: 'dma', ok: true }], steps: [{ op: 'dma', dev: 'a' }] } }),
      emptyChanges()
    );
    expect(m.log).toEqual([{ i: 0, op: 'dma', ok: true }]);
    expect(m.logSteps).toEqual([{ op: 'dma', dev: 'a' }]);
  });

  it('keeps domains as upserts and removals', () => {
    const m = new SimModel();
    const d = { type: 'paging' as const, iommu: 'smmu0', pasidCompat: true, mm: null, defaultOf: null };
    m.apply(
      full({
        domains: [
          { id: 'x', ...d },
          { id: 'y', ...d },
        ],
      }),
      emptyChanges()
    );
    m.apply(delta(1, { domains: [{ id: 'z', ...d }], removedDomains: ['x'] }), emptyChanges());
    expect(m.domains.map((x) => x.id)).toEqual(['y', 'z']);
    expect(m.domain('x')).toBeUndefined();
  });

  it('lists the same domains, read between frames or not, as a map of upserts and removals in order', () => {
    // `domains` is built lazily after a frame changes it: whenever it is read, it must equal the
    // full list a model that rebuilt it on every frame would give.
    const d = { type: 'paging' as const, iommu: 'smmu0', pasidCompat: true, mm: null, defaultOf: null };
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const frame = fc.record({
      upsert: fc.array(ids, { maxLength: 3 }),
      remove: fc.array(ids, { maxLength: 3 }),
      read: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 12 }), (frames) => {
        const m = new SimModel();
        m.apply(full(), emptyChanges());
        const want = new Map<string, string>();
        frames.forEach((f, k) => {
          const domains = f.upsert.map((id) => ({ id, ...d, mm: `mm${k}` }));
          m.apply(delta(k + 1, { domains, removedDomains: f.remove }), emptyChanges());
          for (const id of f.remove) want.delete(id);
          for (const x of domains) want.set(x.id, x.mm);
          if (f.read) expect(m.domains.map((x) => [x.id, x.mm])).toEqual([...want]);
        });
        expect(m.domains.map((x) => [x.id, x.mm])).toEqual([...want]);
        m.apply({ ...full(), epoch: 2 }, emptyChanges());
        expect(m.domains).toEqual([]);
      })
    );
  });

  it('counts bonds as a recount of every device row would, over random bond deltas', () => {
    const bond = fc.record({ dev: fc.integer({ min: 0, max: 1 }), pasid: fc.integer({ min: -1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(fc.array(bond, { maxLength: 3 }), { maxLength: 12 }), (frames) => {
        const m = new SimModel();
        m.apply(
          full({
            bonds: {
              dev: Uint32Array.of(0),
              proc: Uint32Array.of(0),
              pasid: Int32Array.of(1),
              users: Uint32Array.of(1),
            },
          }),
          emptyChanges()
        );
        frames.forEach((f, k) => {
          m.apply(
            delta(k + 1, {
              bonds: {
                dev: Uint32Array.from(f.map((b) => b.dev)),
                proc: new Uint32Array(f.length),
                pasid: Int32Array.from(f.map((b) => b.pasid)),
                users: Uint32Array.from(f.map(() => 1)),
              },
            }),
            emptyChanges()
          );
          expect(m.bondCount()).toBe(m.bondsOf('a').length + m.bondsOf('b').length);
        });
        m.apply({ ...full(), epoch: 2 }, emptyChanges());
        expect(m.bondCount()).toBe(0);
      })
    );
  });
});
