import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyChanges, SimModel } from '../../client/index.ts';
import type { DomainInfo, FrameDelta, Topology } from '../../protocol/index.ts';
import { cardSummary, CardSummaryMemo } from './cardSummary.ts';

const dev = (id: string, group: number, sid: number) => ({
  id,
  iommu: 'smmu0',
  group,
  bus: 'pci' as const,
  maxPasids: 16,
  enqcmd: false,
  ats: false,
  pri: false,
  sid,
  bdf: `00:0${sid}.0`,
});

const topology = (): Topology => ({
  iommus: [{ id: 'smmu0', type: 'smmuv3', maxPasids: 1 << 20 }],
  devices: [dev('a', 0, 0), dev('b', 0, 1), dev('c', 1, 2)],
  groups: ['g0', 'g1'],
  groupDevices: [[0, 1], [2]],
  procs: [{ id: 'P1', threads: 1 }],
  arch: 'arm64',
  enqcmdLike: false,
});

const domainIds = fc.constantFrom('x', 'y', 'z');
const entry = fc.record({ pasid: fc.integer({ min: 1, max: 4 }), sva: fc.boolean(), domain: domainIds });
const group = fc.record({
  index: fc.integer({ min: 0, max: 1 }),
  owner: fc.constantFrom(null, 'user'),
  pasids: fc.uniqueArray(entry, { maxLength: 3, selector: (e) => e.pasid }),
});
const domain = fc.record({ id: domainIds, mm: fc.constantFrom(null, 'P1', 'P2') });
const frame = fc.record({
  full: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  groups: fc.array(group, { maxLength: 2 }),
  domains: fc.array(domain, { maxLength: 2 }),
  removed: fc.array(domainIds, { maxLength: 1 }),
});

const info = (d: { id: string; mm: string | null }): DomainInfo => ({
  id: d.id,
  type: d.mm ? 'sva' : 'paging',
  iommu: 'smmu0',
  pasidCompat: true,
  mm: d.mm,
  defaultOf: null,
});

type FrameSpec = typeof frame extends fc.Arbitrary<infer T> ? T : never;

function delta(epoch: number, seq: number, f: FrameSpec): FrameDelta {
  const groups = [...new Map(f.groups.map((g) => [g.index, g])).values()];
  const offsets = [0];
  for (const g of groups) offsets.push(offsets[offsets.length - 1]! + g.pasids.length);
  const all = groups.flatMap((g) => [...g.pasids].sort((p, q) => p.pasid - q.pasid));
  return {
    epoch,
    seq,
    full: f.full,
    cursor: seq,
    length: 100,
    policy: 'global',
    ...(f.full ? { topology: topology() } : {}),
    groups: {
      index: Uint32Array.from(groups.map((g) => g.index)),
      owner: groups.map((g) => g.owner),
      ownerCnt: Uint32Array.from(groups.map((g) => (g.owner ? 1 : 0))),
      resetting: new Uint32Array(groups.length),
      offsets: Uint32Array.from(offsets),
      pasids: Uint32Array.from(all.map((e) => e.pasid)),
      pasidSva: Uint8Array.from(all.map((e) => (e.sva ? 1 : 0))),
      pasidDomain: all.map((e) => e.domain),
    },
    domains: f.domains.map(info),
    removedDomains: f.removed,
  };
}

describe('CardSummaryMemo', () => {
  it('reads the same text as a recompute from scratch after every frame', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 15 }), (frames) => {
        const m = new SimModel();
        let epoch = 1;
        m.apply(
          { epoch, seq: 0, full: true, cursor: 0, length: 100, policy: 'global', topology: topology() },
          emptyChanges()
        );
        const memos = new Map(['a', 'b', 'c', 'nope'].map((id) => [id, new CardSummaryMemo()]));
        frames.forEach((f, k) => {
          if (f.full) epoch++;
          m.apply(delta(epoch, k + 1, f), emptyChanges());
          for (const [id, memo] of memos) expect(memo.read(m, id)).toBe(cardSummary(m, id));
        });
      })
    );
  });

  it('keeps the text of an untouched device without recomputing it', () => {
    const m = new SimModel();
    m.apply(
      { epoch: 1, seq: 0, full: true, cursor: 0, length: 1, policy: 'global', topology: topology() },
      emptyChanges()
    );
    const memo = new CardSummaryMemo();
    expect(memo.read(m, 'a')).toBe('pci · max 16 PASIDs · group g0|');
    const summary = cardSummary(m, 'a');
    m.device = () => {
      throw new Error('recomputed');
    };
    expect(memo.read(m, 'a')).toBe(summary);
  });
});
