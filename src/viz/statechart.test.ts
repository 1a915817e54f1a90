import { describe, expect, it } from 'vitest';
import { CHART, eventLabel, layoutChart } from './statechart.ts';
import type { ChartSpec } from './statechart.ts';

const bond: ChartSpec = {
  states: [
    { id: 'bond', key: 'bond', parent: null, type: 'compound', initial: 'bond.unbound' },
    { id: 'bond.unbound', key: 'unbound', parent: 'bond', type: 'atomic', initial: null },
    { id: 'bond.binding', key: 'binding', parent: 'bond', type: 'atomic', initial: null },
    { id: 'bond.bound', key: 'bound', parent: 'bond', type: 'atomic', initial: null },
  ],
  transitions: [
    { source: 'bond.unbound', target: 'bond.binding', event: 'bond.bind', guard: 'canBind' },
    { source: 'bond.binding', target: 'bond.bound', event: 'xstate.done.actor.0.bond.binding', guard: null },
    { source: 'bond.bound', target: 'bond.unbound', event: 'bond.sync', guard: null },
    { source: 'bond.bound', target: 'bond.unbound', event: 'bond.unbind', guard: null },
    { source: 'bond', target: 'bond.bound', event: 'bond.result', guard: null },
  ],
};

describe('layoutChart', () => {
  it('lays out siblings in layers from the initial state', () => {
    const l = layoutChart(bond);
    const at = (id: string) => l.nodes.find((n) => n.id === id)!;
    expect(at('bond.unbound').x).toBe(CHART.pad);
    expect(at('bond.binding').x).toBeGreaterThan(at('bond.unbound').x + at('bond.unbound').w);
    expect(at('bond.bound').x).toBeGreaterThan(at('bond.binding').x + at('bond.binding').w);
    expect(at('bond').w).toBeGreaterThanOrEqual(at('bond.bound').x + at('bond.bound').w - at('bond').x);
    expect(l.height).toBe(at('bond').h);
  });

  it('merges parallel transitions and routes back edges below', () => {
    const l = layoutChart(bond);
    const back = l.edges.find((e) => e.id === 'bond.bound→bond.unbound')!;
    expect(back.label).toBe('bond.sync / bond.unbind');
    const unbound = l.nodes.find((n) => n.id === 'bond.unbound')!;
    expect(back.ly).toBeGreaterThan(unbound.y + unbound.h);
    expect(l.edges.find((e) => e.id === 'bond.binding→bond.bound')!.label).toBe('done');
  });

  it('lists transitions from a compound state to its descendants as wide transitions', () => {
    expect(layoutChart(bond).wide).toEqual([{ region: 'bond', target: 'bond.bound', label: 'bond.result' }]);
  });

  it('stacks parallel regions', () => {
    const l = layoutChart({
      states: [
        { id: 'd', key: 'd', parent: null, type: 'parallel', initial: null },
        { id: 'd.a', key: 'a', parent: 'd', type: 'compound', initial: 'd.a.x' },
        { id: 'd.a.x', key: 'x', parent: 'd.a', type: 'atomic', initial: null },
        { id: 'd.b', key: 'b', parent: 'd', type: 'compound', initial: 'd.b.y' },
        { id: 'd.b.y', key: 'y', parent: 'd.b', type: 'atomic', initial: null },
      ],
      transitions: [],
    });
    const a = l.nodes.find((n) => n.id === 'd.a')!;
    const b = l.nodes.find((n) => n.id === 'd.b')!;
    expect(b.y).toBe(a.y + a.h + CHART.rowGap);
    expect(a.x).toBe(b.x);
  });

  it('shortens xstate event names', () => {
    expect(eventLabel('')).toBe('always');
    expect(eventLabel('xstate.error.actor.0.x')).toBe('error');
    expect(eventLabel('bond.bind')).toBe('bond.bind');
  });
});
