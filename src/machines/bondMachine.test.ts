import { createActor, SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { bondMachine } from './bondMachine.ts';
import { device, fakePort, group, proc } from './testing/fakePort.ts';

function setup() {
  const port = fakePort();
  port.model.devices.set('accel0', device('accel0', { maxPasids: 4 }));
  port.model.groups.push(group(0, 'g-accel0', ['accel0']));
  port.model.procs.set('P4', proc('P4'));
  const actor = createActor(bondMachine, { input: { dev: 'accel0', proc: 'P4', port }, clock: new SimulatedClock() });
  actor.start();
  return { port, actor };
}

describe('bondMachine', () => {
  describe('when unbound', () => {
    it('starts unbound when the kernel has no bond', () => {
      expect(setup().actor.getSnapshot().value).toBe('unbound');
    });

    it('bond.bind goes to binding and asks the worker for a bind step', () => {
      const { port, actor } = setup();
      port.hold = true;
      actor.send({ type: 'bond.bind', proc: 'P4' });
      expect(actor.getSnapshot().value).toBe('binding');
      expect(port.calls).toEqual([{ op: 'bind', dev: 'accel0', proc: 'P4' }]);
    });

    it('refuses bond.bind for an exited process (the guard mirrors the kernel)', () => {
      const { port, actor } = setup();
      port.model.procs.set('P4', proc('P4', { alive: false }));
      actor.send({ type: 'bond.bind', proc: 'P4' });
      expect(actor.getSnapshot().value).toBe('unbound');
      expect(port.calls).toEqual([]);
    });

    it('refuses bond.bind for an x86 mm using LAM, not for an arm64 one (R10)', () => {
      const { port, actor } = setup();
      port.model.procs.set('P4', proc('P4', { lam: true }));
      port.model.topology = { arch: 'x86' };
      actor.send({ type: 'bond.bind', proc: 'P4' });
      expect(port.calls).toEqual([]);
      port.model.topology = { arch: 'arm64' };
      actor.send({ type: 'bond.bind', proc: 'P4' });
      expect(port.calls).toEqual([{ op: 'bind', dev: 'accel0', proc: 'P4' }]);
    });

    it('bind_pasid is refused outside driver-managed (EOPNOTSUPP)', () => {
      const { port, actor } = setup();
      actor.send({ type: 'bond.bind', proc: 'P4', viaDriver: true });
      expect(actor.getSnapshot().value).toBe('unbound');
      port.model.policy = 'driver-managed';
      port.hold = true;
      actor.send({ type: 'bond.bind', proc: 'P4', viaDriver: true, pasid: 2 });
      expect(port.calls).toEqual([{ op: 'bind_pasid', dev: 'accel0', proc: 'P4', pasid: 2 }]);
    });
  });

  describe('when binding', () => {
    it('goes to bound with the kernel PASID', async () => {
      const { port, actor } = setup();
      port.answer = (s) => {
        port.model.bonds.set('accel0:P4', { pasid: 2, users: 1 });
        return { i: 0, op: s.op, ok: true, pasid: 2 };
      };
      actor.send({ type: 'bond.bind', proc: 'P4' });
      const snap = await waitFor(actor, (s) => s.matches('bound'));
      expect(snap.context.pasid).toBe(2);
      expect(snap.hasTag('bound')).toBe(true);
    });

    it('goes to failed with the errno the kernel returned', async () => {
      const { port, actor } = setup();
      port.answer = (s) => ({ i: 3, op: s.op, ok: false, errno: 'ENOSPC', message: 'no free global PASID in [1, 3]' });
      actor.send({ type: 'bond.bind', proc: 'P4' });
      const snap = await waitFor(actor, (s) => s.matches('failed'));
      expect(snap.context).toMatchObject({ errno: 'ENOSPC', message: 'no free global PASID in [1, 3]' });
    });

    it('goes to failed without an errno when the worker request fails', async () => {
      const { port, actor } = setup();
      port.failNext = 'client disposed';
      actor.send({ type: 'bond.bind', proc: 'P4' });
      const snap = await waitFor(actor, (s) => s.matches('failed'));
      expect(snap.context).toMatchObject({ errno: null, message: 'client disposed' });
    });
  });

  describe('when bound', () => {
    it('unbinds back to unbound', async () => {
      const { port, actor } = setup();
      port.model.bonds.set('accel0:P4', { pasid: 1, users: 1 });
      actor.send({ type: 'bond.sync' });
      expect(actor.getSnapshot().value).toBe('bound');
      port.answer = (s) => {
        port.model.bonds.delete('accel0:P4');
        return { i: 0, op: s.op, ok: true };
      };
      actor.send({ type: 'bond.unbind', proc: 'P4' });
      expect(actor.getSnapshot().value).toBe('unbinding');
      await waitFor(actor, (s) => s.matches('unbound'));
    });

    it('stays bound after an unbind that only dropped one of two users', async () => {
      const { port, actor } = setup();
      port.model.bonds.set('accel0:P4', { pasid: 1, users: 2 });
      actor.send({ type: 'bond.sync' });
      port.answer = (s) => {
        port.model.bonds.set('accel0:P4', { pasid: 1, users: 1 });
        return { i: 0, op: s.op, ok: true };
      };
      actor.send({ type: 'bond.unbind', proc: 'P4' });
      const snap = await waitFor(actor, (s) => s.matches('bound'));
      expect(snap.context.users).toBe(1);
    });

    it('follows the kernel when a sync shows the bond gone', () => {
      const { port, actor } = setup();
      port.model.bonds.set('accel0:P4', { pasid: 1, users: 1 });
      actor.send({ type: 'bond.sync' });
      port.model.bonds.clear();
      actor.send({ type: 'bond.sync' });
      expect(actor.getSnapshot().value).toBe('unbound');
    });
  });

  describe('replayed results', () => {
    it('a failed bind step from the scenario shows as failed with its errno', () => {
      const { actor } = setup();
      actor.send({
        type: 'bond.result',
        proc: 'P4',
        step: { op: 'bind', dev: 'accel0', proc: 'P4' },
        result: { i: 8, op: 'bind', ok: false, errno: 'EOVERFLOW' },
      });
      expect(actor.getSnapshot().value).toBe('failed');
      expect(actor.getSnapshot().context.errno).toBe('EOVERFLOW');
      actor.send({ type: 'bond.dismiss', proc: 'P4' });
      expect(actor.getSnapshot().value).toBe('unbound');
    });
  });
});
