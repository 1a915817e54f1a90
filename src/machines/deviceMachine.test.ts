import { createActor, SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Step } from '../engine/index.ts';
import { deviceMachine, deviceSyncIsNoop } from './deviceMachine.ts';
import { device, fakePort, group, proc } from './testing/fakePort.ts';
import type { FakePort } from './testing/fakePort.ts';

function setup() {
  const port = fakePort();
  port.model.devices.set('nic0', device('nic0'));
  port.model.groups.push(group(0, 'g-nic0', ['nic0']));
  port.model.procs.set('P1', proc('P1'));
  port.model.domains.push({ id: 'dom1', type: 'paging', iommu: 'smmu0', pasidCompat: true, mm: null, defaultOf: null });
  const actor = createActor(deviceMachine, { input: { id: 'nic0', port }, clock: new SimulatedClock() });
  actor.start();
  return { port, actor };
}

describe('deviceMachine', () => {
  describe('rid region', () => {
    it('starts in the state the kernel reports', () => {
      expect(setup().actor.getSnapshot().value).toEqual({ rid: 'default', op: 'idle' });
    });

    it('follows device.sync through reset and back', () => {
      const { port, actor } = setup();
      port.model.devices.set('nic0', device('nic0', { rid: 'resetting' }));
      actor.send({ type: 'device.sync' });
      expect(actor.getSnapshot().matches({ rid: 'resetting' })).toBe(true);
      expect(actor.getSnapshot().hasTag('resetting')).toBe(true);
      port.model.devices.set('nic0', device('nic0', { rid: 'userDomain' }));
      actor.send({ type: 'device.sync' });
      expect(actor.getSnapshot().matches({ rid: 'userDomain' })).toBe(true);
    });
  });

  describe('op region', () => {
    it('runs a device step through the worker and keeps its result', async () => {
      const { port, actor } = setup();
      port.answer = (s) => ({ i: 0, op: s.op, ok: false, fault: 'C_BAD_CD' });
      actor.send({ type: 'device.run', step: { op: 'dma', dev: 'nic0', pasid: 3 } });
      expect(actor.getSnapshot().hasTag('busy')).toBe(true);
      const snap = await waitFor(actor, (s) => s.matches({ op: 'idle' }));
      expect(snap.context.lastResult).toMatchObject({ fault: 'C_BAD_CD' });
      expect(port.calls).toEqual([{ op: 'dma', dev: 'nic0', pasid: 3 }]);
    });

    it('ignores reset_done when the device is not in reset', () => {
      const { port, actor } = setup();
      actor.send({ type: 'device.run', step: { op: 'reset_done', dev: 'nic0' } });
      expect(actor.getSnapshot().matches({ op: 'idle' })).toBe(true);
      expect(port.calls).toEqual([]);
    });

    it('ignores attach_pasid while the group is in reset recovery (EBUSY, R43)', () => {
      const { port, actor } = setup();
      port.model.groups[0] = group(0, 'g-nic0', ['nic0'], { resetting: 1 });
      actor.send({ type: 'device.run', step: { op: 'attach_pasid', dev: 'nic0', domain: 'dom1', pasid: 5 } });
      expect(port.calls).toEqual([]);
    });
  });

  describe('bonds when untracked', () => {
    it('spawns a bond actor on first use and forwards the event to it', async () => {
      const { port, actor } = setup();
      port.answer = (s) => {
        port.model.bonds.set('nic0:P1', { pasid: 1, users: 1 });
        return { i: 0, op: s.op, ok: true, pasid: 1 };
      };
      actor.send({ type: 'bond.bind', proc: 'P1' });
      const bond = actor.getSnapshot().context.bonds['P1'];
      expect(bond).toBeDefined();
      await waitFor(bond!, (s) => s.matches('bound'));
      expect(bond!.getSnapshot().context.pasid).toBe(1);
    });

    it('spawns no bond actor for scenario results or kernel bonds', () => {
      const { port, actor } = setup();
      port.model.bonds.set('nic0:P1', { pasid: 7, users: 1 });
      actor.send({ type: 'bond.sync' });
      actor.send({ type: 'bond.result', proc: 'P2', step: bind('P2'), result: { i: 0, op: 'bind', ok: true } });
      expect(actor.getSnapshot().context.bonds).toEqual({});
      expect(Object.keys(actor.getSnapshot().children)).toEqual([]);
    });

    it('forwards results to a bond actor it already has', () => {
      const { actor } = setup();
      actor.send({ type: 'bond.dismiss', proc: 'P1' });
      actor.send({ type: 'bond.unbind', proc: 'P1' }); // refused (no bond), but the actor exists now
      const failed = { i: 3, op: 'bind', ok: false, errno: 'ENOSPC' } as const;
      actor.send({ type: 'bond.result', proc: 'P1', step: bind('P1'), result: failed });
      expect(actor.getSnapshot().context.bonds['P1']?.getSnapshot().context.errno).toBe('ENOSPC');
    });
  });

  describe('bonds when tracked', () => {
    it('spawns bond actors for bonds that appear in the kernel', () => {
      const { port, actor } = setup();
      actor.send({ type: 'device.track' });
      port.model.bonds.set('nic0:P1', { pasid: 7, users: 1 });
      actor.send({ type: 'bond.sync' });
      const bond = actor.getSnapshot().context.bonds['P1'];
      expect(bond?.getSnapshot().value).toBe('bound');
    });

    it('shows every bond of the kernel and the log, each with its last outcome', () => {
      const { port, actor } = setup();
      withLog(port);
      actor.send({ type: 'device.track' });
      const { bonds } = actor.getSnapshot().context;
      expect(Object.keys(bonds).sort()).toEqual(['P1', 'P2', 'P3']);
      expect(bonds['P1']?.getSnapshot().value).toBe('bound');
      expect(bonds['P1']?.getSnapshot().context.pasid).toBe(1);
      expect(bonds['P2']?.getSnapshot().value).toBe('failed');
      expect(bonds['P2']?.getSnapshot().context.errno).toBe('EOVERFLOW');
      expect(bonds['P2']?.getSnapshot().context.message).toBe('no PASID left');
      expect(bonds['P3']?.getSnapshot().value).toBe('bound');
    });

    it('starts tracked when its input says so', () => {
      const port = fakePort();
      port.model.devices.set('nic0', device('nic0'));
      withLog(port);
      const actor = createActor(deviceMachine, { input: { id: 'nic0', port, tracked: true } }).start();
      expect(Object.keys(actor.getSnapshot().context.bonds).sort()).toEqual(['P1', 'P2', 'P3']);
    });

    it('untrack stops the bond actors, except one mid-request', async () => {
      const { port, actor } = setup();
      withLog(port);
      actor.send({ type: 'device.track' });
      const before = actor.getSnapshot().context.bonds;
      port.hold = true;
      actor.send({ type: 'bond.bind', proc: 'P3' });
      actor.send({ type: 'device.untrack' });
      const { bonds } = actor.getSnapshot().context;
      expect(Object.keys(bonds)).toEqual(['P3']);
      expect(Object.keys(actor.getSnapshot().children)).toEqual(['bond:nic0:P3']);
      expect(before['P1']?.getSnapshot().status).toBe('stopped');
      port.release();
      await waitFor(bonds['P3']!, (s) => s.matches('bound'));
    });

    it('a full sync resets bonds to the log and drops the ones it no longer shows', () => {
      const { port, actor } = setup();
      withLog(port);
      actor.send({ type: 'device.track' });
      const p1 = actor.getSnapshot().context.bonds['P1']!;
      const later = { i: 3, op: 'bind', ok: false, errno: 'ENOSPC' } as const;
      actor.send({ type: 'bond.result', proc: 'P1', step: bind('P1'), result: later });
      expect(p1.getSnapshot().value).toBe('failed');
      // Seek back to just after the first step: P1 bound, nothing else happened yet.
      port.model.log.length = 1;
      port.model.logSteps.length = 1;
      port.model.bonds.delete('nic0:P3');
      port.model.bonds.set('nic0:P1', { pasid: 1, users: 1 });
      actor.send({ type: 'device.sync', full: true });
      const { bonds } = actor.getSnapshot().context;
      expect(Object.keys(bonds)).toEqual(['P1']);
      expect(bonds['P1']).toBe(p1);
      expect(p1.getSnapshot().value).toBe('bound');
      expect(p1.getSnapshot().context.errno).toBeNull();
      expect(Object.keys(actor.getSnapshot().children)).toEqual(['bond:nic0:P1']);
    });

    it('a full sync forgets the last device result, as a fresh actor', async () => {
      const { actor } = setup();
      actor.send({ type: 'device.run', step: { op: 'dma', dev: 'nic0', pasid: 3 } });
      await waitFor(actor, (s) => s.context.lastResult !== null);
      actor.send({ type: 'device.sync' });
      expect(actor.getSnapshot().context.lastResult).not.toBeNull();
      actor.send({ type: 'device.sync', full: true });
      expect(actor.getSnapshot().context.lastResult).toBeNull();
    });
  });

  describe('deviceSyncIsNoop (a full frame skips the devices it is true for)', () => {
    /** The snapshot's value and plain context (bond refs by process), to compare before and after a sync. */
    const shape = (actor: ReturnType<typeof setup>['actor']) => {
      const { value, context: c } = actor.getSnapshot();
      return {
        value,
        tracked: c.tracked,
        bonds: Object.keys(c.bonds),
        request: c.request,
        result: c.lastResult,
        error: c.error,
      };
    };

    /** Each case: whether a full sync changes the actor, and what the predicate says first. */
    async function check(arrange: (s: ReturnType<typeof setup>) => Promise<void> | void): Promise<[boolean, boolean]> {
      const s = setup();
      await arrange(s);
      const noop = deviceSyncIsNoop(s.actor.getSnapshot());
      const before = shape(s.actor);
      s.actor.send({ type: 'device.sync', full: true });
      return [noop, JSON.stringify(shape(s.actor)) === JSON.stringify(before)];
    }

    it('is true for an untracked, idle device already showing the model', async () => {
      expect(await check(() => {})).toEqual([true, true]);
    });

    it('is false whenever the full sync would change the device', async () => {
      const cases: ((s: ReturnType<typeof setup>) => Promise<void> | void)[] = [
        // The model moved on without a sync (its rid region is stale).
        ({ port }) => void port.model.devices.set('nic0', device('nic0', { rid: 'blocked' })),
        // A result to forget.
        async ({ actor }) => {
          actor.send({ type: 'device.run', step: { op: 'dma', dev: 'nic0', pasid: 3 } });
          await waitFor(actor, (x) => x.context.lastResult !== null);
        },
        // Tracked, with a bond the log shows.
        ({ port, actor }) => {
          withLog(port);
          actor.send({ type: 'device.track' });
          port.model.log.length = 0;
          port.model.logSteps.length = 0;
          port.model.bonds.clear();
        },
      ];
      for (const arrange of cases) {
        const [noop, unchanged] = await check(arrange);
        expect({ noop, unchanged }).toEqual({ noop: false, unchanged: false });
      }
    });

    it('is false for a device with a request in flight', () => {
      const { port, actor } = setup();
      port.hold = true;
      actor.send({ type: 'device.run', step: { op: 'dma', dev: 'nic0', pasid: 3 } });
      expect(actor.getSnapshot().hasTag('busy')).toBe(true);
      expect(deviceSyncIsNoop(actor.getSnapshot())).toBe(false);
    });
  });
});

const bind = (p: string): Step => ({ op: 'bind', dev: 'nic0', proc: p });

/** P1 bound (PASID 1), P2 failed to bind (EOVERFLOW), P3 bound in the kernel with no log entry; P4 is another device's. */
function withLog(port: FakePort): void {
  port.model.procs.set('P2', proc('P2'));
  port.model.procs.set('P3', proc('P3'));
  port.model.logSteps.push(bind('P1'), { op: 'bind', dev: 'other', proc: 'P4' }, bind('P2'));
  port.model.log.push(
    { i: 0, op: 'bind', ok: true, pasid: 1 },
    { i: 1, op: 'bind', ok: true, pasid: 2 },
    { i: 2, op: 'bind', ok: false, errno: 'EOVERFLOW', message: 'no PASID left' }
  );
  port.model.bonds.set('nic0:P1', { pasid: 1, users: 1 });
  port.model.bonds.set('nic0:P3', { pasid: 3, users: 1 });
}
