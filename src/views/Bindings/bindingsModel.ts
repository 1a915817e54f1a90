/**
 * Bindings view model: processes ↔ PASIDs ↔ devices. Processes link to their mm's PASID and
 * to the PASIDs they are bound at; PASIDs link to the devices whose group holds them, labelled
 * with the SVA domain, its user count and the handle's bind count. A PASID value claimed by
 * more than one mm is a conflict; a thread MSR naming a PASID its mm is not bound at is stale.
 */

import { assembleBindings, deviceLookup } from './assemble.ts';
import { pickProcs } from './pickProcs.ts';

export interface ProcIn {
  id: string;
  alive: boolean;
  mmLive: boolean;
  /** mm_get_enqcmd_pasid() (null = invalid). */
  pasid: number | null;
  /** mm->iommu_mm->pasid. */
  mmPasid: number | null;
  msr: readonly (number | null)[];
}

export interface DeviceIn {
  id: string;
  groupId: string;
  maxPasids: number;
  iommu: string;
}

export interface HandleIn {
  dev: string;
  proc: string;
  pasid: number;
  domain: string;
  users: number;
  domainUsers: number;
  /** ASID (SMMUv3) or DID (VT-d). */
  tag: number;
  group: string;
}

export interface BareIn {
  group: string;
  pasid: number;
  domain: string;
}

export interface BindingsInput {
  procs: readonly ProcIn[];
  devices: readonly DeviceIn[];
  handles: readonly HandleIn[];
  /** attach_pasid entries without an SVA handle (kernel / driver domains). */
  bare: readonly BareIn[];
  iommuType: ReadonlyMap<string, 'smmuv3' | 'vtd'>;
  selectedProc: string | null;
  selectedDevice: string | null;
  /** Handles (`dev|pasid`) and processes the step changed. */
  changed: ReadonlySet<string>;
}

export type NodeKind = 'proc' | 'kernel' | 'pasid' | 'device';

export interface BNode {
  id: string;
  kind: NodeKind;
  column: 0 | 1 | 2;
  title: string;
  lines: string[];
  /** Thread MSR chips (processes): text and whether stale. */
  chips: { text: string; stale: boolean; valid: boolean }[];
  badges: string[];
  selected: boolean;
  changed: boolean;
  proc: string | null;
  device: string | null;
}

export interface BEdge {
  from: string;
  to: string;
  kind: 'mm' | 'bind' | 'attach' | 'bare';
  label: string;
  dashed: boolean;
  changed: boolean;
  shared: boolean;
}

export interface BindingsModel {
  nodes: BNode[];
  edges: BEdge[];
  hiddenProcs: number;
  hiddenDevices: number;
  conflicts: number[];
}

export { MAX_DEVICES, MAX_PROCS } from './limits.ts';

/**
 * The full rebuild: ranks every candidate process, then assembles the graph. The live view uses
 * the incremental ProcIndex instead (same result, see procIndex.test.ts); this stays the
 * reference and serves tests.
 */
export function buildBindings(input: BindingsInput): BindingsModel {
  const { shown, relevant } = pickProcs(input);
  const shownIds = new Set(shown.map((p) => p.id));
  return assembleBindings({
    shown,
    hiddenProcs: relevant - shown.length,
    handles: input.handles.filter((h) => shownIds.has(h.proc)),
    bare: input.bare,
    devices: deviceLookup(input.devices),
    iommuType: input.iommuType,
    selectedProc: input.selectedProc,
    selectedDevice: input.selectedDevice,
    changed: input.changed,
  });
}
