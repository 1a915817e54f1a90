import { assign, createActor, createMachine, enqueueActions, setup } from 'xstate';
import type { ActorRefFrom } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stopChildren } from './stopChildren.ts';

const child = createMachine({ id: 'child', initial: 'on', states: { on: { on: { ping: 'pinged' } }, pinged: {} } });
type ChildRef = ActorRefFrom<typeof child>;

const parent = setup({
  types: {
    context: {} as { kids: ChildRef[] },
    events: {} as { type: 'spawn'; n: number } | { type: 'stop'; from: number; to: number } | { type: 'respawn' },
  },
  actors: { child },
}).createMachine({
  context: { kids: [] },
  invoke: { id: 'helper', src: 'child' },
  on: {
    spawn: {
      actions: assign(({ event, spawn }) => ({
        kids: Array.from({ length: event.n }, (_, i) => spawn('child', { id: `kid:${i}` })),
      })),
    },
    stop: {
      actions: enqueueActions(({ context, event, enqueue }) => {
        const gone = context.kids.slice(event.from, event.to);
        enqueue(stopChildren(gone));
        enqueue.assign({ kids: context.kids.filter((k) => !gone.includes(k)) });
      }),
    },
    // Stops every kid and spawns new ones under the same ids, in one transition.
    respawn: {
      actions: enqueueActions(({ context, enqueue }) => {
        enqueue(stopChildren(context.kids));
        enqueue.assign(({ context: c, spawn }) => ({ kids: c.kids.map((_, i) => spawn('child', { id: `kid:${i}` })) }));
      }),
    },
  },
});

describe('stopChildren', () => {
  it('stops the given children and removes them from the snapshot', () => {
    const actor = createActor(parent).start();
    actor.send({ type: 'spawn', n: 5 });
    const kids = actor.getSnapshot().context.kids;
    actor.send({ type: 'stop', from: 1, to: 4 });
    expect(Object.keys(actor.getSnapshot().children).sort()).toEqual(['helper', 'kid:0', 'kid:4']);
    expect(kids.map((k) => k.getSnapshot().status)).toEqual(['active', 'stopped', 'stopped', 'stopped', 'active']);
    kids[4]!.send({ type: 'ping' });
    expect(kids[4]!.getSnapshot().value).toBe('pinged');
  });

  it('ignores refs that are not children any more', () => {
    const actor = createActor(parent).start();
    actor.send({ type: 'spawn', n: 3 });
    const first = actor.getSnapshot().context.kids[0]!;
    actor.send({ type: 'respawn' });
    actor.send({ type: 'stop', from: 0, to: 0 });
    expect(first.getSnapshot().status).toBe('stopped');
    expect(Object.keys(actor.getSnapshot().children).sort()).toEqual(['helper', 'kid:0', 'kid:1', 'kid:2']);
  });

  it('lets new children take the ids of the stopped ones in the same transition', () => {
    const actor = createActor(parent).start();
    actor.send({ type: 'spawn', n: 3 });
    const before = actor.getSnapshot().context.kids;
    actor.send({ type: 'respawn' });
    const after = actor.getSnapshot().context.kids;
    expect(before.every((k) => k.getSnapshot().status === 'stopped')).toBe(true);
    expect(after.every((k) => k.getSnapshot().status === 'active')).toBe(true);
    const children = actor.getSnapshot().children as Record<string, unknown>;
    expect(after.map((k) => children[k.id])).toEqual(after);
  });

  it('stops thousands of children in one step', () => {
    const actor = createActor(parent).start();
    actor.send({ type: 'spawn', n: 3000 });
    const kids = actor.getSnapshot().context.kids;
    actor.send({ type: 'stop', from: 0, to: 3000 });
    expect(Object.keys(actor.getSnapshot().children)).toEqual(['helper']);
    expect(kids.every((k) => k.getSnapshot().status === 'stopped')).toBe(true);
  });
});
