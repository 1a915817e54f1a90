/**
 * Frame layout: what the worker tells the UI about the kernel after a request.
 *
 * A frame is a *delta*: every section is optional and lists only the rows that changed since the
 * previous frame of the same epoch. A `full` frame (after `sim.load`) starts a new epoch and
 * carries every row. Bulk columns are typed arrays so the worker can post them with a transfer
 * list; small, rarely changing data (names, domains) stays as plain arrays.
 *
 * Adding a section later (tables for the SMMUv3 / VT-d views, queues): add an optional field,
 * list its typed arrays in `frameTransferables`, and teach the client's model to merge it. Old
 * clients ignore sections they do not know. See CONTEXT.md.
 */
import type { Policy, Step, StepResult } from '../engine/index.ts';
import { viewTransferables } from './views.ts';
import type { ViewSections } from './views.ts';

/** RID-side state of a device, one byte per device in frames. */
export const RID = {
  default: 0,
  identity: 1,
  blocked: 2,
  userDomain: 3,
  userOwned: 4,
  resetting: 5,
} as const;

/** The RID-side state names, indexed by their byte code. */
export const RID_NAMES = ['default', 'identity', 'blocked', 'userDomain', 'userOwned', 'resetting'] as const;

/** A device's RID-side state: which domain the requester ID (PASID 0) translates through. */
export type RidState = (typeof RID_NAMES)[number];

/** Process flag bits in `ProcColumns.flags`. */
export const PROC_FLAG = {
  /** mm_users > 0: the process has not exited. */
  alive: 1,
  /** The mm still exists (alive, or pinned by SVA domains after exit). */
  mmLive: 2,
  /** x86 LAM: bind fails with EBUSY (R10). */
  lam: 4,
} as const;

/** Threads per process the frame reserves MSR slots for (spec limit). */
export const MSR_STRIDE = 8;

/** A PASID value meaning "none" in Int32 columns (IOMMU_PASID_INVALID). */
export const NO_PASID = -1;

/** Static facts about a device, sent once per epoch. */
export interface DeviceInfo {
  id: string;
  iommu: string;
  /** Index into `Topology.groups`. */
  group: number;
  bus: 'pci' | 'platform';
  /** dev->iommu->max_pasids (min of device and IOMMU, R2). 0 = no PASID support. */
  maxPasids: number;
  enqcmd: boolean;
  ats: boolean;
  pri: boolean;
  sid: number;
  bdf: string;
}

/** Static facts about a process (forks add more later through `newProcs`). */
export interface ProcInfo {
  id: string;
  threads: number;
}

/** An IOMMU instance. */
export interface IommuInfo {
  id: string;
  type: 'smmuv3' | 'vtd';
  maxPasids: number;
}

/** A domain visible to the user (allocated by `domain_alloc`, or a default domain). */
export interface DomainInfo {
  id: string;
  type: 'paging' | 'identity' | 'blocked' | 'sva';
  iommu: string;
  pasidCompat: boolean;
  /** SVA domains: the process whose mm it shares. */
  mm: string | null;
  /** Default domains: the group id. */
  defaultOf: string | null;
}

/** Names and static facts; index i of each list is row i of the matching columns. */
export interface Topology {
  iommus: IommuInfo[];
  devices: DeviceInfo[];
  /** Group ids; `groupDevices[g]` lists device indices of group g in probe order. */
  groups: string[];
  groupDevices: number[][];
  procs: ProcInfo[];
  arch: 'x86' | 'arm64';
  enqcmdLike: boolean;
}

/** Changed devices: RID state (see `RID`) and the RID domain id. */
export interface DeviceColumns {
  index: Uint32Array;
  rid: Uint8Array;
  ridDomain: string[];
}

/**
 * Changed groups. `pasids` is CSR-encoded: group `index[k]` has
 * `pasids[offsets[k] .. offsets[k+1])`, ascending, with `pasidSva[j]` = 1 for an SVA handle
 * entry and 0 for a bare domain (attach_pasid), and `pasidDomain[j]` its domain id.
 */
