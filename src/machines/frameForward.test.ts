import { describe, expect, it } from 'vitest';
import type { Step, StepResult } from '../engine/index.ts';
import type { Topology } from '../protocol/index.ts';
import { bondOutcomes, deviceBondOutcomes, topologyKey } from './frameForward.ts';

const steps: Step[] = [
  { op: 'bind', dev: 'nic0', proc: 'P1' },
  { op: 'dma', dev: 'nic0', pasid: 1 },
  { op: 'bind', dev: 'gpu0', proc: 'P1' },
  { op: 'bind', dev: 'nic0', proc: 'P2' },
  { op: 'unbind', dev: 'nic0', proc: 'P1' },
];
const log: StepResult[] = steps.map((s, i) => ({ i, op: s.op, ok: i !== 3, ...(i === 3 ? { errno: 'ENOSPC' } : {}) }));

describe('bondOutcomes', () => {
  it('bondOutcomes(log, steps, from) keeps the last outcome per pair after `from`', () => {
    expect(bondOutcomes(log, steps, 1).map((o) => `${o.dev}:${o.proc}:${o.step.op}`)).toEqual([
      'gpu0:P1:bind',
      'nic0:P2:bind',
      'nic0:P1:unbind',
    ]);
  });

  it("deviceBondOutcomes(log, steps, dev) reads the whole log for one device's processes", () => {
    const out = deviceBondOutcomes(log, steps, 'nic0');
    expect([...out.keys()]).toEqual(['P1', 'P2']);
    expect(out.get('P1')?.step.op).toBe('unbind');
    expect(out.get('P2')?.result.errno).toBe('ENOSPC');
  });
});

describe('topologyKey', () => {
  const dev = (id: string) => ({ id }) as Topology['devices'][number];
  const topo = (devices: string[], groups: string[], groupDevices: number[][]): Topology =>
    ({ devices: devices.map(dev), groups, groupDevices }) as unknown as Topology;

  it('is equal for the same ids in the same order, whatever else changed', () => {
    expect(topologyKey(topo(['a', 'b'], ['g'], [[0, 1]]))).toBe(topologyKey(topo(['a', 'b'], ['g'], [[0, 1]])));
  });

  it('differs when ids, their order or a group’s first member differ', () => {
    const key = topologyKey(topo(['a', 'b'], ['g'], [[0, 1]]));
    expect(topologyKey(topo(['b', 'a'], ['g'], [[0, 1]]))).not.toBe(key);
    expect(topologyKey(topo(['a', 'b'], ['h'], [[0, 1]]))).not.toBe(key);
    expect(topologyKey(topo(['a', 'b'], ['g'], [[1, 0]]))).not.toBe(key);
    expect(topologyKey(null)).toBe('');
  });
});
