import { describe, expect, it } from 'vitest';
import { DeviceMemory, MAX_DIAGRAM_DEVICES, pickDevices } from './deviceFilter.ts';

const devs = Array.from({ length: 20 }, (_, i) => `d${i}`);

describe('pickDevices', () => {
  it('draws every device when few, the selected one alone, else the first ones after those to draw first', () => {
    expect(pickDevices(devs.slice(0, 5), null, new Set(['d3']))).toEqual({ devices: null, total: 5 });
    expect(pickDevices(devs, 'd12', new Set(['d3']))).toEqual({ devices: new Set(['d12']), total: 20 });
    const { devices } = pickDevices(devs, null, new Set(['d15']));
    expect([...devices!].sort()).toEqual([...devs.slice(0, MAX_DIAGRAM_DEVICES - 1), 'd15'].sort());
  });
});

describe('DeviceMemory', () => {
  it('keeps the devices the last change here touched until another device here changes', () => {
    const m = new DeviceMemory();
    expect([...m.first(0, devs, new Set())]).toEqual([]);
    expect([...m.first(0, devs, new Set(['d15', 'elsewhere']))]).toEqual(['d15']);
    // Steps that change nothing here (or only devices of another IOMMU) keep d15 drawn.
    expect([...m.first(0, devs, new Set())]).toEqual(['d15']);
    expect([...m.first(0, devs, new Set(['elsewhere']))]).toEqual(['d15']);
    expect([...m.first(0, devs, new Set(['d2', 'd17']))]).toEqual(['d2', 'd17']);
    // Another IOMMU shown: forget.
    expect([...m.first(1, devs, new Set())]).toEqual([]);
  });

  it('draws a remembered device among the first ones, and the same devices as without memory on a changing step', () => {
    const m = new DeviceMemory();
    const changed = new Set(['d19']);
    expect(pickDevices(devs, null, m.first(0, devs, changed))).toEqual(pickDevices(devs, null, changed));
    expect(pickDevices(devs, null, m.first(0, devs, new Set())).devices?.has('d19')).toBe(true);
  });
});
