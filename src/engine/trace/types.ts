/**
 * Trace format (spec §3): what a run produces. Byte-identical in Node and in the worker.
 */
import type { Policy, StepOp } from '../scenario/types.ts';

export const TRACE_FORMAT = 'pasid-sandbox-trace/1';

/** Kernel error names without the minus, plus WARN for refuse-with-warning paths (spec §3). */
export type Errno =
  'ENOSPC' | 'EOVERFLOW' | 'EBUSY' | 'EINVAL' | 'EOPNOTSUPP' | 'ENODEV' | 'EPERM' | 'ENOMEM' | 'ENOENT' | 'WARN';

/** A scalar field value as written into a hardware entry or command. */
export type FieldValue = number | string | boolean | null;

/**
 * One hardware-visible consequence of a step, in program order:
 * - `write`: a memory write to a table entry the hardware reads (STE, CD, L1CD, context, PASID dir/table entry);
 *   `entry` names it ("STE[0x10]", "CD[0x10][3]", "PASIDT[00:02.0][3]"), `fields` holds the new values;
 *   `update: 'breaking'` marks the stores of an SMMUv3 STE/CD update that could not be made hitless
 *   (arm_smmu_write_entry: V=0 first, so the entry is invalid between syncs; absent otherwise).
 * - `cmd`: an SMMUv3 command-queue entry (CFGI_STE, CFGI_CD, TLBI_NH_ASID, ATC_INV, SYNC, …).
 * - `desc`: a VT-d invalidation-queue descriptor (CC, IOTLB, P_IOTLB, PC, DEVTLB, PASID_DEVTLB, WAIT).
 * - `event`: an SMMUv3 event-queue record (C_BAD_CD, F_TRANSLATION, …).
 * - `fault`: a VT-d fault record (reason VTD_0xNN).
 * - `msr`: a CPU-side register load (IA32_PASID / ACCDATA_EL1) by the ENQCMD #GP fixup.
 */
export type Effect =
  | { kind: 'write'; iommu: string; entry: string; fields: Record<string, FieldValue>; update?: 'breaking' }
  | { kind: 'cmd'; iommu: string; name: string; args: Record<string, FieldValue> }
  | { kind: 'desc'; iommu: string; name: string; args: Record<string, FieldValue> }
  | { kind: 'event'; iommu: string; name: string; args: Record<string, FieldValue> }
  | { kind: 'fault'; iommu: string; name: string; args: Record<string, FieldValue> }
  | { kind: 'msr'; proc: string; thread: number; pasid: number };

/** The result of one step (spec §3). Key order is fixed: i, op, ok, pasid, errno, fault, via, message, effects. */
export interface StepResult {
  i: number;
  op: StepOp;
  ok: boolean;
  pasid?: number;
  errno?: Errno;
  fault?: string;
  via?: string;
  message?: string;
  effects?: Effect[];
}

export interface FinalProc {
  /** mm_get_enqcmd_pasid(): null for IOMMU_PASID_INVALID. */
  pasid: number | null;
  alive: boolean;
}

export interface FinalDevice {
  /** PASIDs (≥ 1) attached in the device's group, ascending. */
  pasids: number[];
}

export interface FinalState {
  globalPasids: number[];
  procs: Record<string, FinalProc>;
  devices: Record<string, FinalDevice>;
}

export interface Trace {
  format: typeof TRACE_FORMAT;
  policy: Policy;
  steps: StepResult[];
  final: FinalState;
  hash: string;
}
