import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Domain } from '../../kernel/state.ts';
import { smmuv3Driver as drv } from './driver.ts';
import { kit } from './testkit.ts';

type Op =
  | { op: 'rid'; dev: number; dom: 'd1' | 'd2' | 'identity' | 'blocked' }
  | { op: 'set'; dev: number; pasid: number; dom: 'sva1' | 'sva2' | 'u1' }
  | { op: 'block'; dev: number; pasid: number }
  | { op: 'release'; dom: 'sva1' | 'sva2' };

const PASIDS = [1, 3, 700, 1500, 5000];
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('rid' as const),
    dev: fc.nat(2),
    dom: fc.constantFrom('d1' as const, 'd2' as const, 'identity' as const, 'blocked' as const),
  }),
  fc.record({
    op: fc.constant('set' as const),
    dev: fc.nat(2),
    pasid: fc.constantFrom(...PASIDS),
    dom: fc.constantFrom('sva1' as const, 'sva2' as const, 'u1' as const),
  }),
  fc.record({ op: fc.constant('block' as const), dev: fc.nat(2), pasid: fc.constantFrom(...PASIDS) }),
  fc.record({ op: fc.constant('release' as const), dom: fc.constantFrom('sva1' as const, 'sva2' as const) })
);

describe('S2 cache coherence (property)', () => {
  it('S2/S5: after every driver operation a walk through the caches equals a fresh walk from memory', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.constantFrom('auto' as const, 'linear' as const, '2lvl' as const),
        (ops, cdTable) => {
          const k = kit({ cdTable });
          const devs = [
            k.device('a', { sid: 1, pasidBits: 20, ats: true }),
            k.device('b', { sid: 2, pasidBits: 11 }),
            k.device('c', { sid: 300, pasidBits: 3 }),
          ];
          k.proc('P1');
          k.proc('P2');
          const doms: Record<string, Domain> = {
            d1: k.domain('d1', 'paging'),
            d2: k.domain('d2', 'paging'),
            identity: k.domain('identity:smmuv3', 'identity', { iommu: '' }),
            blocked: k.domain('blocked:smmuv3', 'blocked', { iommu: '' }),
            sva1: k.domain('sva1', 'sva', { mm: 'P1' }),
            sva2: k.domain('sva2', 'sva', { mm: 'P2' }),
            u1: k.domain('u1', 'paging'),
          };
          for (const d of devs) drv.attachDev(k.c, k.iommu, d, doms.d1!);
          drv.domainAllocSva(k.c, k.iommu, devs[0]!, doms.sva1!);
          drv.domainAllocSva(k.c, k.iommu, devs[0]!, doms.sva2!);
          const attached = devs.map(() => new Map<number, string>());
          k.c.fx = null;
          for (const o of ops) {
            if (o.op === 'rid') drv.attachDev(k.c, k.iommu, devs[o.dev]!, doms[o.dom]!);
            else if (o.op === 'set') {
              const dev = devs[o.dev]!;
              if (o.pasid >= dev.maxPasids) continue; // the core never calls the driver for these
              const oldId = attached[o.dev]!.get(o.pasid);
              const old = oldId === undefined ? null : doms[oldId]!;
              if (drv.setDevPasid(k.c, k.iommu, dev, o.pasid, doms[o.dom]!, old) === null)
                attached[o.dev]!.set(o.pasid, o.dom);
            } else if (o.op === 'block') {
              const oldId = attached[o.dev]!.get(o.pasid);
              if (oldId === undefined) continue;
              drv.blockDevPasid(k.c, k.iommu, devs[o.dev]!, o.pasid, doms[oldId]!);
              attached[o.dev]!.delete(o.pasid);
            } else {
              drv.mmRelease(k.c, [k.iommu], doms[o.dom]!);
              k.c.s.procs.get(o.dom === 'sva1' ? 'P1' : 'P2')!.alive = false;
            }
            for (const [i, dev] of devs.entries()) {
              expect(new Map([...drv.pasidEntries(k.iommu, dev)].map(([p, d]) => [p, d]))).toEqual(attached[i]);
              for (const pasid of [undefined, 0, ...PASIDS]) {
                const cached = drv.dma(k.c, k.iommu, dev, pasid, 0);
                const saved = k.hw.cache;
                k.hw.cache = { ste: new Map(), l1cd: new Map(), cd: new Map() };
                const fresh = drv.dma(k.c, k.iommu, dev, pasid, 0);
                k.hw.cache = saved;
                expect(cached).toEqual(fresh);
              }
            }
          }
        }
      ),
      { numRuns: 150 }
    );
  });
});
