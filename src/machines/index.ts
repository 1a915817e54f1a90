/**
 * xstate v5 actors for the sandbox: the root (sandboxMachine) and the per-device, per-group and
 * per-bond lifecycles it spawns, plus the guards that mirror the kernel's early checks.
 */
export * from './bondMachine.ts';
export * from './deviceMachine.ts';
export * from './groupMachine.ts';
export * from './guards.ts';
export * from './idRecord.ts';
export type * from './modelView.ts';
export * from './port.ts';
export * from './sandboxMachine.ts';
