import { describe, expect, it } from 'vitest';
import enqcmdJson from '../../../public/scenarios/enqcmd-lazy-msr.json';
import reservedJson from '../../../public/scenarios/reserved-dma-pasid-2021.json';
import { emptyViewChanges, ViewState } from '../../client/viewState.ts';
import { Simulation } from '../../engine/index.ts';
import type { StepResult } from '../../engine/index.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { ViewDiffer } from '../../worker/viewModel.ts';
import { writtenFields } from '../shared/entryText.ts';
import type { HwInput } from '../shared/hwInput.ts';
import { vtdCards } from './vtdCards.ts';

function inputAfter(json: unknown, steps: number): HwInput {
  const sim = Simulation.create(parseScenario(json));
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
  };
}

describe('vtdCards', () => {
  it('walks root → context → directory → PASID entries', () => {
    const cards = vtdCards(inputAfter(reservedJson, 7), 'dmar0', null);
    const titles = cards.map((c) => `${c.column}:${c.title}`);
    expect(titles).toEqual([
      '0:ROOT[0]',
      '1:CTX[00:01.0]',
      '2:DIR[0]',
      '3:PASID 0',
      '3:PASID 1',
      '3:PASID 2',
      '3:PASID 3',
    ]);
    const ctx = cards[1]!;
    expect(ctx.fields.find((f) => f.name === 'PASIDE')?.value).toBe('1');
    const p3 = cards[6]!;
    expect(p3.state).toBe('changed');
    expect(p3.fields.find((f) => f.name === 'FLPTR')).toMatchObject({ value: "P2's mm", proc: 'P2', changed: true });
    expect(p3.fields.find((f) => f.name === 'DID')?.value).toBe('1 · FLPT_DEFAULT');
  });

  it('shows the entry an unbind cleared as a ghost', () => {
    const cards = vtdCards(inputAfter(enqcmdJson, 7), 'dmar0', null);
    const p1 = cards.find((c) => c.title === 'PASID 1');
    expect(p1?.state).toBe('ghost');
  });
});
