import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/index.ts';
import { parseScenario } from '../engine/scenario/parse.ts';
import { HOLDER } from '../protocol/views.ts';
import { ViewDiffer } from '../worker/viewModel.ts';
import arch from '../../public/scenarios/arch-gated.json';
import detach from '../../public/scenarios/detach-semantics-2022.json';
import dmaOwn from '../../public/scenarios/dma-ownership.json';
import driverManaged from '../../public/scenarios/driver-managed.json';
import dsaIaa from '../../public/scenarios/dsa-iaa.json';
import enqcmd from '../../public/scenarios/enqcmd-lazy-msr.json';
import exitBound from '../../public/scenarios/exit-while-bound.json';
import flaws from '../../public/scenarios/rfc-patch-flaws.json';
import ridDetach from '../../public/scenarios/rid-detach.json';
import reserved from '../../public/scenarios/reserved-dma-pasid-2021.json';
import rfcJson from '../../public/scenarios/rfc-problem.json';
import { emptyViewChanges, ViewState } from './viewState.ts';

const rfc = parseScenario(rfcJson);

describe('ViewState', () => {
  it('mirrors the worker tables through deltas, in key order', () => {
    const sim = Simulation.create(rfc);
    const differ = new ViewDiffer();
    const view = new ViewState();
    view.apply(differ.diff(sim.state), emptyViewChanges());
    for (let i = 0; i < 5; i++) {
      sim.step();
      view.apply(differ.diff(sim.state), emptyViewChanges());
    }
    const keys = view.tables.cd.objects().map((r) => r.key);
    expect(keys).toEqual([
      'smmu0:CD[0][0]',
      'smmu0:CD[0][1]',
      'smmu0:CD[0][2]',
      'smmu0:CD[0][3]',
      'smmu0:CD[1][0]',
      'smmu0:CD[1][1]',
    ]);
    const slot = view.tables.cd.find('smmu0:CD[1][1]');
    expect(view.tables.cd.n(slot, 'ASID')).toBeGreaterThan(0);
    expect(view.tables.cd.s(slot, 'TTB0')).toBe('mm:P1');
    expect(view.tables.cd.positionOf('smmu0:CD[1][1]')).toBe(5);
    expect(view.tables.cd.range([0, 1])).toEqual([4, 6]);
    expect(view.tables.cd.range([0, 0])).toEqual([0, 4]);
    expect(view.tables.cd.range([0, 7])).toEqual([6, 6]);
    expect([...view.allocated].sort()).toEqual([1, 2, 3]);
    expect(view.holders[2]).toBe(HOLDER.procBase + 1);
  });

  it('records upserts, ghosts of removed rows and changed PASIDs', () => {
    const sim = Simulation.create(rfc);
    const differ = new ViewDiffer();
    const view = new ViewState();
    view.apply(differ.diff(sim.state), emptyViewChanges());
    for (let i = 0; i < 10; i++) sim.step(); // … unbind nic0 P2
    view.apply(differ.diff(sim.state), emptyViewChanges());
    sim.step(); // P2 exits
    const changes = emptyViewChanges();
    view.apply(differ.diff(sim.state), changes);
    expect([...changes.pasids]).toEqual([2]);
    expect(view.holders[2]).toBe(HOLDER.free);
    expect(view.allocated.has(2)).toBe(false);
    sim.step(); // P4 binds accel0 with PASID 2
    const c2 = emptyViewChanges();
    view.apply(differ.diff(sim.state), c2);
    expect([...c2.upserted.cd]).toEqual(['smmu0:CD[1][2]']);
    expect(view.tables.cd.positionOf('smmu0:CD[1][2]')).toBe(view.tables.cd.positionOf('smmu0:CD[1][1]') + 1);
  });

  it('keeps a ghost of a cleared CD', () => {
    const sim = Simulation.create(rfc);
    const differ = new ViewDiffer();
    const view = new ViewState();
    for (let i = 0; i < 9; i++) sim.step();
    view.apply(differ.diff(sim.state), emptyViewChanges());
    sim.step(); // unbind nic0 P2: CD[0][2] cleared
    const changes = emptyViewChanges();
    view.apply(differ.diff(sim.state), changes);
    expect(changes.ghosts.cd.map((g) => g.key)).toEqual(['smmu0:CD[0][2]']);
    expect(view.tables.cd.find('smmu0:CD[0][2]')).toBe(-1);
    expect(view.tables.cd.objects().map((r) => r.key)).not.toContain('smmu0:CD[0][2]');
  });
});

const ALL: Record<string, unknown> = {
  rfc: rfcJson,
  reserved,
  arch,
  detach,
  dmaOwn,
  driverManaged,
  dsaIaa,
  enqcmd,
  exitBound,
  flaws,
  ridDetach,
};

describe('ViewDiffer with effects', () => {
  it.each(Object.keys(ALL))('%s: deltas from write effects rebuild the same tables as full reads', (name) => {
    const sim = Simulation.create(parseScenario(ALL[name]));
    const inc = new ViewDiffer();
    const view = new ViewState();
    view.apply(inc.diff(sim.state), emptyViewChanges());
    while (!sim.done) {
      const r = sim.step();
      view.apply(inc.diff(sim.state, r.effects ?? []), emptyViewChanges());
      const fresh = new ViewState();
      fresh.apply(new ViewDiffer().diff(sim.state), emptyViewChanges());
      for (const kind of ['ste', 'l1cd', 'cd', 'root', 'ctx', 'pdir', 'pte', 'handle', 'kpasid'] as const) {
        expect(view.tables[kind].objects(), `${kind} after step ${r.i}`).toEqual(fresh.tables[kind].objects());
      }
      expect([...view.allocated].sort()).toEqual([...fresh.allocated].sort());
    }
  });
});
