/**
 * How the root machine turns a published frame into child events: which devices and groups to
 * re-sync, and which step results concern which (device, process) bond.
 */
import type { Step, StepResult } from '../engine/index.ts';
import type { Frame } from '../client/index.ts';
import type { Topology } from '../protocol/index.ts';

/** A bond outcome to replay into a bond actor. */
export interface BondOutcome {
  dev: string;
  proc: string;
  step: Step;
  result: StepResult;
}

const BOND_OPS = new Set(['bind', 'bind_pasid', 'unbind']);

/**
 * The last bind/unbind outcome per (device, process) among log entries [from, log.length):
 * earlier ones are superseded, so a long replay sends one event per bond, not one per step.
 */
export function bondOutcomes(log: readonly StepResult[], steps: readonly Step[], from: number): BondOutcome[] {
  const last = new Map<string, BondOutcome>();
  for (let i = from; i < log.length; i++) {
    const step = steps[i];
    const result = log[i];
    if (!step || !result || !BOND_OPS.has(step.op) || !('dev' in step) || !('proc' in step)) continue;
    const key = `${step.dev}\u0000${step.proc}`;
    last.delete(key);
    last.set(key, { dev: step.dev, proc: step.proc, step, result });
  }
  return [...last.values()];
}

/**
 * The last bind/unbind outcome of each process on device `dev` over the whole log: what a bond
 * actor of that pair shows when it is spawned after the fact (the device became tracked).
 */
export function deviceBondOutcomes(
  log: readonly StepResult[],
  steps: readonly Step[],
  dev: string
): Map<string, BondOutcome> {
  const last = new Map<string, BondOutcome>();
  for (let i = 0; i < log.length; i++) {
    const step = steps[i];
    const result = log[i];
    if (!step || !result || !BOND_OPS.has(step.op) || !('proc' in step) || !('dev' in step) || step.dev !== dev)
      continue;
    last.set(step.proc, { dev, proc: step.proc, step, result });
  }
  return last;
}

/**
 * What the root's device and group actors depend on: device ids, and group ids with the member
 * each group actor asks about, in order. Equal keys let a full frame keep the actors.
 */
export function topologyKey(topo: Topology | null): string {
  if (!topo) return '';
  const groups = topo.groups.map((g, i) => `${g}=${topo.devices[topo.groupDevices[i]?.[0] ?? -1]?.id ?? ''}`);
  return JSON.stringify([topo.devices.map((d) => d.id), groups]);
}

/** Ids of devices whose RID side or group changed in this frame. */
export function changedDeviceIds(frame: Frame): string[] {
  const devices = frame.model.topology?.devices ?? [];
  return [...frame.changes.devices].map((i) => devices[i]?.id ?? '').filter((id) => id !== '');
}

/** Ids of devices whose bonds changed in this frame. */
export function bondDeviceIds(frame: Frame): string[] {
  const devices = frame.model.topology?.devices ?? [];
  return [...frame.changes.bondDevices].map((i) => devices[i]?.id ?? '').filter((id) => id !== '');
}

/** Ids of groups that changed in this frame. */
export function changedGroupIds(frame: Frame): string[] {
  const groups = frame.model.topology?.groups ?? [];
  return [...frame.changes.groups].map((i) => groups[i] ?? '').filter((id) => id !== '');
}
