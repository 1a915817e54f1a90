/** Builds a booted kernel on fake drivers and runs steps: the core's rules without any hardware. */
import type { Policy, Scenario, Step } from '../scenario/types.ts';
import { applyStep } from './applyStep.ts';
import { fakeDriver } from './fakeDriver.ts';
import type { FakeDriver } from './fakeDriver.ts';
import type { Outcome } from './outcome.ts';
import type { Ctx } from './state.ts';
import { bootState } from './topology.ts';

export interface Harness {
  c: Ctx;
  drv: FakeDriver;
  run(step: Step): Outcome;
}

/** Defaults: one SMMUv3 (20 bits), devices "big" (20 bits) and "small" (2 bits), processes P1–P5. */
export function harness(over: Partial<Scenario> = {}, policy: Policy = 'global'): Harness {
  const scenario: Scenario = {
    format: 'pasid-sandbox/1',
    iommus: [{ id: 'smmu0', type: 'smmuv3' }],
    devices: [
      { id: 'big', iommu: 'smmu0', pasidBits: 20 },
      { id: 'small', iommu: 'smmu0', bus: 'platform', pasidBits: 2 },
    ],
    processes: ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => ({ id })),
    steps: [],
    ...over,
  };
  const drv = fakeDriver();
  const c: Ctx = {
    s: bootState(scenario, policy, { smmuv3: drv, vtd: drv }),
    fx: null,
    drv: { smmuv3: drv, vtd: drv },
  };
  drv.calls.length = 0;
  return { c, drv, run: (step) => applyStep(c, step) };
}

/** The short form tests compare: "ok", "ok 3", "ENOSPC", "fault #GP". */
export function brief(o: Outcome): string {
  if (o.ok) return o.pasid === undefined ? 'ok' : `ok ${o.pasid}`;
  return o.errno ?? `fault ${o.fault ?? '?'}`;
}