export interface GroupColumns {
  index: Uint32Array;
  /** DMA owner name, or null for the kernel DMA API. */
  owner: (string | null)[];
  ownerCnt: Uint32Array;
  /** Members inside reset_prepare .. reset_done (recovery_cnt). */
  resetting: Uint32Array;
  offsets: Uint32Array;
  pasids: Uint32Array;
  pasidSva: Uint8Array;
  pasidDomain: string[];
}

/** Changed processes. `msr` has `MSR_STRIDE` slots per row (NO_PASID = invalid). */
export interface ProcColumns {
  index: Uint32Array;
  /** `PROC_FLAG` bits. */
  flags: Uint8Array;
  /** mm_get_enqcmd_pasid(): what ENQCMD would carry, NO_PASID for IOMMU_PASID_INVALID. */
  pasid: Int32Array;
  /** mm->iommu_mm->pasid (may differ from `pasid` under driver-managed), NO_PASID without iommu_mm. */
  mmPasid: Int32Array;
  msr: Int32Array;
}

/** Changed (device, process) bonds: outstanding binds. `pasid` NO_PASID = the bond is gone. */
export interface BondColumns {
  dev: Uint32Array;
  proc: Uint32Array;
  pasid: Int32Array;
  /** Number of outstanding binds of this (device, mm) (handle users). */
  users: Uint32Array;
}

/**
 * One frame (delta). Ordering: frames of one epoch apply in `seq` order; a frame of an older
 * epoch is stale and dropped.
 */
export interface FrameDelta {
  epoch: number;
  seq: number;
  /** Replaces everything (first frame of an epoch). */
  full: boolean;
  /** Steps applied so far. */
  cursor: number;
  /** Steps in the worker's scenario (applied + pending). */
  length: number;
  policy: Policy;
  /** Present on full frames. */
  topology?: Topology;
  /** Processes created since the last frame (fork), appended to `topology.procs`. */
  newProcs?: ProcInfo[];
  /**
   * Step log: truncate to `from` entries, then append `results` (and the steps they ran, same order).
   * On a full frame `from` > 0 too means the client's first `from` entries are still right (a
   * backward seek: the results of earlier steps never change); a load or restart sends from 0.
   */
  log?: { from: number; results: StepResult[]; steps: Step[] };
  devices?: DeviceColumns;
  groups?: GroupColumns;
  procs?: ProcColumns;
  bonds?: BondColumns;
  /** The global IDA's allocated PASIDs, ascending (whole list when it changed). */
  globalPasids?: Uint32Array;
  /** Domains added or changed since the last frame (every domain on a full frame). */
  domains?: DomainInfo[];
  /** Ids of domains freed since the last frame. */
  removedDomains?: string[];
  /** Sections for the live views (hardware tables, PASID holders, queue counters): views.ts. */
  views?: ViewSections;
}

/** The ArrayBuffers of a frame, to pass as the postMessage transfer list. */
export function frameTransferables(frame: FrameDelta): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (a: ArrayBufferView): void => {
    if (a.buffer instanceof ArrayBuffer && a.byteLength > 0 && !out.includes(a.buffer)) out.push(a.buffer);
  };
  const d = frame.devices;
  if (d) [d.index, d.rid].forEach(add);
  const g = frame.groups;
  if (g) [g.index, g.ownerCnt, g.resetting, g.offsets, g.pasids, g.pasidSva].forEach(add);
  const p = frame.procs;
  if (p) [p.index, p.flags, p.pasid, p.mmPasid, p.msr].forEach(add);
  const b = frame.bonds;
  if (b) [b.dev, b.proc, b.pasid, b.users].forEach(add);
  if (frame.globalPasids) add(frame.globalPasids);
  if (frame.views) for (const b of viewTransferables(frame.views)) if (!out.includes(b)) out.push(b);
  return out;
}
