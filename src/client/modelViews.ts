/**
 * What SimModel hands out (model.ts): per-entity views of the mirrored state, and the change set
 * a merged frame reports to the stores and live views.
 */
import type { DeviceInfo, ProcInfo, RidState } from '../protocol/index.ts';

/** One entry of a group's pasid_array. */
export interface PasidEntry {
  pasid: number;
  /** True for an SVA bind (handle entry), false for a bare attach_pasid domain. */
  sva: boolean;
  domain: string;
}

/** A (device, process) bond: outstanding binds of the device to the process's mm. */
export interface Bond {
  pasid: number;
  users: number;
}

/** What changed between two published frames. */
export interface ChangeSet {
  /** A new epoch: everything changed (load, backwards seek, worker restart). */
  full: boolean;
  devices: Set<number>;
  groups: Set<number>;
  procs: Set<number>;
  /** Devices whose bonds changed. */
  bondDevices: Set<number>;
  log: boolean;
  globals: boolean;
  domains: boolean;
}

/** An empty change set. */
export function emptyChanges(): ChangeSet {
  return {
    full: false,
    devices: new Set(),
    groups: new Set(),
    procs: new Set(),
    bondDevices: new Set(),
    log: false,
    globals: false,
    domains: false,
  };
}

/** A device with its current RID state. */
export interface DeviceView extends DeviceInfo {
  index: number;
  rid: RidState;
  ridDomain: string;
  groupId: string;
}

/** A group with its ownership, reset and PASID state. */
export interface GroupView {
  index: number;
  id: string;
  devices: string[];
  owner: string | null;
  ownerCnt: number;
  resetting: number;
  pasids: readonly PasidEntry[];
}

/** A process with its mm's PASID state. */
export interface ProcView extends ProcInfo {
  index: number;
  alive: boolean;
  mmLive: boolean;
  lam: boolean;
  /** mm_get_enqcmd_pasid(), null for IOMMU_PASID_INVALID. */
  pasid: number | null;
  /** mm->iommu_mm->pasid, null without iommu_mm. */
  mmPasid: number | null;
  /** Per-thread PASID MSR, null = invalid. */
  msr: (number | null)[];
}
