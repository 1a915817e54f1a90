/**
 * One device. Region `rid` follows the kernel's RID side (default / identity / blocked / user
 * domain / user-owned / resetting) from `device.sync`; region `op` runs device-level steps
 * (attach/replace/detach, reset, DMA, global PASIDs) through the worker, guarded by the kernel's
 * early checks. Bonds with processes are child actors (bondMachine), spawned on first use.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { ActorRefFrom } from 'xstate';
import type { Step, StepResult } from '../engine/index.ts';
import type { RidState } from '../protocol/index.ts';
import { bondMachine } from './bondMachine.ts';
import type { BondEvent } from './bondMachine.ts';
import { stepBlocker } from './guards.ts';
import { runStep } from './port.ts';
import type { SimPort } from './port.ts';

export type BondRef = ActorRefFrom<typeof bondMachine>;

export interface DeviceInput {
  id: string;
  port: SimPort;
}

export interface DeviceContext extends DeviceInput {
  bonds: Record<string, BondRef>;
  request: Step | null;
  lastResult: StepResult | null;
  /** Transport failure of the last request (not a kernel errno). */
  error: string | null;
}

/** Device-level step kinds (everything with a `dev` that is not a bond). */
export type DeviceStep = Exclude<Extract<Step, { dev: string }>, { proc: string }>;

export type DeviceEvent = { type: 'device.sync' } | { type: 'device.run'; step: DeviceStep } | BondEvent;

const RID_ORDER: RidState[] = ['resetting', 'userDomain', 'userOwned', 'identity', 'blocked', 'default'];

/** A bond child's actor id. */
export const bondId = (dev: string, proc: string): string => `bond:${dev}:${proc}`;

export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    input: {} as DeviceInput,
    events: {} as DeviceEvent,
  },
  actors: { runStep, bond: bondMachine },
  guards: {
    ridIs: ({ context: c }, params: { rid: RidState }) => (c.port.model.device(c.id)?.rid ?? 'default') === params.rid,
    canRun: ({ context: c, event }) => event.type === 'device.run' && stepBlocker(c.port.model, event.step) === null,
  },
  actions: {
    ensureBond: assign(({ context: c, event, spawn }) => {
      if (!('proc' in event) || event.proc === undefined || c.bonds[event.proc]) return {};
      const ref = spawn('bond', { id: bondId(c.id, event.proc), input: { dev: c.id, proc: event.proc, port: c.port } });
      return { bonds: { ...c.bonds, [event.proc]: ref } };
    }),
    forwardBond: enqueueActions(({ context: c, event, enqueue }) => {
      const ref = 'proc' in event && event.proc !== undefined ? c.bonds[event.proc] : undefined;
      if (ref) enqueue.sendTo(ref, event as BondEvent);
    }),
    syncBonds: enqueueActions(({ context: c, enqueue }) => {
      const known = new Set(Object.keys(c.bonds));
      const fresh = c.port.model.bondsOf(c.id).filter(([p]) => !known.has(p));
      if (fresh.length > 0) {
        enqueue.assign(({ context, spawn }) => {
          const bonds = { ...context.bonds };
          for (const [p] of fresh) {
            bonds[p] = spawn('bond', { id: bondId(c.id, p), input: { dev: c.id, proc: p, port: c.port } });
          }
          return { bonds };
        });
      }
      // Fresh children read the model when they start; existing ones are told.
      for (const p of known) enqueue.sendTo(c.bonds[p]!, { type: 'bond.sync' });
    }),
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => ({ ...input, bonds: {}, request: null, lastResult: null, error: null }),
  type: 'parallel',
  on: {
    'bond.bind': { actions: ['ensureBond', 'forwardBond'] },
    'bond.unbind': { actions: ['ensureBond', 'forwardBond'] },
    'bond.dismiss': { actions: 'forwardBond' },
    'bond.result': { actions: ['ensureBond', 'forwardBond'] },
    'bond.sync': { actions: 'syncBonds' },
  },
  states: {
    rid: {
      initial: 'sync',
      on: { 'device.sync': '.sync' },
      states: {
        sync: {
          always: RID_ORDER.map((rid) => ({ guard: { type: 'ridIs' as const, params: { rid } }, target: rid })),
        },
        default: {},
        identity: {},
        blocked: {},
        userDomain: {},
        userOwned: {},
        resetting: { tags: ['resetting'] },
      },
    },
    op: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            'device.run': {
              guard: 'canRun',
              target: 'running',
              actions: assign({ request: ({ event }) => event.step, error: null }),
            },
          },
        },
        running: {
          tags: ['busy'],
          invoke: {
            src: 'runStep',
            input: ({ context: c }) => ({ port: c.port, step: c.request ?? { op: 'dma', dev: c.id } }),
            onDone: { target: 'idle', actions: assign({ lastResult: ({ event }) => event.output }) },
            onError: {
              target: 'idle',
              actions: assign({
                error: ({ event }) => (event.error instanceof Error ? event.error.message : String(event.error)),
              }),
            },
          },
        },
      },
    },
  },
});
