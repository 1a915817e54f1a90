import { describe, expect, it } from 'vitest';
import rfcJson from '../../../public/scenarios/rfc-problem.json';
import { emptyViewChanges, ViewState } from '../../client/viewState.ts';
import { Simulation } from '../../engine/index.ts';
import type { StepResult } from '../../engine/index.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { ViewDiffer } from '../../worker/viewModel.ts';
import { writtenFields } from '../shared/entryText.ts';
import type { HwInput } from '../shared/hwInput.ts';
import { smmuCards } from './smmuCards.ts';

/** Runs `steps` steps of rfc-problem and returns the view input after the last one. */
function inputAfter(steps: number, extra: Partial<HwInput> = {}): HwInput {
  const sim = Simulation.create(parseScenario(rfcJson));
  const differ = new ViewDiffer();
  const view = new ViewState();
  view.apply(differ.diff(sim.state), emptyViewChanges());
  let last: StepResult | null = null;
  let changes = emptyViewChanges();
  for (let i = 0; i < steps; i++) {
    last = sim.step();
    changes = emptyViewChanges();
    view.apply(differ.diff(sim.state), changes);
  }
  return {
    tables: view.tables,
    upserted: changes.upserted,
    ghosts: changes.ghosts,
    written: writtenFields(last?.effects ?? []),
    focusKey: null,
    selectedDevice: null,
    selectedProc: null,
    ...extra,
  };
}

describe('smmuCards', () => {
  it('draws STE → CD for a linear table and STE → L1CD → CD for a 2-level one', () => {
    const cards = smmuCards(inputAfter(5), 'smmu0', null);
    const byId = new Map(cards.map((c) => [c.id, c]));
    expect(byId.get('smmu0:STE[1]')?.subtitle).toBe('accel0');
    expect(byId.get('smmu0:CD[1][1]')?.parent).toBe('smmu0:STE[1]');
    expect(byId.get('smmu0:L1CD[0][0]')?.parent).toBe('smmu0:STE[0]');
    expect(byId.get('smmu0:CD[0][2]')?.parent).toBe('smmu0:L1CD[0][0]');
    const ste = byId.get('smmu0:STE[1]')!;
    expect(ste.fields.find((f) => f.name === 'Config')?.value).toBe('5 · S1 translate');
    expect(ste.fields.find((f) => f.name === 'S1CDMax')?.value).toBe('2 · 4 CDs');
  });

  it('highlights the fields the step wrote', () => {
    const cards = smmuCards(inputAfter(5), 'smmu0', new Set(['accel0']));
    const cd = cards.find((c) => c.id === 'smmu0:CD[1][1]')!;
    expect(cd.state).toBe('changed');
    expect(cd.fields.filter((f) => f.changed).map((f) => f.name)).toEqual(['V', 'ASID', 'TTB0', 'EPD0']);
    expect(cd.fields.find((f) => f.name === 'TTB0')).toMatchObject({ value: "P1's mm", proc: 'P1' });
    expect(cards.find((c) => c.id === 'smmu0:CD[1][0]')?.state).toBe('normal');
    expect(cards.some((c) => c.id.startsWith('smmu0:STE[0]'))).toBe(false);
  });

  it('keeps a cleared CD as a ghost card for one step', () => {
    const cards = smmuCards(inputAfter(10), 'smmu0', new Set(['nic0']));
    expect(cards.find((c) => c.id === 'smmu0:CD[0][2]')?.state).toBe('ghost');
  });

  it('caps CDs per leaf with a "more" card', () => {
    const cards = smmuCards(inputAfter(9), 'smmu0', new Set(['nic0']), { maxCds: 2 });
    const more = cards.find((c) => c.state === 'more');
    expect(more?.title).toBe('+3 more CDs');
    expect(cards.filter((c) => c.column === 2 && c.state !== 'more')).toHaveLength(2);
  });
});
