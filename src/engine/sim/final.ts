/** The spec §3 `final` block, the trace hash and the replay digest, all derived from state (never stored). */
import { idaToArray } from '../alloc/ida.ts';
import { enqcmdPasid } from '../kernel/mm.ts';
import { IOMMU_PASID_INVALID } from '../kernel/state.ts';
import type { SimState } from '../kernel/state.ts';
import type { Policy } from '../scenario/types.ts';
import { sha256Hex } from '../trace/sha256.ts';
import type { FinalState, StepResult } from '../trace/types.ts';

/**
 * Sets `obj[key]` as an own property. Ids may be any of [A-Za-z0-9_.-] (spec §1), "__proto__"
 * included, and a plain `obj[id] = v` with that id would replace the prototype instead of adding
 * an entry: the process or device would silently vanish from `final` and from the hash.
 */
function put<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function finalState(s: SimState): FinalState {
  const procs: FinalState['procs'] = {};
  for (const p of s.procs.values()) {
    const pasid = enqcmdPasid(p);
    put(procs, p.id, { pasid: pasid === IOMMU_PASID_INVALID ? null : pasid, alive: p.alive });
  }
  const devices: FinalState['devices'] = {};
  for (const d of s.devices.values()) {
    const g = s.groups.get(d.group);
    const pasids = g ? [...g.pasidArray.keys()].filter((p) => p >= 1).sort((a, b) => a - b) : [];
    put(devices, d.id, { pasids });
  }
  return { globalPasids: idaToArray(s.globalIda), procs, devices };
}

/**
 * The trace's `hash` (spec §3: "hex digest of the final state"): SHA-256 of the `final` block's
 * compact JSON text, exactly as `JSON.stringify(trace.final)` writes it. Two runs that end in the
 * same state have the same hash, whatever steps and policy led there.
 */
export function traceHash(final: FinalState): string {
  return sha256Hex(JSON.stringify(final));
}

/**
 * The replay digest share links carry (codec/drift.ts): SHA-256 over the policy, every step's
 * result without its effects, and the final state — so two runs agree on it exactly when they agree
 * on every kernel answer. Stronger than the trace hash, which only sees where a run ends.
 */
export function replayDigest(policy: Policy, steps: readonly StepResult[], final: FinalState): string {
  const results = steps.map(({ effects: _effects, ...rest }) => rest);
  return sha256Hex(JSON.stringify({ policy, steps: results, final }));
}
