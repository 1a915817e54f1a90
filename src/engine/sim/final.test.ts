/**
 * `final` and the trace hash (spec §3) for ids that are also Object.prototype names: spec §1
 * allows any 1–32 characters of [A-Za-z0-9_.-], so "__proto__" is a valid process or device id.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioJson } from '../scenario/parse.ts';
import { sha256Hex } from '../trace/sha256.ts';
import type { Trace } from '../trace/types.ts';
import { replayDigest } from './final.ts';
import { runScenario } from './simulation.ts';

// Written as JSON text: an object literal with a "__proto__" key would set a prototype instead.
const SCENARIO = `{
  "format": "pasid-sandbox/1",
  "iommus": [{ "id": "smmu0", "type": "smmuv3" }],
  "devices": [
    { "id": "__proto__", "iommu": "smmu0", "pasidBits": 4 },
    { "id": "constructor", "iommu": "smmu0", "pasidBits": 4 }
  ],
  "processes": [{ "id": "__proto__" }, { "id": "toString" }],
  "steps": [
    { "op": "bind", "dev": "__proto__", "proc": "__proto__" },
    { "op": "bind", "dev": "constructor", "proc": "toString" }
  ]
}`;

describe('final (spec §3) with prototype-named ids (spec §1)', () => {
  it('lists a process and a device named "__proto__" like any other', () => {
    const trace = runScenario(parseScenarioJson(SCENARIO));
    const { final } = JSON.parse(JSON.stringify(trace)) as Trace;
    expect(Object.keys(final.procs)).toEqual(['__proto__', 'toString']);
    expect(Object.getOwnPropertyDescriptor(final.procs, '__proto__')?.value).toEqual({ pasid: 1, alive: true });
    expect(Object.keys(final.devices)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(final.devices, '__proto__')?.value).toEqual({ pasids: [1] });
    expect(Object.getPrototypeOf(trace.final.procs)).toBe(Object.prototype);
  });
});

describe('trace hash (spec §3: "hex digest of the final state")', () => {
  const run = (steps: string, policy?: 'global' | 'per-device-cap') =>
    runScenario(
      parseScenarioJson(`{
        "format": "pasid-sandbox/1",
        "iommus": [{ "id": "smmu0", "type": "smmuv3" }],
        "devices": [{ "id": "acc0", "iommu": "smmu0", "pasidBits": 4 }],
        "processes": [{ "id": "P1" }],
        "steps": [${steps}]
      }`),
      policy === undefined ? {} : { policy }
    );
  const BIND = '{ "op": "bind", "dev": "acc0", "proc": "P1" }';
  const UNBIND = '{ "op": "unbind", "dev": "acc0", "proc": "P1" }';
  const DMA = '{ "op": "dma", "dev": "acc0", "pasid": 2 }';

  it('is the SHA-256 of the final block as JSON.stringify writes it, whatever the steps', () => {
    const trace = run(BIND);
    expect(trace.hash).toBe(sha256Hex(JSON.stringify(trace.final)));
    expect(trace.hash).toMatch(/^[0-9a-f]{64}$/);
    // The PASID stays with the mm after unbind (R13): bind, unbind, bind ends where bind does.
    const longer = run(`${BIND}, ${UNBIND}, ${BIND}, ${DMA}`);
    expect(longer.final).toStrictEqual(trace.final);
    expect(longer.hash).toBe(trace.hash);
  });

  it('differs when the final state does', () => {
    expect(run(`${BIND}, ${UNBIND}`).hash).not.toBe(run(BIND).hash);
  });

  it('leaves the per-step comparison to the replay digest share links carry', () => {
    const a = run(BIND);
    const b = run(`${BIND}, ${UNBIND}, ${BIND}, ${DMA}`);
    expect(replayDigest(a.policy, a.steps, a.final)).not.toBe(replayDigest(b.policy, b.steps, b.final));
    // Same steps, one result changed: the digest sees it, the hash (same final) cannot.
    const changed = b.steps.map((r) => (r.op === 'dma' ? { ...r, fault: 'C_BAD_STE' } : r));
    expect(replayDigest(b.policy, changed, b.final)).not.toBe(replayDigest(b.policy, b.steps, b.final));
    expect(replayDigest(b.policy, b.steps, b.final)).toBe(
      replayDigest(
        b.policy,
        b.steps.map((r) => ({ ...r })),
        b.final
      )
    );
  });
});
