/**
 * One device. Region `rid` follows the kernel's RID side (default / identity / blocked / user
 * domain / user-owned / resetting) from `device.sync`; region `op` runs device-level steps
 * (attach/replace/detach, reset, DMA, global PASIDs) through the worker, guarded by the kernel's
 * early checks. Bonds with processes are child actors (bondMachine), kept only where the UI looks:
 * a *tracked* device has one per bond the kernel or the step log shows; any device spawns one
 * when the user acts on that bond.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import type { Step, StepResult } from '../engine/index.ts';
import type { RidState } from '../protocol/index.ts';
import { bondMachine } from './bondMachine.ts';
import type { BondEvent } from './bondMachine.ts';
import { deviceBondOutcomes } from './frameForward.ts';
import { idRecord, withId } from './idRecord.ts';
import type { IdRecord } from './idRecord.ts';
import type { BondOutcome } from './frameForward.ts';
import { stepBlocker } from './guards.ts';
import { runStep } from './port.ts';
import type { SimPort } from './port.ts';
import { stopChildren } from './stopChildren.ts';

export type BondRef = ActorRefFrom<typeof bondMachine>;

export interface DeviceInput {
  id: string;
  port: SimPort;
  /** Start tracked (the UI shows this device's bonds). */
  tracked?: boolean;
}

export interface DeviceContext {
  id: string;
  port: SimPort;
  tracked: boolean;
  bonds: IdRecord<BondRef>;
  request: Step | null;
  lastResult: StepResult | null;
  /** Transport failure of the last request (not a kernel errno). */
  error: string | null;
}

/** Device-level step kinds (everything with a `dev` that is not a bond). */
export type DeviceStep = Exclude<Extract<Step, { dev: string }>, { proc: string }>;

export type DeviceEvent =
  /** The kernel state changed; `full`: a new epoch (model and log replaced), as a fresh actor would see it. */
  | { type: 'device.sync'; full?: boolean }
  /** The UI shows (or stops showing) this device's bonds. */
  | { type: 'device.track' }
  | { type: 'device.untrack' }
  | { type: 'device.run'; step: DeviceStep }
  | BondEvent;

const RID_ORDER: RidState[] = ['resetting', 'userDomain', 'userOwned', 'identity', 'blocked', 'default'];

/** A bond child's actor id. */
export const bondId = (dev: string, proc: string): string => `bond:${dev}:${proc}`;

/** The bonds a tracked device shows: the kernel's, and every process with a bind/unbind outcome in the log. */
function wantedBonds(c: DeviceContext): Map<string, BondOutcome | null> {
  const want = new Map<string, BondOutcome | null>(deviceBondOutcomes(c.port.model.log, c.port.model.logSteps, c.id));
  for (const [p] of c.port.model.bondsOf(c.id)) if (!want.has(p)) want.set(p, null);
  return want;
}

/** The `rid` state the model shows for this device: what `rid.sync`'s guards pick. */
const modelRid = (c: DeviceContext): RidState => c.port.model.device(c.id)?.rid ?? 'default';

const resultEvent = (o: BondOutcome): BondEvent => ({
  type: 'bond.result',
  proc: o.proc,
  step: o.step,
  result: o.result,
});

