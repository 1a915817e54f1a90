/**
 * Queues view model: the current step's effects grouped into the queues they went through
 * (SMMUv3 command and event queues, VT-d invalidation queue and fault records, plus the table
 * writes and CPU PASID-register loads: IA32_PASID on x86, ACCDATA_EL1 on arm64), newest first,
 * each entry resolved to the table rows it touched.
 */
import type { Arch, Effect } from '../../engine/index.ts';
import { pasidRegister } from '../../engine/index.ts';
import { argsText, effectTarget } from '../shared/entryText.ts';

export type QueueKind = 'cmdq' | 'evtq' | 'iq' | 'frcd' | 'writes' | 'cpu';

export const QUEUE_TITLE: Record<QueueKind, string> = {
  cmdq: 'Command queue',
  evtq: 'Event queue',
  iq: 'Invalidation queue',
  frcd: 'Fault records',
  writes: 'Table writes',
  cpu: 'CPU PASID register loads',
};

export interface QueueEntry {
  /** Program order within the step, from 1. */
  seq: number;
  name: string;
  detail: string;
  /** Table rows this entry touched (row keys). */
  targets: string[];
  /** Events and faults are errors; everything else is routine. */
  severity: 'info' | 'error';
}

export interface QueueSection {
  owner: string;
  kind: QueueKind;
  entries: QueueEntry[];
}

/** Finds rows an entry names only indirectly (a DID+PASID, an ASID). */
export interface TargetSearch {
  pasidEntries(iommu: string, pasid: number): string[];
  cdsWithAsid(iommu: string, asid: number): string[];
}

const KIND: Record<Effect['kind'], QueueKind> = {
  cmd: 'cmdq',
  event: 'evtq',
  desc: 'iq',
  fault: 'frcd',
  write: 'writes',
  msr: 'cpu',
};

const ORDER: QueueKind[] = ['cmdq', 'iq', 'evtq', 'frcd', 'writes', 'cpu'];

function targets(e: Effect, search: TargetSearch): string[] {
  const direct = effectTarget(e);
  if (direct !== null) return [direct];
  if (e.kind === 'desc' && typeof e.args.pasid === 'number') return search.pasidEntries(e.iommu, e.args.pasid);
  if (e.kind === 'cmd' && typeof e.args.asid === 'number') return search.cdsWithAsid(e.iommu, e.args.asid);
  return [];
}

/**
 * What a lazy PASID load wrote. x86: IA32_PASID's valid bit, set by the #GP fixup (R59). ACCDATA_EL1
 * has no valid bit and arm64 no #GP: spec §1.2's FEAT_LS64_ACCDATA platform runs x86's fixup, which
 * no mainline arm64 kernel does (research §5.5), so the row says it is a model.
 */
function msrDetail(arch: Arch, register: string, pasid: number): string {
  return arch === 'x86'
    ? `${register} ← ${pasid} | VALID (the #GP fixup)`
    : `${register} ← ${pasid} (modelled on x86's lazy fixup; mainline arm64 has none)`;
}

export function buildQueues(effects: readonly Effect[], search: TargetSearch, arch: Arch): QueueSection[] {
  const register = pasidRegister(arch);
  const sections = new Map<string, QueueSection>();
  effects.forEach((e, i) => {
    const owner = e.kind === 'msr' ? 'cpu' : e.iommu;
    const kind = KIND[e.kind];
    const key = `${owner}|${kind}`;
    let sec = sections.get(key);
    if (!sec) sections.set(key, (sec = { owner, kind, entries: [] }));
    const entry: QueueEntry =
      e.kind === 'write'
        ? {
            seq: i + 1,
            name: e.entry,
            detail: e.update === 'breaking' ? `${argsText(e.fields)} · breaking update` : argsText(e.fields),
            targets: targets(e, search),
            severity: 'info',
          }
        : e.kind === 'msr'
          ? {
              seq: i + 1,
              name: `${e.proc} T${e.thread}`,
              detail: msrDetail(arch, register, e.pasid),
              targets: [],
              severity: 'info',
            }
          : {
              seq: i + 1,
              name: e.name,
              detail: argsText(e.args),
              targets: targets(e, search),
              severity: e.kind === 'event' || e.kind === 'fault' ? 'error' : 'info',
            };
    sec.entries.unshift(entry);
  });
  return [...sections.values()].sort(
    (a, b) => a.owner.localeCompare(b.owner) || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind)
  );
}
