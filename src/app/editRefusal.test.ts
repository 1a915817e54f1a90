import { describe, expect, it } from 'vitest';
import rfcJson from '../../public/scenarios/rfc-problem.json';
import type { Scenario } from '../engine/index.ts';
import { editRefusal, stepsNaming } from './editRefusal.ts';

const rfc = rfcJson as Scenario;

describe('editRefusal', () => {
  it('names every step that uses a removed process, numbered as in the step log', () => {
    const after = { ...rfc, processes: rfc.processes.filter((p) => p.id !== 'P1') };
    expect(editRefusal(rfc, after)).toBe('P1 is used by steps 1, 5: remove or change those steps first');
  });

  it('names the steps of a removed device, and of a renamed one', () => {
    const removed = { ...rfc, devices: rfc.devices.filter((d) => d.id !== 'accel0') };
    expect(editRefusal(rfc, removed)).toBe(
      'accel0 is used by steps 4, 5, 6, 7, 9, 12: remove or change those steps first'
    );
    const renamed = { ...rfc, devices: rfc.devices.map((d) => (d.id === 'nic0' ? { ...d, id: 'nic1' } : d)) };
    expect(editRefusal(rfc, renamed)).toBe('nic0 is used by steps 1, 2, 3, 8, 10: remove or change those steps first');
  });

  it('names the devices behind a removed IOMMU, and counts past eight steps', () => {
    expect(editRefusal(rfc, { ...rfc, iommus: [] })).toBe(
      'smmu0 has devices nic0, accel0: remove them or move them to another IOMMU first'
    );
    const many = { ...rfc, steps: Array.from({ length: 10 }, () => ({ op: 'exit' as const, proc: 'P5' })) };
    expect(editRefusal(many, { ...many, processes: rfc.processes.slice(0, 4) })).toBe(
      'P5 is used by steps 1, 2, 3, 4, 5, 6, 7, 8 and 2 more: remove or change those steps first'
    );
  });

  it('has nothing to say about an edit that removes nothing a step names', () => {
    expect(editRefusal(rfc, { ...rfc, processes: [...rfc.processes, { id: 'P6' }] })).toBeNull();
    expect(stepsNaming(rfc.steps, 'proc', 'P5')).toEqual([8, 9]);
  });
});
