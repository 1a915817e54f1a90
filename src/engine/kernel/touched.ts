/**
 * Records mutations into Ctx.touched (see Touched in state.ts) for consumers that re-read only
 * what changed. Without a record (the CLI, tests, the bench) each call is one null check.
 */
import type { Ctx, Touched } from './state.ts';

/** An empty record. */
export function newTouched(): Touched {
  return {
    procs: new Set(),
    groups: new Set(),
    bonds: new Set(),
    domains: new Set(),
    globals: false,
    pasids: new Set(),
    handles: new Set(),
    domainUsers: new Set(),
  };
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

/** The global IDA or kernelPasids changed at `pasid` (allocated or freed). */
export function touchGlobals(c: Ctx, pasid: number): void {
  if (c.touched) {
    c.touched.globals = true;
    c.touched.pasids.add(pasid);
  }
}

/** SVA handle `id` was made, deleted, or its `users` changed. */
export function touchHandle(c: Ctx, id: number): void {
  if (c.touched) c.touched.handles.add(id);
}

/** SVA domain `id`'s `users` changed. */
export function touchDomainUsers(c: Ctx, id: string): void {
  if (c.touched) c.touched.domainUsers.add(id);
}
