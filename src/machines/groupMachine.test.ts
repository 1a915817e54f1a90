import { createActor, SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { groupMachine, groupSyncIsNoop } from './groupMachine.ts';
import { device, fakePort, group } from './testing/fakePort.ts';

function setup() {
  const port = fakePort();
  port.model.devices.set('a', device('a'));
  port.model.devices.set('b', device('b'));
  port.model.groups.push(group(0, 'g0', ['a', 'b']));
  const actor = createActor(groupMachine, { input: { id: 'g0', dev: 'a', port }, clock: new SimulatedClock() });
  actor.start();
  return { port, actor };
}

describe('groupMachine', () => {
  it('starts kernel-owned and open', () => {
    expect(setup().actor.getSnapshot().value).toEqual({ ownership: 'kernel', reset: 'open', op: 'idle' });
  });

  it('follows group.sync into user ownership and reset gating', () => {
    const { port, actor } = setup();
    port.model.groups[0] = group(0, 'g0', ['a', 'b'], { owner: 'user', ownerCnt: 1, resetting: 1 });
    actor.send({ type: 'group.sync' });
    expect(actor.getSnapshot().value).toEqual({ ownership: 'user', reset: 'gated', op: 'idle' });
  });

  it('claims DMA ownership through the worker', async () => {
    const { port, actor } = setup();
    actor.send({ type: 'group.claim', dev: 'b' });
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    await waitFor(actor, (s) => s.matches({ op: 'idle' }));
    expect(port.calls).toEqual([{ op: 'claim_dma_owner', dev: 'b' }]);
  });

  it('a full group.sync forgets the last result, as a fresh actor', async () => {
    const { actor } = setup();
    actor.send({ type: 'group.claim', dev: 'a' });
    await waitFor(actor, (s) => s.context.lastResult !== null);
    actor.send({ type: 'group.sync' });
    expect(actor.getSnapshot().context.lastResult).not.toBeNull();
    actor.send({ type: 'group.sync', full: true });
    expect(actor.getSnapshot().context.lastResult).toBeNull();
  });

  it('refuses a claim while PASIDs are attached (EBUSY, R38)', () => {
    const { port, actor } = setup();
    port.model.groups[0] = group(0, 'g0', ['a', 'b'], { pasids: [{ pasid: 1, sva: true, domain: 'sva1' }] });
    actor.send({ type: 'group.claim', dev: 'a' });
    expect(port.calls).toEqual([]);
  });

  it('refuses a release while PASIDs are attached (WARN, R41)', () => {
    const { port, actor } = setup();
    port.model.groups[0] = group(0, 'g0', ['a', 'b'], {
      owner: 'user',
      ownerCnt: 1,
      pasids: [{ pasid: 2, sva: false, domain: 'd' }],
    });
    actor.send({ type: 'group.release', dev: 'a' });
    expect(port.calls).toEqual([]);
  });

  describe('groupSyncIsNoop (a full frame skips the groups it is true for)', () => {
    /** Whether the predicate held, and whether a full sync then left value and context as they were. */
    async function check(arrange: (s: ReturnType<typeof setup>) => Promise<void> | void): Promise<[boolean, boolean]> {
      const s = setup();
      await arrange(s);
      const noop = groupSyncIsNoop(s.actor.getSnapshot());
      const shape = () => {
        const { value, context: c } = s.actor.getSnapshot();
        return JSON.stringify({ value, request: c.request, result: c.lastResult, error: c.error });
      };
      const before = shape();
      s.actor.send({ type: 'group.sync', full: true });
      return [noop, shape() === before];
    }

    it('is true for an idle group already showing the model', async () => {
      expect(await check(() => {})).toEqual([true, true]);
      const owned = ({ port, actor }: ReturnType<typeof setup>) => {
        port.model.groups[0] = group(0, 'g0', ['a', 'b'], { owner: 'user', ownerCnt: 1, resetting: 1 });
        actor.send({ type: 'group.sync' });
      };
      expect(await check(owned)).toEqual([true, true]);
    });

    it('is false whenever the full sync would change the group', async () => {
      const cases: ((s: ReturnType<typeof setup>) => Promise<void> | void)[] = [
        ({ port }) => void (port.model.groups[0] = group(0, 'g0', ['a', 'b'], { owner: 'user', ownerCnt: 1 })),
        ({ port }) => void (port.model.groups[0] = group(0, 'g0', ['a', 'b'], { resetting: 1 })),
        async ({ actor }) => {
          actor.send({ type: 'group.claim', dev: 'a' });
          await waitFor(actor, (x) => x.context.lastResult !== null);
        },
      ];
      for (const arrange of cases) expect(await check(arrange)).toEqual([false, false]);
    });
  });
});
