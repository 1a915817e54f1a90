/**
 * `final` and the trace hash (spec §3) for ids that are also Object.prototype names: spec §1
 * allows any 1–32 characters of [A-Za-z0-9_.-], so "__proto__" is a valid process or device id.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioJson } from '../scenario/parse.ts';
import type { Trace } from '../trace/types.ts';
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
