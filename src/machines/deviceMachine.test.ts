import { createActor, SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { deviceMachine } from './deviceMachine.ts';
import { device, fakePort, group, proc } from './testing/fakePort.ts';

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

  describe('bonds', () => {
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

    it('spawns bond actors for bonds that appear in the kernel', () => {
      const { port, actor } = setup();
      port.model.bonds.set('nic0:P1', { pasid: 7, users: 1 });
      actor.send({ type: 'bond.sync' });
      const bond = actor.getSnapshot().context.bonds['P1'];
      expect(bond?.getSnapshot().value).toBe('bound');
    });
  });
});
