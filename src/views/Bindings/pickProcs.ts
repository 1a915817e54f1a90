/**
 * Which processes the bindings graph draws, by a full pass over every candidate: the selected
 * one, then those the step changed, then bound ones, then the rest (each group in process
 * order); the first MAX_PROCS of that ranking, back in process order. The reference for the
 * incremental ProcIndex.
 */
import type { BindingsInput, ProcIn } from './bindingsModel.ts';
import { MAX_PROCS } from './limits.ts';

export function pickProcs(input: BindingsInput): { shown: ProcIn[]; relevant: number } {
  const boundBy = new Set<string>();
  for (const h of input.handles) boundBy.add(h.proc);
  const changedProcs = new Set<string>();
  for (const h of input.handles) if (input.changed.has(`${h.dev}|${h.pasid}`)) changedProcs.add(h.proc);
  for (const p of input.procs) if (input.changed.has(`proc:${p.id}`)) changedProcs.add(p.id);
  const rank = (p: ProcIn): number =>
    p.id === input.selectedProc ? 0 : changedProcs.has(p.id) ? 1 : boundBy.has(p.id) ? 2 : 3;
  const relevant = input.procs
    .map((p, i) => ({ p, i }))
    .filter(
      ({ p }) => p.mmPasid !== null || boundBy.has(p.id) || p.id === input.selectedProc || p.msr.some((m) => m !== null)
    )
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i);
  const shown = relevant
    .slice(0, MAX_PROCS)
    .sort((a, b) => a.i - b.i)
    .map(({ p }) => p);
  return { shown, relevant: relevant.length };
}
