/**
 * One iommu_group. Regions follow the kernel: `ownership` (kernel DMA API vs a user owner,
 * R38–R42) and `reset` (open, or gated while a member is between reset_prepare and reset_done,
 * R43). Region `op` claims and releases DMA ownership through the worker.
 */
import { assign, setup } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import type { Step, StepResult } from '../engine/index.ts';
import { stepBlocker } from './guards.ts';
import { runStep } from './port.ts';
import type { SimPort } from './port.ts';

export interface GroupInput {
  /** Group id. */
  id: string;
  /** Any member device (the kernel's ownership calls take a device). */
  dev: string;
  port: SimPort;
}

export interface GroupContext extends GroupInput {
  request: Step | null;
  lastResult: StepResult | null;
  error: string | null;
}

export type GroupEvent =
  /** The kernel state changed; `full`: a new epoch, as a fresh actor would see it. */
  | { type: 'group.sync'; full?: boolean }
  | { type: 'group.claim'; dev: string; owner?: string }
  | { type: 'group.release'; dev: string };

const isOwned = (c: GroupContext): boolean => (c.port.model.groupOf(c.dev)?.owner ?? null) !== null;
const isGated = (c: GroupContext): boolean => (c.port.model.groupOf(c.dev)?.resetting ?? 0) > 0;

function opStep(e: GroupEvent): Step | null {
  if (e.type === 'group.claim')
    return e.owner === undefined
      ? { op: 'claim_dma_owner', dev: e.dev }
      : { op: 'claim_dma_owner', dev: e.dev, owner: e.owner };
  if (e.type === 'group.release') return { op: 'release_dma_owner', dev: e.dev };
  return null;
}

export const groupMachine = setup({
  types: {
    context: {} as GroupContext,
    input: {} as GroupInput,
    events: {} as GroupEvent,
  },
  actors: { runStep },
  guards: {
    owned: ({ context: c }) => isOwned(c),
    gated: ({ context: c }) => isGated(c),
    isFull: ({ event }) => event.type === 'group.sync' && event.full === true,
    canRun: ({ context: c, event }) => {
      const step = opStep(event);
      return step !== null && stepBlocker(c.port.model, step) === null;
    },
  },
  actions: {
    request: assign({ request: ({ event }) => opStep(event), error: null }),
  },
}).createMachine({
  id: 'group',
  context: ({ input }) => ({ ...input, request: null, lastResult: null, error: null }),
  type: 'parallel',
  states: {
    ownership: {
      initial: 'sync',
      on: { 'group.sync': '.sync' },
      states: {
        sync: { always: [{ guard: 'owned', target: 'user' }, { target: 'kernel' }] },
        kernel: {},
        user: { tags: ['owned'] },
      },
    },
    reset: {
      initial: 'sync',
      on: { 'group.sync': '.sync' },
      states: {
        sync: { always: [{ guard: 'gated', target: 'gated' }, { target: 'open' }] },
        open: {},
        gated: { tags: ['gated'] },
      },
    },
    op: {
      initial: 'idle',
      states: {
        idle: {
          on: {
            'group.sync': {
              guard: 'isFull',
              actions: assign({ request: null, lastResult: null, error: null }),
            },
            'group.claim': { guard: 'canRun', target: 'running', actions: 'request' },
            'group.release': { guard: 'canRun', target: 'running', actions: 'request' },
          },
        },
        running: {
          tags: ['busy'],
          invoke: {
            src: 'runStep',
            input: ({ context: c }) => ({ port: c.port, step: c.request ?? { op: 'release_dma_owner', dev: c.dev } }),
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
 * Whether a full `group.sync` would leave this group exactly as it is: idle with no request, result
 * or error to forget, and both regions already showing the model (see deviceMachine's
 * deviceSyncIsNoop: a full frame of the same topology skips such groups).
 */
export function groupSyncIsNoop(snap: SnapshotFrom<typeof groupMachine>): boolean {
  const c = snap.context;
  return (
    c.request === null &&
    c.lastResult === null &&
    c.error === null &&
    snap.value.op === 'idle' &&
    snap.value.ownership === (isOwned(c) ? 'user' : 'kernel') &&
    snap.value.reset === (isGated(c) ? 'gated' : 'open')
  );
}
