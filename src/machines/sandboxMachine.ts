/**
 * The sandbox root: loads scenarios, moves the cursor (step, back, seek, play), runs
 * process-level and global steps, and owns one actor per device and per group. A full frame
 * (new epoch) re-syncs them, or respawns them when the topology changed; a delta frame tells
 * the ones whose rows changed. Devices the UI shows are tracked (they keep bond actors).
 */
import { assign, enqueueActions, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type { ActorRefFrom } from 'xstate';
import type { Policy, Scenario, Step, StepResult } from '../engine/index.ts';
import type { Frame } from '../client/index.ts';
import type { SimPosition } from '../protocol/index.ts';
import { deviceMachine, deviceSyncIsNoop } from './deviceMachine.ts';
import { bondDeviceIds, bondOutcomes, changedDeviceIds, changedGroupIds, topologyKey } from './frameForward.ts';
import { groupMachine, groupSyncIsNoop } from './groupMachine.ts';
import { stepBlocker } from './guards.ts';
import { idRecord } from './idRecord.ts';
import type { IdRecord } from './idRecord.ts';
import { runStep } from './port.ts';
import type { SimPort } from './port.ts';
import { stopChildren } from './stopChildren.ts';

export type DeviceRef = ActorRefFrom<typeof deviceMachine>;
export type GroupRef = ActorRefFrom<typeof groupMachine>;

/** Steps the root runs itself (no device actor owns them). */
export type GlobalStep = Extract<Step, { op: 'exit' | 'fork' | 'enqcmd' | 'free_global_pasid' | 'domain_alloc' }>;

type Nav = { kind: 'step'; count: number } | { kind: 'seek'; cursor: number };

export interface SandboxContext {
  port: SimPort;
  devices: IdRecord<DeviceRef>;
  groups: IdRecord<GroupRef>;
  /** `topologyKey` of the topology the device and group actors were spawned for. */
  topology: string;
  /** Devices the UI shows (their actors keep bond children). */
  tracked: string[];
  /** Log entries already forwarded to bond actors. */
  logSeen: number;
  nav: Nav;
  /**
   * Clicks made while a move was running, net: +1 per step, −1 per back. A presenter's clicker sends
   * them faster than a step back (a checkpoint copy and a replay) completes, and none may be lost.
   */
  queued: number;
  /** A seek (Home, End, a click in the step log) asked for while a move was running; `queued` counts from it. */
  seekTo: number | null;
  load: { scenario: Scenario; policy: Policy; cursor: number } | null;
  request: Step | null;
  lastResult: StepResult | null;
  playIntervalMs: number;
  /** Last failure of a request (worker refused, load failed), shown until dismissed. */
  error: string | null;
}

export type SandboxEvent =
  | { type: 'scenario.load'; scenario: Scenario; policy: Policy; cursor?: number }
  | { type: 'policy.change'; policy: Policy }
  | { type: 'sim.step' }
  | { type: 'sim.back' }
  | { type: 'sim.seek'; cursor: number }
  | { type: 'sim.reset' }
  | { type: 'sim.end' }
  | { type: 'sim.play'; intervalMs?: number }
  | { type: 'sim.pause' }
  | { type: 'global.run'; step: GlobalStep }
  | { type: 'device.track'; id: string }
  | { type: 'device.untrack'; id: string }
  | { type: 'frame'; frame: Frame }
  | { type: 'frame.results' }
  | { type: 'error.dismiss' }
  | { type: 'nav.done' }
  | { type: 'nav.error'; error: unknown };

/** Events the navigator accepts. */
type NavRequest = { type: 'nav.run'; nav: Nav };

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** Where the clicks made during a move lead: the seek asked for (else where the move ended), plus the net steps. */
function queuedTarget(c: SandboxContext): number {
  const { cursor, length } = c.port.model;
  return Math.max(0, Math.min(length, (c.seekTo ?? cursor) + c.queued));
}

export const sandboxMachine = setup({
  types: {
    context: {} as SandboxContext,
    input: {} as { port: SimPort },
    events: {} as SandboxEvent,
  },
  actors: {
    runStep,
    device: deviceMachine,
    group: groupMachine,
    loadScenario: fromPromise<SimPosition, { port: SimPort; scenario: Scenario; policy: Policy; cursor: number }>(
      ({ input }) => input.port.load(input.scenario, input.policy, input.cursor)
    ),
    /**
     * One long-lived actor per ready period that runs cursor moves: invoking a promise actor per
     * step would spawn and stop a child of the root (which holds every device and group actor)
     * on every step.
     */
    navigator: fromCallback<NavRequest, { port: SimPort }>(({ input: { port }, receive, sendBack }) => {
      receive((e) => {
        const p = e.nav.kind === 'step' ? port.step(e.nav.count) : port.seek(e.nav.cursor);
        p.then(
          () => sendBack({ type: 'nav.done' }),
          (error: unknown) => sendBack({ type: 'nav.error', error })
        );
      });
    }),
  },
  delays: {
    PLAY_DELAY: ({ context }) => context.playIntervalMs,
  },
  guards: {
    hasScenario: ({ context }) => context.port.scenario !== null,
    canStep: ({ context: c }) => c.port.model.cursor < c.port.model.length,
    canBack: ({ context: c }) => c.port.model.cursor > 0,
    atEnd: ({ context: c }) => c.port.model.cursor >= c.port.model.length,
    canRunGlobal: ({ context: c, event }) =>
      event.type === 'global.run' && stepBlocker(c.port.model, event.step) === null,
    hasQueued: ({ context: c }) => queuedTarget(c) !== c.port.model.cursor,
  },
  actions: {
    setNav: assign((_, nav: Nav) => ({ nav, queued: 0, seekTo: null })),
    setError: assign((_, p: { error: unknown }) => ({ error: errorText(p.error) })),
    forwardFrame: enqueueActions(({ context: c, event, enqueue }) => {
      if (event.type !== 'frame') return;
      const { frame } = event;
      if (frame.changes.full) {
        const topo = frame.model.topology;
        const key = topologyKey(topo);
        if (key === c.topology) {
          // Only actors the sync would change: most of a big topology already shows the new state.
          for (const ref of Object.values(c.devices)) {
            if (!deviceSyncIsNoop(ref.getSnapshot())) enqueue.sendTo(ref, { type: 'device.sync', full: true });
          }
          for (const ref of Object.values(c.groups)) {
            if (!groupSyncIsNoop(ref.getSnapshot())) enqueue.sendTo(ref, { type: 'group.sync', full: true });
          }
        } else {
          // Tracked devices drop their bond children first, in one step: stopping a device would stop them one by one.
          for (const id of c.tracked) {
            const ref = c.devices[id];
            if (ref) enqueue.sendTo(ref, { type: 'device.untrack' });
          }
          enqueue(stopChildren([...Object.values(c.devices), ...Object.values(c.groups)]));
          enqueue.assign(({ context, spawn }) => {
            const devices = idRecord<DeviceRef>();
            const groups = idRecord<GroupRef>();
            for (const d of topo?.devices ?? []) {
              const input = { id: d.id, port: c.port, tracked: context.tracked.includes(d.id) };
              devices[d.id] = spawn('device', { id: `device:${d.id}`, input });
            }
            topo?.groups.forEach((g, i) => {
              const first = topo.devices[topo.groupDevices[i]?.[0] ?? -1]?.id ?? '';
              groups[g] = spawn('group', { id: `group:${g}`, input: { id: g, dev: first, port: c.port } });
            });
            return { devices, groups, topology: key };
          });
        }
        // Devices read the whole log themselves on a full frame: nothing of it is forwarded.
        enqueue.assign({ logSeen: c.port.model.log.length });
      } else {
        for (const id of changedDeviceIds(frame)) {
          const ref = c.devices[id];
          if (ref) enqueue.sendTo(ref, { type: 'device.sync' });
        }
        for (const id of bondDeviceIds(frame)) {
          const ref = c.devices[id];
          if (ref) enqueue.sendTo(ref, { type: 'bond.sync' });
        }
        for (const id of changedGroupIds(frame)) {
          const ref = c.groups[id];
          if (ref) enqueue.sendTo(ref, { type: 'group.sync' });
        }
      }
      if (frame.changes.log) enqueue.raise({ type: 'frame.results' });
    }),
    forwardResults: enqueueActions(({ context: c, enqueue }) => {
      const { log, logSteps } = c.port.model;
      const tracked = new Set(c.tracked);
      for (const o of bondOutcomes(log, logSteps, Math.min(c.logSeen, log.length))) {
        const ref = c.devices[o.dev];
        // An untracked device would drop it unless it has that bond's actor: spare the event.
        if (!ref || (!tracked.has(o.dev) && !ref.getSnapshot().context.bonds[o.proc])) continue;
        enqueue.sendTo(ref, { type: 'bond.result', proc: o.proc, step: o.step, result: o.result });
      }
      enqueue.assign({ logSeen: log.length });
    }),
    track: enqueueActions(({ context: c, event, enqueue }) => {
      if (event.type !== 'device.track' || c.tracked.includes(event.id)) return;
      enqueue.assign({ tracked: [...c.tracked, event.id] });
      const ref = c.devices[event.id];
      if (ref) enqueue.sendTo(ref, { type: 'device.track' });
    }),
    untrack: enqueueActions(({ context: c, event, enqueue }) => {
      if (event.type !== 'device.untrack' || !c.tracked.includes(event.id)) return;
      enqueue.assign({ tracked: c.tracked.filter((id) => id !== event.id) });
      const ref = c.devices[event.id];
      if (ref) enqueue.sendTo(ref, { type: 'device.untrack' });
    }),
  },
}).createMachine({
  id: 'sandbox',
  context: ({ input }) => ({
    port: input.port,
    devices: idRecord<DeviceRef>(),
    groups: idRecord<GroupRef>(),
    topology: '',
    tracked: [],
    logSeen: 0,
    nav: { kind: 'step', count: 1 },
    queued: 0,
    seekTo: null,
    load: null,
    request: null,
    lastResult: null,
    playIntervalMs: 700,
    error: null,
  }),
  initial: 'empty',
  on: {
    frame: { actions: 'forwardFrame' },
    'frame.results': { actions: 'forwardResults' },
    'device.track': { actions: 'track' },
    'device.untrack': { actions: 'untrack' },
    'error.dismiss': { actions: assign({ error: null }) },
    'scenario.load': {
      target: '.loading',
      actions: assign({
        load: ({ event }) => ({ scenario: event.scenario, policy: event.policy, cursor: event.cursor ?? 0 }),
      }),
    },
  },
  states: {
    empty: {},
    loading: {
      tags: ['busy'],
      invoke: {
        src: 'loadScenario',
        input: ({ context: c }) => ({
          port: c.port,
          scenario: c.load?.scenario ?? ({} as Scenario),
          policy: c.load?.policy ?? 'global',
          cursor: c.load?.cursor ?? 0,
        }),
        onDone: { target: 'ready', actions: assign({ error: null, load: null }) },
        onError: [
          {
            guard: 'hasScenario',
            target: 'ready',
            actions: { type: 'setError', params: ({ event }) => ({ error: event.error }) },
          },
          { target: 'empty', actions: { type: 'setError', params: ({ event }) => ({ error: event.error }) } },
        ],
      },
    },
    ready: {
      initial: 'idle',
      invoke: { id: 'navigator', src: 'navigator', input: ({ context }) => ({ port: context.port }) },
      on: {
        'policy.change': {
          guard: 'hasScenario',
          target: 'loading',
          actions: assign({
            load: ({ context: c, event }) => ({
              scenario: c.port.scenario!,
              policy: event.policy,
              cursor: c.port.model.cursor,
            }),
          }),
        },
      },
      states: {
        idle: {
          on: {
            'sim.step': {
              guard: 'canStep',
              target: 'moving',
              actions: { type: 'setNav', params: { kind: 'step', count: 1 } },
            },
            'sim.back': {
              guard: 'canBack',
              target: 'moving',
              actions: {
                type: 'setNav',
                params: ({ context: c }) => ({ kind: 'seek', cursor: c.port.model.cursor - 1 }),
              },
            },
            'sim.seek': {
              target: 'moving',
              actions: { type: 'setNav', params: ({ event }) => ({ kind: 'seek', cursor: event.cursor }) },
            },
            'sim.reset': { target: 'moving', actions: { type: 'setNav', params: { kind: 'seek', cursor: 0 } } },
            'sim.end': {
              guard: 'canStep',
              target: 'moving',
              actions: { type: 'setNav', params: ({ context: c }) => ({ kind: 'seek', cursor: c.port.model.length }) },
            },
            'sim.play': {
              guard: 'canStep',
              target: 'playing',
              actions: assign({ playIntervalMs: ({ context, event }) => event.intervalMs ?? context.playIntervalMs }),
            },
            'global.run': {
              guard: 'canRunGlobal',
              target: 'acting',
              actions: assign({ request: ({ event }) => event.step }),
            },
          },
        },
        moving: {
          tags: ['busy'],
          entry: sendTo('navigator', ({ context }) => ({ type: 'nav.run', nav: context.nav })),
          on: {
            'sim.step': { actions: assign({ queued: ({ context }) => context.queued + 1 }) },
            'sim.back': { actions: assign({ queued: ({ context }) => context.queued - 1 }) },
            // A seek replaces what was clicked before it; clicks after it count from its target.
            'sim.seek': { actions: assign({ seekTo: ({ event }) => event.cursor, queued: 0 }) },
            'sim.reset': { actions: assign({ seekTo: 0, queued: 0 }) },
            'sim.end': { actions: assign({ seekTo: ({ context: c }) => c.port.model.length, queued: 0 }) },
            'nav.done': [
              {
                guard: 'hasQueued',
                target: 'moving',
                reenter: true,
                actions: assign(({ context: c }) => {
                  const cursor = c.port.model.cursor;
                  const target = queuedTarget(c);
                  return {
                    // Steps forward from where the move ended stay a step request (their effects are kept).
                    nav:
                      c.seekTo === null && c.queued > 0
                        ? { kind: 'step' as const, count: target - cursor }
                        : { kind: 'seek' as const, cursor: target },
                    queued: 0,
                    seekTo: null,
                  };
                }),
              },
              { target: 'idle' },
            ],
            'nav.error': {
              target: 'idle',
              actions: { type: 'setError', params: ({ event }) => ({ error: event.error }) },
            },
          },
        },
        acting: {
          tags: ['busy'],
          invoke: {
            src: 'runStep',
            input: ({ context: c }) => ({ port: c.port, step: c.request ?? { op: 'alloc_global_pasid', dev: '' } }),
            onDone: { target: 'idle', actions: assign({ lastResult: ({ event }) => event.output }) },
            onError: { target: 'idle', actions: { type: 'setError', params: ({ event }) => ({ error: event.error }) } },
          },
        },
        playing: {
          tags: ['playing'],
          initial: 'waiting',
          on: { 'sim.pause': 'idle' },
          states: {
            waiting: {
              after: { PLAY_DELAY: [{ guard: 'atEnd', target: '#sandbox.ready.idle' }, { target: 'advancing' }] },
            },
            advancing: {
              entry: sendTo('navigator', { type: 'nav.run', nav: { kind: 'step', count: 1 } }),
              on: {
                'nav.done': [{ guard: 'atEnd', target: '#sandbox.ready.idle' }, { target: 'waiting' }],
                'nav.error': {
                  target: '#sandbox.ready.idle',
                  actions: { type: 'setError', params: ({ event }) => ({ error: event.error }) },
                },
              },
            },
          },
        },
      },
    },
  },
});
