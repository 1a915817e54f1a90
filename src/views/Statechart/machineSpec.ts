/**
 * Walks an xstate v5 machine (machine.root and its StateNodes) into the plain ChartSpec that
 * viz/layoutChart lays out, and turns snapshot values into active state ids.
 */
import type { AnyStateMachine, StateValue } from 'xstate';
import type { ChartSpec, ChartState, ChartStateType, ChartTransition } from '../../viz/statechart.ts';

interface NodeLike {
  id: string;
  key: string;
  type: ChartStateType;
  parent?: NodeLike | undefined;
  states: Record<string, NodeLike>;
  transitions: Map<string, readonly TransitionLike[]>;
  always?: readonly TransitionLike[] | undefined;
  initial?: { target: readonly NodeLike[] } | undefined;
}

interface TransitionLike {
  eventType: string;
  target?: readonly NodeLike[] | undefined;
  guard?: unknown;
}

function guardName(g: unknown): string | null {
  if (g === undefined || g === null) return null;
  if (typeof g === 'string') return g;
  if (typeof g === 'object' && 'type' in g && typeof g.type === 'string') return g.type;
  if (typeof g === 'function') {
    const inner = (g as { guards?: unknown[] }).guards;
    if (Array.isArray(inner)) return `${g.name}(${inner.map((x) => guardName(x) ?? '?').join(', ')})`;
    return g.name || 'guard';
  }
  return 'guard';
}

/** The machine's states and targeted transitions (targetless ones change no state and are left out). */
export function machineSpec(machine: AnyStateMachine): ChartSpec {
  const states: ChartState[] = [];
  const transitions: ChartTransition[] = [];
  const walk = (n: NodeLike): void => {
    const kids = Object.values(n.states);
    states.push({
      id: n.id,
      key: n.key,
      parent: n.parent?.id ?? null,
      type: n.type,
      initial: n.type === 'compound' ? (n.initial?.target[0]?.id ?? null) : null,
    });
    const add = (t: TransitionLike): void => {
      for (const target of t.target ?? []) {
        transitions.push({ source: n.id, target: target.id, event: t.eventType, guard: guardName(t.guard) });
      }
    };
    for (const list of n.transitions.values()) list.forEach(add);
    n.always?.forEach(add);
    kids.forEach(walk);
  };
  walk(machine.root);
  return { states, transitions };
}

/** Ids of the active states for a snapshot value (every level, root included). */
export function activeIds(rootId: string, value: StateValue): string[] {
  const out = [rootId];
  const walk = (prefix: string, v: StateValue): void => {
    if (typeof v === 'string') {
      out.push(`${prefix}.${v}`);
      return;
    }
    for (const [k, sub] of Object.entries(v)) {
      out.push(`${prefix}.${k}`);
      if (sub !== undefined) walk(`${prefix}.${k}`, sub);
    }
  };
  walk(rootId, value);
  return out;
}

/** Leaf states that changed between two values, as (from, to) id pairs per region. */
export function changedLeaves(
  rootId: string,
  prev: StateValue | null,
  next: StateValue
): { from: string; to: string }[] {
  if (prev === null) return [];
  const leaves = (v: StateValue): Map<string, string> => {
    const out = new Map<string, string>();
    const walk = (prefix: string, x: StateValue): void => {
      if (typeof x === 'string') out.set(prefix, `${prefix}.${x}`);
      else for (const [k, sub] of Object.entries(x)) if (sub !== undefined) walk(`${prefix}.${k}`, sub);
    };
    walk(rootId, v);
    return out;
  };
  const a = leaves(prev);
  const b = leaves(next);
  const out: { from: string; to: string }[] = [];
  for (const [region, to] of b) {
    const from = a.get(region);
    if (from !== undefined && from !== to) out.push({ from, to });
  }
  return out;
}
