/**
 * Records mutations into Ctx.touched (see Touched in state.ts) for consumers that re-read only
 * what changed. Without a record (the CLI, tests, the bench) each call is one null check.
 */
import type { Ctx, Touched } from './state.ts';

/** An empty record. */
export function newTouched(): Touched {
  return { procs: new Set(), groups: new Set(), bonds: new Set(), domains: new Set(), globals: false };
}

export function touchProc(c: Ctx, id: string): void {
  if (c.touched) c.touched.procs.add(id);
}

export function touchGroup(c: Ctx, id: string): void {
  if (c.touched) c.touched.groups.add(id);
}

/** `key`: a SimState.bonds key (lookup.ts bondKey). */
export function touchBond(c: Ctx, key: number): void {
  if (c.touched) c.touched.bonds.add(key);
}

export function touchDomain(c: Ctx, id: string): void {
  if (c.touched) c.touched.domains.add(id);
}

/** The global IDA or kernelPasids changed. */
export function touchGlobals(c: Ctx): void {
  if (c.touched) c.touched.globals = true;
}
