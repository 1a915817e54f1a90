import { createActor, SimulatedClock, waitFor } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../engine/index.ts';
import type { Frame, SimModel } from '../client/index.ts';
import { emptyChanges, emptyViewChanges, ViewState } from '../client/index.ts';
import type { Topology } from '../protocol/index.ts';
import { sandboxMachine } from './sandboxMachine.ts';
import { device, fakePort, group, proc } from './testing/fakePort.ts';
import type { FakePort } from './testing/fakePort.ts';

const scenario: Scenario = {
  format: 'pasid-sandbox/1',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [{ id: 'nic0', iommu: 'smmu0', pasidBits: 20 }],
  processes: [{ id: 'P1' }],
  steps: [
    { op: 'bind', dev: 'nic0', proc: 'P1' },
    { op: 'dma', dev: 'nic0', pasid: 1 },
    { op: 'unbind', dev: 'nic0', proc: 'P1' },
  ],
};

const topology: Topology = {
  iommus: [{ id: 'smmu0', type: 'smmuv3', maxPasids: 1 << 20 }],
  devices: [
    {
      id: 'nic0',
      iommu: 'smmu0',
      group: 0,
      bus: 'pci',
      maxPasids: 1 << 20,
      enqcmd: false,
      ats: false,
      pri: false,
      sid: 0,
      bdf: '00:00.0',
    },
  ],
  groups: ['g-nic0'],
  groupDevices: [[0]],
  procs: [{ id: 'P1', threads: 1 }],
  arch: 'arm64',
  enqcmdLike: false,
};

function setup() {
  const port = fakePort();
  port.model.devices.set('nic0', device('nic0'));
  port.model.groups.push(group(0, 'g-nic0', ['nic0']));
  port.model.procs.set('P1', proc('P1'));
  const clock = new SimulatedClock();
  const actor = createActor(sandboxMachine, { input: { port }, clock }).start();
  return { port, actor, clock };
}

const views = new ViewState();

function frame(full: boolean, devices: number[] = [], topo: Topology = topology): Frame {
  const changes = emptyChanges();
  changes.full = full;
  devices.forEach((d) => changes.devices.add(d));
  return {
    version: 1,
    model: { topology: topo } as unknown as SimModel,
    changes,
    views,
    viewChanges: emptyViewChanges(),
  };
}

/** A full frame after the log got a successful and then a failed bind of nic0 by P1. */
function failedBindFrame(port: FakePort): Frame {
  port.model.log.push({ i: 0, op: 'bind', ok: true, pasid: 1 }, { i: 1, op: 'bind', ok: false, errno: 'EOVERFLOW' });
  port.model.logSteps.push({ op: 'bind', dev: 'nic0', proc: 'P1' }, { op: 'bind', dev: 'nic0', proc: 'P1' });
  const f = frame(true);
  f.changes.log = true;
  return f;
}

/** The same machine with another device (and group) in place of nic0. */
const otherTopology: Topology = {
  ...topology,
  devices: [{ ...topology.devices[0]!, id: 'gpu0' }],
  groups: ['g-gpu0'],
};

async function loaded() {
  const s = setup();
  s.actor.send({ type: 'scenario.load', scenario, policy: 'global' });
  await waitFor(s.actor, (x) => x.matches({ ready: 'idle' }));
  return s;
}

