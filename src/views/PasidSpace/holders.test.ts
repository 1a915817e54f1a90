import { describe, expect, it } from 'vitest';
import { HOLDER } from '../../protocol/views.ts';
import { holderColor, holderColors, holderLut, holderName, holderProc, holderShort, PROC_CYCLE } from './holders.ts';

const names = { procs: ['P1', 'P2'], kernel: new Map([[7, 'dsa0']]) };

describe('holders', () => {
  it('names every kind of holder', () => {
    expect(holderName(HOLDER.free, 9, names)).toBe('free');
    expect(holderName(HOLDER.kernel, 7, names)).toBe('kernel (iommu_alloc_global_pasid by dsa0)');
    expect(holderName(HOLDER.procBase + 1, 2, names)).toBe("P2's mm");
    expect(holderProc(HOLDER.procBase, names)).toBe('P1');
    expect(holderShort(HOLDER.reserved, names)).toBe('RID');
    expect(holderShort(HOLDER.free, names)).toBeNull();
  });

  it('colours one entry per code, cycling processes', () => {
    const c = holderColors(2);
    expect(c).toHaveLength(HOLDER.procBase + 2);
    expect(new Set(c).size).toBe(c.length);
    expect(holderColor(HOLDER.procBase + PROC_CYCLE)).toBe(holderColor(HOLDER.procBase));
  });

  it('builds a packed lookup for ten thousand processes by copying the first cycle', () => {
    const lut = holderLut(10_000, 0, '#fff');
    expect(lut).toHaveLength(HOLDER.procBase + 10_000);
    expect(lut[HOLDER.procBase + PROC_CYCLE + 3]).toBe(lut[HOLDER.procBase + 3]);
    expect(lut[HOLDER.free]).not.toBe(lut[HOLDER.kernel]);
  });

  it('hands back the same table while the process count stays, a new one when it changes', () => {
    const a = holderLut(500, 0.5, '#000');
    expect(holderLut(500, 0.5, '#000')).toBe(a);
    expect(holderLut(500, 0, '#000')).not.toBe(a);
    const b = holderLut(501, 0.5, '#000');
    expect(b).toHaveLength(HOLDER.procBase + 501);
    expect(b[HOLDER.procBase + 3]).toBe(a[HOLDER.procBase + 3]);
  });
});
