import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { mulberry32, randomInt } from '../../../bench/prng.ts';
import enqcmdJson from '../../../public/scenarios/enqcmd-lazy-msr.json';
import rfcJson from '../../../public/scenarios/rfc-problem.json';
import { emptyViewChanges, ViewState } from '../../client/viewState.ts';
import { Simulation } from '../../engine/index.ts';
import { parseScenario } from '../../engine/scenario/parse.ts';
import { ViewDiffer } from '../../worker/viewModel.ts';
import { SMMU_KINDS } from '../SmmuTables/smmuCards.ts';
import { VTD_KINDS } from '../VtdTables/vtdCards.ts';
import { factCell, factStates, factsVersion, lines, rowFacts } from './entryRows.tsx';
import type { KindSpec, Line } from './entryRows.tsx';
import { fieldText, ptrText, writtenFields } from './entryText.ts';
import type { HwInput } from './hwInput.ts';

/** The row as EntryTables drew it before rows had facts and versions (read straight from the input). */
function referenceRow(input: HwInput, spec: KindSpec, prefix: string, r: Line): string {
  const states: string[] = [];
  if (r.ghost) states.push('ghost');
  else if (input.written.has(r.key) || input.upserted[spec.kind].has(r.key)) states.push('changed');
  if (r.key === input.focusKey) states.push('focus');
  if (input.selectedDevice !== null && r.get('dev') === input.selectedDevice) states.push('selected');
  const cells = ['entry', 'dev', ...spec.cols.map((c) => c.col)].map((col) => {
    if (col === 'entry') {
      const text = r.key.startsWith(prefix) ? r.key.slice(prefix.length) : r.key;
      return (
        <>
          {states.includes('ghost') ? <span className="vz-tag vz-tag-ghost">cleared</span> : null}
          {states.includes('changed') ? <span className="vz-tag vz-tag-changed">changed</span> : null}
          <span className="vz-mono">{text}</span>
        </>
      );
    }
    const v = r.get(col);
    const colSpec = spec.cols.find((c) => c.col === col);
    const written = input.written.get(r.key)?.has(col) ?? false;
    const text = colSpec?.ptr
      ? ptrText(typeof v === 'string' ? v : null)
      : typeof v === 'number'
        ? fieldText(col, v)
        : (v ?? '—');
    return <span className={written ? 'vz-cell-changed' : undefined}>{text}</span>;
  });
  return `${states.join(' ')}|${cells.map((c) => renderToStaticMarkup(c)).join('|')}`;
}

function factsRow(input: HwInput, spec: KindSpec, prefix: string, r: Line): { html: string; version: string } {
  const f = rowFacts(input, spec, r);
  const cells = ['entry', 'dev', ...spec.cols.map((c) => c.col)].map((col) =>
    renderToStaticMarkup(<>{factCell(f, spec, prefix, col)}</>)
  );
  return { html: `${factStates(f).join(' ')}|${cells.join('|')}`, version: factsVersion(f) };
}

/**
 * Steps through `json`; after each step, under random focus, selection and written fields,
 * checks every row of every table kind: drawn from its facts it reads as the reference, and
 * rows with one version read the same (so skipping a row whose version held is safe).
 */
function checkScenario(json: unknown, iommu: string, kinds: readonly KindSpec[], seed: number): number {
  const next = mulberry32(seed);
  const scenario = parseScenario(json);
  const sim = Simulation.create(scenario);
  const differ = new ViewDiffer();
  const view = new ViewState();
  view.apply(differ.diff(sim.state), emptyViewChanges());
  const byVersion = new Map<string, string>();
  let checked = 0;
  for (let step = 0; step < scenario.steps.length; step++) {
    const result = sim.step();
    const changes = emptyViewChanges();
    view.apply(differ.diff(sim.state), changes);
    const written = writtenFields(result.effects ?? []);
    for (const spec of kinds) {
      const base: HwInput = {
        tables: view.tables,
        upserted: changes.upserted,
        ghosts: changes.ghosts,
        written,
        focusKey: null,
        selectedDevice: null,
        selectedProc: null,
      };
      const keys = lines(base, spec, 0).map((r) => r.key);
      const devs = lines(base, spec, 0).map((r) => r.get('dev'));
      for (let variant = 0; variant < 4; variant++) {
        const pick = <T,>(list: readonly T[]): T | null =>
          list.length === 0 || next() < 0.3 ? null : list[randomInt(next, 0, list.length - 1)]!;
        const dev = pick(devs);
        const input: HwInput = {
          ...base,
          focusKey: pick(keys),
          selectedDevice: typeof dev === 'string' ? dev : null,
          // Sometimes mark random fields of random rows as written too.
          written:
            next() < 0.5
              ? written
              : new Map([
                  ...written,
                  ...keys
                    .filter(() => next() < 0.3)
                    .map((k) => [k, new Set(spec.cols.filter(() => next() < 0.5).map((c) => c.col))] as const),
                ]),
        };
        for (const r of lines(input, spec, 0)) {
          const want = referenceRow(input, spec, `${iommu}:`, r);
          const got = factsRow(input, spec, `${iommu}:`, r);
          expect(got.html).toBe(want);
          const seen = byVersion.get(`${spec.kind} ${got.version}`);
          if (seen !== undefined) expect(want).toBe(seen);
          byVersion.set(`${spec.kind} ${got.version}`, want);
          checked++;
        }
      }
    }
  }
  return checked;
}

describe('EntryTables rows', () => {
  it('draw from their facts exactly what the input says, and one version always reads the same (SMMUv3)', () => {
    expect(checkScenario(rfcJson, 'smmu0', SMMU_KINDS, 0x7ab1e)).toBeGreaterThan(100);
  });

  it('… and on VT-d', () => {
    expect(checkScenario(enqcmdJson, 'dmar0', VTD_KINDS, 0x7d7)).toBeGreaterThan(50);
  });

  it('tell a number from the same digits as a string', () => {
    const f = { key: 'k', ghost: false, changed: false, focus: false, selected: false, written: [false] };
    expect(factsVersion({ ...f, values: [1] })).not.toBe(factsVersion({ ...f, values: ['1'] }));
  });
});
