import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import { emptyViewChanges, ViewState } from '../../client/viewState.ts';
import { Simulation } from '../../engine/index.ts';
import type { StepResult } from '../../engine/index.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { ViewDiffer } from '../../worker/viewModel.ts';
import { smmuCards } from '../SmmuTables/smmuCards.ts';
import { vtdCards } from '../VtdTables/vtdCards.ts';
import { DeviceMemory } from './deviceFilter.ts';
import { writtenFields } from './entryText.ts';
import type { HwInput } from './hwInput.ts';
import { cardSharer } from './shareCards.ts';
import { buildUnitCards, touchesUnit, UnitCards } from './unitCards.ts';
import type { UnitCardsSpec } from './unitCards.ts';

const SMMU: UnitCardsSpec = {
  deviceKind: 'ste',
  entryKind: 'cd',
  cards: (i, id, d, unit) => smmuCards(i, id, d, { unit }),
};
const VTD: UnitCardsSpec = {
  deviceKind: 'ctx',
  entryKind: 'pte',
  cards: (i, id, d, unit) => vtdCards(i, id, d, { unit }),
};

const IOMMUS = [
  { id: 'smmu0', type: 'smmuv3', ssidBits: 20 },
  { id: 'smmu1', type: 'smmuv3', ssidBits: 4 },
  { id: 'dmar0', type: 'vtd', pasidBits: 20 },
  { id: 'dmar1', type: 'vtd', pasidBits: 20 },
];

/** A mixed topology (two SMMUs, two VT-d units, more devices than a diagram draws) and random binds, unbinds and DMA. */
function randomScenario(seed: number, steps: number): unknown {
  const next = mulberry32(seed);
  const devices = Array.from({ length: 40 }, (_, i) => {
    const iommu = IOMMUS[i % IOMMUS.length]!;
    return iommu.type === 'vtd'
      ? { id: `d${i}`, iommu: iommu.id, bus: 'pci', pasidBits: 20, ats: true, pri: true }
      : { id: `d${i}`, iommu: iommu.id, bus: i % 5 === 0 ? 'platform' : 'pci', pasidBits: i % 5 === 0 ? 4 : 20 };
  });
  const bound: [string, string][] = [];
  const list: unknown[] = [];
  for (let s = 0; s < steps; s++) {
    const r = next();
    if (r < 0.55 || bound.length === 0) {
      const pair: [string, string] = [`d${randomInt(next, 0, devices.length - 1)}`, `p${randomInt(next, 0, 29)}`];
      bound.push(pair);
      list.push({ op: 'bind', dev: pair[0], proc: pair[1] });
    } else if (r < 0.8) {
      const [dev, proc] = bound.splice(randomInt(next, 0, bound.length - 1), 1)[0]!;
      list.push({ op: 'unbind', dev, proc });
    } else list.push({ op: 'dma', dev: `d${randomInt(next, 0, devices.length - 1)}`, pasid: randomInt(next, 1, 4) });
  }
  return {
    format: 'pasid-sandbox/1',
    title: 'unitCards property test',
    policy: 'global',
    iommus: IOMMUS,
    devices,
    processes: Array.from({ length: 30 }, (_, i) => ({ id: `p${i}` })),
    steps: list,
  };
}

/**
 * Steps through a random scenario publishing frames as the client does (sometimes two steps in
 * one publication, sometimes a frame the view does not render), with the selection and the
 * queue link changing now and then, and checks on every rendered frame that UnitCards answers
 * exactly what a rebuild from scratch answers, for every unit.
 */
