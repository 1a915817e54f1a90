import { describe, expect, it } from 'vitest';
import { bondMachine } from '../../machines/bondMachine.ts';
import { deviceMachine } from '../../machines/deviceMachine.ts';
import { layoutChart } from '../../viz/statechart.ts';
import { activeIds, changedLeaves, machineSpec } from './machineSpec.ts';

describe('machineSpec', () => {
  it('walks the bond machine', () => {
    const spec = machineSpec(bondMachine);
    expect(spec.states.map((s) => s.id)).toEqual([
      'bond',
      'bond.init',
      'bond.unbound',
      'bond.binding',
      'bond.bound',
      'bond.unbinding',
      'bond.failed',
    ]);
    expect(spec.states[0]!.initial).toBe('bond.init');
    const t = spec.transitions.filter((x) => x.source === 'bond.unbound').map((x) => `${x.event}>${x.target}`);
    expect(t).toEqual(['bond.bind>bond.binding', 'bond.sync>bond.bound']);
    expect(spec.transitions.some((x) => x.source === 'bond.init' && x.event === '' && x.target === 'bond.bound')).toBe(
      true
    );
    expect(spec.transitions.find((x) => x.source === 'bond.unbound')?.guard).toBe('canBind');
  });

  it('walks the parallel device machine and lays it out', () => {
    const spec = machineSpec(deviceMachine);
    expect(spec.states.find((s) => s.id === 'device')?.type).toBe('parallel');
    expect(spec.states.filter((s) => s.parent === 'device.rid').map((s) => s.key)).toEqual([
      'sync',
      'default',
      'identity',
      'blocked',
      'userDomain',
      'userOwned',
      'resetting',
    ]);
    const l = layoutChart(spec);
    expect(l.nodes.find((n) => n.id === 'device.op.running')).toBeDefined();
    expect(l.wide.some((w) => w.region === 'device.rid' && w.target === 'device.rid.sync')).toBe(true);
  });

  it('turns snapshot values into active ids and changed leaves', () => {
    expect(activeIds('device', { rid: 'default', op: 'idle' })).toEqual([
      'device',
      'device.rid',
      'device.rid.default',
      'device.op',
      'device.op.idle',
    ]);
    expect(activeIds('bond', 'bound')).toEqual(['bond', 'bond.bound']);
    expect(changedLeaves('bond', 'binding', 'bound')).toEqual([{ from: 'bond.binding', to: 'bond.bound' }]);
    expect(changedLeaves('device', { rid: 'default', op: 'idle' }, { rid: 'default', op: 'running' })).toEqual([
      { from: 'device.op.idle', to: 'device.op.running' },
    ]);
    expect(changedLeaves('bond', null, 'bound')).toEqual([]);
  });
});
