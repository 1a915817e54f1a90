/**
 * What machines read from the mirrored kernel state: the subset of the client's SimModel the
 * guards need. Tests pass a plain object with these members.
 */
import type { Arch, Policy, Step, StepResult } from '../engine/index.ts';
import type { Bond, DeviceView, GroupView, ProcView } from '../client/index.ts';
import type { DomainInfo } from '../protocol/index.ts';

export type { Bond, DeviceView, DomainInfo, GroupView, ProcView };

export interface ModelView {
  readonly policy: Policy;
  /** The loaded topology's platform (null before a load): LAM only refuses a bind on x86. */
  readonly topology: { readonly arch: Arch } | null;
  readonly cursor: number;
  readonly length: number;
  readonly globalPasids: ArrayLike<number> & { includes(n: number): boolean };
  readonly domains: readonly DomainInfo[];
  /** The live domain named `id` (a map lookup: there can be thousands of SVA domains). */
  domain(id: string): DomainInfo | undefined;
  /** Results of the applied steps and the steps themselves (parallel arrays). */
  readonly log: readonly StepResult[];
  readonly logSteps: readonly Step[];
  device(id: string): DeviceView | undefined;
  groupOf(devId: string): GroupView | undefined;
  groupAt(index: number): GroupView | undefined;
  proc(id: string): ProcView | undefined;
  bond(devId: string, procId: string): Bond | undefined;
  bondsOf(devId: string): [string, Bond][];
}