function checkAgainstRebuild(seed: number, steps: number): { reused: number; rendered: number } {
  const next = mulberry32(seed ^ 0x5eed);
  const sim = Simulation.create(parseScenario(randomScenario(seed, steps)));
  const differ = new ViewDiffer();
  const view = new ViewState();
  view.apply(differ.diff(sim.state), emptyViewChanges());
  const units = IOMMUS.map((m, unit) => ({
    id: m.id,
    unit,
    spec: m.type === 'vtd' ? VTD : SMMU,
    cached: new UnitCards(),
    memory: new DeviceMemory(),
    share: cardSharer(),
  }));
  let selectedDevice: string | null = null;
  let selectedProc: string | null = null;
  let focusKey: string | null = null;
  let reused = 0;
  let rendered = 0;
  const prev = new Map<string, unknown>();
  for (let s = 0; s < steps && !sim.done;) {
    const changes = emptyViewChanges();
    let last: StepResult | null = null;
    const batch = next() < 0.1 ? 2 : 1;
    for (let b = 0; b < batch && !sim.done; b++, s++) {
      last = sim.step();
      view.apply(differ.diff(sim.state), changes);
    }
    if (next() < 0.05) selectedDevice = next() < 0.5 ? null : `d${randomInt(next, 0, 39)}`;
    if (next() < 0.05) selectedProc = next() < 0.5 ? null : `p${randomInt(next, 0, 29)}`;
    if (next() < 0.05) {
      const cd = view.tables.cd;
      focusKey = next() < 0.5 || cd.size === 0 ? null : cd.key(cd.slotAt(randomInt(next, 0, cd.size - 1)));
    }
    // A view off screen does not render the frame.
    if (next() < 0.15) continue;
    const input: HwInput = {
      tables: view.tables,
      upserted: changes.upserted,
      ghosts: changes.ghosts,
      written: writtenFields(last?.effects ?? []),
      focusKey,
      selectedDevice,
      selectedProc,
    };
    // Sometimes the same frame renders twice (a selection or size change re-renders it).
    const renders = next() < 0.05 ? 2 : 1;
    for (let r = 0; r < renders; r++) {
      for (const u of units) {
        const got = u.cached.get(input, u.unit, u.id, u.spec);
        const want = buildUnitCards(input, u.unit, u.id, u.spec, u.memory, u.share);
        expect(got.filter).toEqual(want.filter);
        expect(got.cards).toEqual(want.cards);
        // Reading only the unit's rows of the device table draws what reading all of them does.
        const full = u.spec === VTD ? vtdCards : smmuCards;
        expect(got.cards).toEqual(full(input, u.id, got.filter.devices));
        rendered++;
        if (prev.get(u.id) === got) reused++;
        prev.set(u.id, got);
      }
    }
  }
  return { reused, rendered };
}

describe('UnitCards', () => {
  it('answers what a rebuild answers, on random mixed scenarios', () => {
    let reused = 0;
    let rendered = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const r = checkAgainstRebuild(seed, 250);
      reused += r.reused;
      rendered += r.rendered;
    }
    // Most frames leave most units untouched: the cache must actually answer them.
    expect(reused).toBeGreaterThan(rendered / 3);
  });

  it('rebuilds when a table moved outside the frame’s change set', () => {
    const sim = Simulation.create(parseScenario(randomScenario(7, 20)));
    const differ = new ViewDiffer();
    const view = new ViewState();
    view.apply(differ.diff(sim.state), emptyViewChanges());
    const input = (changes = emptyViewChanges()): HwInput => ({
      tables: view.tables,
      upserted: changes.upserted,
      ghosts: changes.ghosts,
      written: new Map(),
      focusKey: null,
      selectedDevice: null,
      selectedProc: null,
    });
    const cached = new UnitCards();
    const first = cached.get(input(), 0, 'smmu0', SMMU);
    expect(cached.get(input(), 0, 'smmu0', SMMU)).toBe(first);
    // Steps the view did not render: the next frame's change set is empty, but the tables moved.
    while (!sim.done) {
      sim.step();
      view.apply(differ.diff(sim.state), emptyViewChanges());
    }
    const after = cached.get(input(), 0, 'smmu0', SMMU);
    expect(after).not.toBe(first);
    expect(after.cards).toEqual(smmuCards(input(), 'smmu0', after.filter.devices));
  });
});

describe('touchesUnit', () => {
  it('finds written entries, upserted rows and ghosts by the IOMMU id prefix', () => {
    const changes = emptyViewChanges();
    const input: HwInput = {
      tables: new ViewState().tables,
      upserted: changes.upserted,
      ghosts: changes.ghosts,
      written: new Map([['smmu1:CD[3][1]', new Set(['V'])]]),
      focusKey: null,
      selectedDevice: null,
      selectedProc: null,
    };
    expect(touchesUnit(input, 'smmu1:')).toBe(true);
    expect(touchesUnit(input, 'smmu0:')).toBe(false);
    changes.upserted.pte.add('dmar0:PASIDTE[00:08.0][2]');
    changes.ghosts.ste.push({ key: 'smmu10:STE[1]', num: new Int32Array(0), str: [] });
    expect(touchesUnit(input, 'dmar0:')).toBe(true);
    expect(touchesUnit(input, 'smmu10:')).toBe(true);
    expect(touchesUnit(input, 'smmu1:')).toBe(true);
    expect(touchesUnit(input, 'dmar1:')).toBe(false);
  });
});
