/**
 * Public surface of the pure engine. Imports nothing outside src/engine (no DOM, React, xstate, timers).
 */
export * from './scenario/types.ts';
export * from './trace/types.ts';
export type * from './kernel/state.ts';
export { bondDev, bondProc } from './kernel/lookup.ts';
export { pasidRegister } from './kernel/device.ts';
export { kernelHas, platformEnqcmdLike, takesPerDeviceSpace } from './kernel/policyOps.ts';
export { Simulation, runScenario } from './sim/simulation.ts';
export type { SimOptions } from './sim/simulation.ts';
export { replayDigest, traceHash } from './sim/final.ts';
export { parseScenario, parseScenarioJson, ScenarioError, TEXT_LIMITS } from './scenario/parse.ts';
export {
  encodeShare,
  decodeShare,
  repairFragment,
  compareDrift,
  driftToken,
  ALL_POLICIES,
  CODEC_VERSION,
} from './codec/index.ts';
export type { CompareWith, DriftReport, ShareLink } from './codec/index.ts';
export { Timeline, checkpointInterval } from './sim/timeline.ts';
export type { TimelineOptions } from './sim/timeline.ts';
export { traceTextTable, stepArgs, resultText } from './trace/textTable.ts';
export type { TextTableOptions } from './trace/textTable.ts';