export const deviceMachine = setup({
  types: {
    context: {} as DeviceContext,
    input: {} as DeviceInput,
    events: {} as DeviceEvent,
  },
  actors: { runStep, bond: bondMachine },
  guards: {
    ridIs: ({ context: c }, params: { rid: RidState }) => modelRid(c) === params.rid,
    canRun: ({ context: c, event }) => event.type === 'device.run' && stepBlocker(c.port.model, event.step) === null,
    isTracked: ({ context: c }) => c.tracked,
    isFull: ({ event }) => event.type === 'device.sync' && event.full === true,
  },
  actions: {
    ensureBond: assign(({ context: c, event, spawn }) => {
      if (!('proc' in event) || event.proc === undefined || c.bonds[event.proc]) return {};
      const ref = spawn('bond', { id: bondId(c.id, event.proc), input: { dev: c.id, proc: event.proc, port: c.port } });
      return { bonds: withId(c.bonds, event.proc, ref) };
    }),
    forwardBond: enqueueActions(({ context: c, event, enqueue }) => {
      const ref = 'proc' in event && event.proc !== undefined ? c.bonds[event.proc] : undefined;
      if (ref) enqueue.sendTo(ref, event as BondEvent);
    }),
    syncBonds: enqueueActions(({ context: c, enqueue }) => {
      const known = new Set(Object.keys(c.bonds));
      const fresh = c.tracked ? c.port.model.bondsOf(c.id).filter(([p]) => !known.has(p)) : [];
      if (fresh.length > 0) {
        enqueue.assign(({ context, spawn }) => {
          const bonds = idRecord(Object.entries(context.bonds));
          for (const [p] of fresh) {
            bonds[p] = spawn('bond', { id: bondId(c.id, p), input: { dev: c.id, proc: p, port: c.port } });
          }
          return { bonds };
        });
      }
      // Fresh children read the model when they start; existing ones are told.
      for (const p of known) enqueue.sendTo(c.bonds[p]!, { type: 'bond.sync' });
    }),
    /**
     * Makes the bond children match what the device shows. Tracked: one per wanted bond, each
     * with its last outcome (on `reload`, existing ones are reset to it as fresh ones would be).
     * Untracked: none. Children mid-request are left alone; on track, ones the user made stay.
     */
    deriveBonds: enqueueActions(({ context: c, enqueue }, params: { reload: boolean }) => {
      const want = c.tracked ? wantedBonds(c) : new Map<string, BondOutcome | null>();
      const stop = new Map<string, BondRef>();
      const tell: [BondRef, BondOutcome][] = [];
      for (const [p, ref] of Object.entries(c.bonds)) {
        if (ref.getSnapshot().hasTag('busy')) continue;
        const o = want.get(p);
        if (o === undefined) {
          if (params.reload || !c.tracked) stop.set(p, ref);
        } else if (params.reload) {
          if (o) tell.push([ref, o]);
          else stop.set(p, ref); // no outcome to reset it with: respawned below, as fresh
        }
      }
      const spawnFor = [...want.keys()].filter((p) => !c.bonds[p] || stop.has(p));
      if (stop.size > 0) enqueue(stopChildren([...stop.values()]));
      if (stop.size > 0 || spawnFor.length > 0) {
        enqueue.assign(({ context, spawn }) => {
          const bonds = idRecord<BondRef>();
          for (const [p, ref] of Object.entries(context.bonds)) if (!stop.has(p)) bonds[p] = ref;
          for (const p of spawnFor) {
            bonds[p] = spawn('bond', { id: bondId(c.id, p), input: { dev: c.id, proc: p, port: c.port } });
          }
          return { bonds };
        });
      }
      for (const p of spawnFor) {
        const o = want.get(p);
        if (o) enqueue.sendTo(bondId(c.id, p), resultEvent(o));
      }
      for (const [ref, o] of tell) enqueue.sendTo(ref, resultEvent(o));
    }),
    forgetResult: assign({ request: null, lastResult: null, error: null }),
  },
}).createMachine({
  id: 'device',
  context: ({ input }) => ({
    id: input.id,
    port: input.port,
    tracked: input.tracked ?? false,
    bonds: idRecord<BondRef>(),
    request: null,
    lastResult: null,
    error: null,
  }),
  type: 'parallel',
  entry: { type: 'deriveBonds', params: { reload: false } },
  on: {
    'device.track': { actions: [assign({ tracked: true }), { type: 'deriveBonds', params: { reload: false } }] },
    'device.untrack': { actions: [assign({ tracked: false }), { type: 'deriveBonds', params: { reload: false } }] },
    'bond.bind': { actions: ['ensureBond', 'forwardBond'] },
    'bond.unbind': { actions: ['ensureBond', 'forwardBond'] },
    'bond.dismiss': { actions: 'forwardBond' },
    // An untracked device keeps no bond actor for scenario steps (nobody looks at it).
    'bond.result': [{ guard: 'isTracked', actions: ['ensureBond', 'forwardBond'] }, { actions: 'forwardBond' }],
    'bond.sync': { actions: 'syncBonds' },
  },
  states: {
    rid: {
      initial: 'sync',
      on: {
        'device.sync': [
          { guard: 'isFull', target: '.sync', actions: { type: 'deriveBonds', params: { reload: true } } },
          { target: '.sync' },
        ],
      },
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
            'device.sync': { guard: 'isFull', actions: 'forgetResult' },
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

/**
 * Whether a full `device.sync` would leave this device exactly as it is: untracked with no bond
 * actor, idle with no request, result or error to forget, and `rid` already the model's. A full
 * frame of the same topology (a backward step) skips such devices: on a 1,000-device topology,
 * re-syncing every one of them was half of the main thread's work for one step back.
 */
export function deviceSyncIsNoop(snap: SnapshotFrom<typeof deviceMachine>): boolean {
  const c = snap.context;
  return (
    !c.tracked &&
    c.request === null &&
    c.lastResult === null &&
    c.error === null &&
    Object.keys(c.bonds).length === 0 &&
    // The value's fields, not snap.matches(): that builds a state value per call, for 1,000 devices.
    snap.value.op === 'idle' &&
    snap.value.rid === modelRid(c)
  );
}
