/**
 * One (device, process) SVA bond: unbound → binding → bound → unbinding, or failed with the errno.
 * Spawned by deviceMachine when the pair is used, or seen on a tracked device. Kernel truth arrives as
 * `bond.sync` (the model changed) and `bond.result` (a scenario step touched this pair).
 */
import { and, assign, not, setup } from 'xstate';
import type { Errno, Step, StepResult } from '../engine/index.ts';
import { stepBlocker } from './guards.ts';
import { runStep } from './port.ts';
import type { SimPort } from './port.ts';

export interface BondInput {
  dev: string;
  proc: string;
  port: SimPort;
}

export interface BondContext extends BondInput {
  /** PASID of the bond while bound (from the kernel). */
  pasid: number | null;
  /** Outstanding binds (handle users). */
  users: number;
  /** Last failure. */
  errno: Errno | null;
  message: string | null;
  /** The step being run. */
  request: Step | null;
}

export type BondEvent =
  | { type: 'bond.bind'; proc: string; pasid?: number; viaDriver?: boolean }
  | { type: 'bond.unbind'; proc: string }
  | { type: 'bond.dismiss'; proc: string }
  | { type: 'bond.sync'; proc?: string }
  | { type: 'bond.result'; proc: string; step: Step; result: StepResult };

function bindStep(c: BondContext, e: BondEvent): Step {
  if (e.type === 'bond.bind' && e.viaDriver) {
    return e.pasid === undefined
      ? { op: 'bind_pasid', dev: c.dev, proc: c.proc }
      : { op: 'bind_pasid', dev: c.dev, proc: c.proc, pasid: e.pasid };
  }
  return { op: 'bind', dev: c.dev, proc: c.proc };
}

const isBindOp = (s: Step): boolean => s.op === 'bind' || s.op === 'bind_pasid';

export const bondMachine = setup({
  types: {
    context: {} as BondContext,
    input: {} as BondInput,
    events: {} as BondEvent,
  },
  actors: { runStep },
  guards: {
    hasBond: ({ context: c }) => c.port.model.bond(c.dev, c.proc) !== undefined,
    canBind: ({ context: c, event }) => stepBlocker(c.port.model, bindStep(c, event)) === null,
    canUnbind: ({ context: c }) => stepBlocker(c.port.model, { op: 'unbind', dev: c.dev, proc: c.proc }) === null,
    resultOk: ({ event }) => event.type === 'bond.result' && event.result.ok,
    resultIsBind: ({ event }) => event.type === 'bond.result' && isBindOp(event.step),
  },
  actions: {
    readBond: assign(({ context: c }) => {
      const b = c.port.model.bond(c.dev, c.proc);
      return { pasid: b?.pasid ?? null, users: b?.users ?? 0 };
    }),
    clearError: assign({ errno: null, message: null }),
    requestBind: assign({ request: ({ context, event }) => bindStep(context, event) }),
    requestUnbind: assign({ request: ({ context: c }): Step => ({ op: 'unbind', dev: c.dev, proc: c.proc }) }),
    resultError: assign(({ event }) =>
      event.type === 'bond.result' ? { errno: event.result.errno ?? null, message: event.result.message ?? null } : {}
    ),
  },
}).createMachine({
  id: 'bond',
  context: ({ input }) => ({ ...input, pasid: null, users: 0, errno: null, message: null, request: null }),
  initial: 'init',
  on: {
    'bond.result': [
      { guard: and(['resultIsBind', 'resultOk']), target: '.bound', actions: ['readBond', 'clearError'] },
      { guard: not('resultOk'), target: '.failed', actions: 'resultError' },
      { guard: 'hasBond', target: '.bound', actions: ['readBond', 'clearError'] },
      { target: '.unbound', actions: ['readBond', 'clearError'] },
    ],
  },
  states: {
    init: {
      always: [{ guard: 'hasBond', target: 'bound', actions: 'readBond' }, { target: 'unbound' }],
    },
    unbound: {
      on: {
        'bond.bind': { guard: 'canBind', target: 'binding', actions: 'requestBind' },
        'bond.sync': { guard: 'hasBond', target: 'bound', actions: 'readBond' },
      },
    },
    binding: {
      tags: ['busy'],
      on: { 'bond.result': {}, 'bond.sync': {} },
      invoke: {
        src: 'runStep',
        input: ({ context: c }) => ({ port: c.port, step: c.request ?? bindStep(c, { type: 'bond.sync' }) }),
        onDone: [
          { guard: ({ event }) => event.output.ok, target: 'bound', actions: ['readBond', 'clearError'] },
          {
            target: 'failed',
            actions: assign(({ event }) => ({
              errno: event.output.errno ?? null,
              message: event.output.message ?? null,
            })),
          },
        ],
        onError: {
          target: 'failed',
          actions: assign(({ event }) => ({ errno: null, message: errorText(event.error) })),
        },
      },
    },
    bound: {
      tags: ['bound'],
      on: {
        'bond.bind': { guard: 'canBind', target: 'binding', actions: 'requestBind' },
        'bond.unbind': { guard: 'canUnbind', target: 'unbinding', actions: 'requestUnbind' },
        'bond.sync': [{ guard: not('hasBond'), target: 'unbound', actions: 'readBond' }, { actions: 'readBond' }],
      },
    },
    unbinding: {
      tags: ['bound', 'busy'],
      on: { 'bond.result': {}, 'bond.sync': {} },
      invoke: {
        src: 'runStep',
        input: ({ context: c }) => ({ port: c.port, step: c.request ?? { op: 'unbind', dev: c.dev, proc: c.proc } }),
        onDone: [
          {
            guard: ({ event }) => !event.output.ok,
            target: 'failed',
            actions: assign(({ event }) => ({
              errno: event.output.errno ?? null,
              message: event.output.message ?? null,
            })),
          },
          { guard: 'hasBond', target: 'bound', actions: ['readBond', 'clearError'] },
          { target: 'unbound', actions: ['readBond', 'clearError'] },
        ],
        onError: {
          target: 'failed',
          actions: assign(({ event }) => ({ errno: null, message: errorText(event.error) })),
        },
      },
    },
    failed: {
      on: {
        'bond.bind': { guard: 'canBind', target: 'binding', actions: 'requestBind' },
        'bond.unbind': { guard: 'canUnbind', target: 'unbinding', actions: 'requestUnbind' },
        'bond.dismiss': [
          { guard: 'hasBond', target: 'bound', actions: ['readBond', 'clearError'] },
          { target: 'unbound', actions: 'clearError' },
        ],
        'bond.sync': { actions: 'readBond' },
      },
    },
  },
});

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