describe('sandboxMachine', () => {
  describe('when loading', () => {
    it('loads the scenario and becomes ready', async () => {
      const { port } = await loaded();
      expect(port.calls).toEqual([{ nav: 'load:global', arg: 0 }]);
    });

    it('goes back to empty with the error when the first load fails', async () => {
      const { port, actor } = setup();
      port.failNext = 'engine exploded';
      actor.send({ type: 'scenario.load', scenario, policy: 'global' });
      const snap = await waitFor(actor, (x) => x.matches('empty') && x.context.error !== null);
      expect(snap.context.error).toBe('engine exploded');
    });

    it('keeps the previous scenario when a later load fails', async () => {
      const { port, actor } = await loaded();
      port.failNext = 'bad';
      actor.send({ type: 'scenario.load', scenario: { ...scenario, title: 'new' }, policy: 'global' });
      const snap = await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && x.context.error === 'bad');
      expect(port.scenario).toBe(scenario);
      expect(snap.context.error).toBe('bad');
    });
  });

  describe('when ready', () => {
    it('steps forward and back', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'sim.step' });
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 1);
      actor.send({ type: 'sim.back' });
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 0);
      expect(port.calls.slice(1)).toEqual([
        { nav: 'step', arg: 1 },
        { nav: 'seek', arg: 0 },
      ]);
    });

    it('queues steps requested while moving and sends them as one request', async () => {
      const { port, actor } = await loaded();
      port.hold = true;
      actor.send({ type: 'sim.step' });
      actor.send({ type: 'sim.step' });
      actor.send({ type: 'sim.step' });
      port.hold = false;
      port.release();
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 3);
      expect(port.calls.slice(1)).toEqual([
        { nav: 'step', arg: 1 },
        { nav: 'step', arg: 2 },
      ]);
    });

    it('keeps backs clicked while moving: net of the steps, sent as one seek', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'sim.seek', cursor: 3 });
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 3);
      port.hold = true;
      actor.send({ type: 'sim.back' });
      actor.send({ type: 'sim.back' });
      actor.send({ type: 'sim.step' });
      actor.send({ type: 'sim.back' });
      port.hold = false;
      port.release();
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 1);
      expect(port.calls.slice(2)).toEqual([
        { nav: 'seek', arg: 2 },
        { nav: 'seek', arg: 1 },
      ]);
    });

    it('keeps a seek (Home, End) asked for while moving; clicks after it count from its target', async () => {
      const { port, actor } = await loaded();
      port.hold = true;
      actor.send({ type: 'sim.step' });
      actor.send({ type: 'sim.step' });
      actor.send({ type: 'sim.end' });
      actor.send({ type: 'sim.back' });
      port.hold = false;
      port.release();
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 2);
      expect(port.calls.slice(1)).toEqual([
        { nav: 'step', arg: 1 },
        { nav: 'seek', arg: 2 },
      ]);
      // Clicks that cancel out send nothing more than the move under way.
      port.hold = true;
      actor.send({ type: 'sim.step' });
      actor.send({ type: 'sim.back' });
      actor.send({ type: 'sim.step' });
      port.hold = false;
      port.release();
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 3);
      expect(port.calls.slice(3)).toEqual([{ nav: 'step', arg: 1 }]);
    });

    it('sim.back is refused at step 0', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'sim.back' });
      expect(actor.getSnapshot().matches({ ready: 'idle' })).toBe(true);
      expect(port.calls).toHaveLength(1);
    });

    it('policy.change reloads the same scenario at the same cursor', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'sim.seek', cursor: 2 });
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.cursor === 2);
      actor.send({ type: 'policy.change', policy: 'per-device-cap' });
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && port.model.policy === 'per-device-cap');
      expect(port.calls.at(-1)).toEqual({ nav: 'load:per-device-cap', arg: 2 });
    });

    it('runs process steps through the worker, guarded', async () => {
      const { port, actor } = await loaded();
      port.model.procs.set('P1', proc('P1', { alive: false }));
      actor.send({ type: 'global.run', step: { op: 'exit', proc: 'P1' } });
      expect(port.calls).toHaveLength(1);
      port.model.procs.set('P1', proc('P1'));
      actor.send({ type: 'global.run', step: { op: 'exit', proc: 'P1' } });
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }) && x.context.lastResult !== null);
      expect(port.calls.at(-1)).toEqual({ op: 'exit', proc: 'P1' });
    });
  });

  describe('when playing', () => {
    it('advances one step per interval on the clock and stops at the end', async () => {
      const { port, actor, clock } = await loaded();
      actor.send({ type: 'sim.play', intervalMs: 500 });
      expect(actor.getSnapshot().hasTag('playing')).toBe(true);
      for (let i = 1; i <= 3; i++) {
        clock.increment(499);
        expect(port.model.cursor).toBe(i - 1);
        clock.increment(1);
        await waitFor(actor, () => port.model.cursor === i);
      }
      await waitFor(actor, (x) => x.matches({ ready: 'idle' }));
    });

    it('sim.pause stops before the next step', async () => {
      const { port, actor, clock } = await loaded();
      actor.send({ type: 'sim.play', intervalMs: 500 });
      actor.send({ type: 'sim.pause' });
      clock.increment(2000);
      expect(actor.getSnapshot().matches({ ready: 'idle' })).toBe(true);
      expect(port.model.cursor).toBe(0);
    });
  });

  describe('frames', () => {
    it('a full frame spawns one actor per device and per group', async () => {
      const { actor } = await loaded();
      actor.send({ type: 'frame', frame: frame(true) });
      const { devices, groups } = actor.getSnapshot().context;
      expect(Object.keys(devices)).toEqual(['nic0']);
      expect(Object.keys(groups)).toEqual(['g-nic0']);
      expect(devices['nic0']?.id).toBe('device:nic0');
    });

    it('a delta frame re-syncs only the devices that changed', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'frame', frame: frame(true) });
      const dev = actor.getSnapshot().context.devices['nic0']!;
      port.model.devices.set('nic0', device('nic0', { rid: 'userOwned' }));
      actor.send({ type: 'frame', frame: frame(false, []) });
      expect(dev.getSnapshot().matches({ rid: 'default' })).toBe(true);
      actor.send({ type: 'frame', frame: frame(false, [0]) });
      expect(dev.getSnapshot().matches({ rid: 'userOwned' })).toBe(true);
    });

    it('a tracked device shows the last bind outcome of each bond, with its errno', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'device.track', id: 'nic0' });
      actor.send({ type: 'frame', frame: failedBindFrame(port) });
      const bond = actor.getSnapshot().context.devices['nic0']!.getSnapshot().context.bonds['P1'];
      expect(bond?.getSnapshot().value).toBe('failed');
      expect(bond?.getSnapshot().context.errno).toBe('EOVERFLOW');
    });

    it('tracking a device after the fact shows the same bonds', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'frame', frame: failedBindFrame(port) });
      actor.send({ type: 'device.track', id: 'nic0' });
      const bond = actor.getSnapshot().context.devices['nic0']!.getSnapshot().context.bonds['P1'];
      expect(bond?.getSnapshot().context.errno).toBe('EOVERFLOW');
      actor.send({ type: 'device.untrack', id: 'nic0' });
      expect(actor.getSnapshot().context.devices['nic0']!.getSnapshot().context.bonds).toEqual({});
      expect(bond?.getSnapshot().status).toBe('stopped');
    });

    it('an untracked device spawns no bond actors from results', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'frame', frame: failedBindFrame(port) });
      port.model.log.push({ i: 2, op: 'bind', ok: true, pasid: 1 });
      port.model.logSteps.push({ op: 'bind', dev: 'nic0', proc: 'P1' });
      const delta = frame(false);
      delta.changes.log = true;
      delta.changes.bondDevices.add(0);
      actor.send({ type: 'frame', frame: delta });
      const dev = actor.getSnapshot().context.devices['nic0']!;
      expect(dev.getSnapshot().context.bonds).toEqual({});
      expect(Object.keys(dev.getSnapshot().children)).toEqual([]);
    });

    it('a full frame of the same topology keeps the actors and re-syncs them', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'device.track', id: 'nic0' });
      actor.send({ type: 'frame', frame: frame(true) });
      const { devices, groups } = actor.getSnapshot().context;
      port.model.devices.set('nic0', device('nic0', { rid: 'blocked' }));
      port.model.groups[0] = group(0, 'g-nic0', ['nic0'], { owner: 'vfio', ownerCnt: 1 });
      actor.send({ type: 'frame', frame: failedBindFrame(port) });
      const next = actor.getSnapshot().context;
      expect(next.devices['nic0']).toBe(devices['nic0']);
      expect(next.groups['g-nic0']).toBe(groups['g-nic0']);
      expect(next.devices['nic0']!.getSnapshot().matches({ rid: 'blocked' })).toBe(true);
      expect(next.groups['g-nic0']!.getSnapshot().hasTag('owned')).toBe(true);
      const bond = next.devices['nic0']!.getSnapshot().context.bonds['P1'];
      expect(bond?.getSnapshot().context.errno).toBe('EOVERFLOW');
    });

    it('a full frame of the same topology leaves alone the actors that already show it', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'frame', frame: frame(true) });
      const dev = actor.getSnapshot().context.devices['nic0']!;
      const grp = actor.getSnapshot().context.groups['g-nic0']!;
      const [devSnap, grpSnap] = [dev.getSnapshot(), grp.getSnapshot()];
      actor.send({ type: 'frame', frame: frame(true) });
      expect(dev.getSnapshot()).toBe(devSnap);
      expect(grp.getSnapshot()).toBe(grpSnap);
      port.model.devices.set('nic0', device('nic0', { rid: 'identity' }));
      actor.send({ type: 'frame', frame: frame(true) });
      expect(dev.getSnapshot().matches({ rid: 'identity' })).toBe(true);
      expect(grp.getSnapshot()).toBe(grpSnap);
    });

    it('a full frame of another topology respawns the actors, leaving no stopped child behind', async () => {
      const { port, actor } = await loaded();
      actor.send({ type: 'device.track', id: 'nic0' });
      actor.send({ type: 'frame', frame: failedBindFrame(port) });
      const old = actor.getSnapshot().context.devices['nic0']!;
      const oldBond = old.getSnapshot().context.bonds['P1']!;
      port.model.devices.set('gpu0', device('gpu0'));
      actor.send({ type: 'device.track', id: 'gpu0' });
      actor.send({ type: 'frame', frame: frame(true, [], otherTopology) });
      const snap = actor.getSnapshot();
      expect(Object.keys(snap.context.devices)).toEqual(['gpu0']);
      expect(Object.keys(snap.context.groups)).toEqual(['g-gpu0']);
      expect(Object.keys(snap.children).sort()).toEqual(['device:gpu0', 'group:g-gpu0', 'navigator']);
      expect(old.getSnapshot().status).toBe('stopped');
      expect(oldBond.getSnapshot().status).toBe('stopped');
      expect(snap.context.devices['gpu0']!.getSnapshot().context.tracked).toBe(true);
      // Back to the first topology: nic0 is still tracked and shows its bond again.
      actor.send({ type: 'frame', frame: frame(true) });
      const again = actor.getSnapshot().context.devices['nic0']!;
      expect(again).not.toBe(old);
      expect(again.getSnapshot().context.bonds['P1']?.getSnapshot().context.errno).toBe('EOVERFLOW');
    });
  });
});
