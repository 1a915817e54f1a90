/**
 * The scenario library (public/scenarios/*.json) as a test suite.
 *
 * For every library scenario (skipping index.json, *.expect.json and *.trace.json):
 * - it parses, and it carries a title, notes and a note on every step (they are talk material);
 * - each step's ok / pasid / errno / fault and every listed `final` key match
 *   `<name>.expect.json`: results derived by hand from the research rules (each entry cites them
 *   in `why`), NOT by running the engine. An entry marked `"engineDisagrees": true` (or a final
 *   path listed in `finalEngineDisagrees`) is a known engine bug: it is reported as a todo while
 *   the engine still disagrees, and fails once the engine agrees so the marker gets removed;
 * - the full trace equals the golden `<name>.trace.json` byte for byte;
 * - two runs give the same hash.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioJson } from './scenario/parse.ts';
import type { Scenario } from './scenario/types.ts';
import { runScenario } from './sim/simulation.ts';
import type { StepResult, Trace } from './trace/types.ts';

const DIR = fileURLToPath(new URL('../../public/scenarios/', import.meta.url));
const REGEN_HINT =
  'run `npm run -s goldens` to regenerate after reviewing the diff (until that script exists: npx tsx scripts/update-goldens.ts)';

/** One step of a `.expect.json`. */
interface ExpectStep {
  i: number;
  op?: string;
  ok: boolean;
  pasid?: number;
  errno?: string;
  fault?: string;
  why: string;
  /** A reviewed disagreement: the engine is believed wrong here (see the report / why). */
  engineDisagrees?: boolean;
}

interface ExpectFile {
  policy: string;
  steps: ExpectStep[];
  /** Only the keys the author is sure of; compared leaf by leaf (arrays as a whole). */
  final?: Record<string, unknown>;
  finalWhy?: Record<string, string>;
  /** Dotted final paths (e.g. "procs.P6.pasid") the engine is believed to get wrong → reason. */
  finalEngineDisagrees?: Record<string, string>;
}

const RESULT_KEYS = ['ok', 'pasid', 'errno', 'fault'] as const;
type ResultKey = (typeof RESULT_KEYS)[number];
type Result = Partial<Record<ResultKey, unknown>>;

function scenarioFiles(): string[] {
  return readdirSync(DIR)
    .filter(
      (f) => f.endsWith('.json') && f !== 'index.json' && !f.endsWith('.expect.json') && !f.endsWith('.trace.json')
    )
    .sort();
}

function pick(r: Partial<Record<ResultKey, unknown>>): Result {
  const out: Result = {};
  for (const k of RESULT_KEYS) if (r[k] !== undefined) out[k] = r[k];
  return out;
}

function show(r: Result): string {
  return JSON.stringify(r);
}

function sameResult(want: ExpectStep, got: StepResult | undefined): boolean {
  if (!got) return false;
  return RESULT_KEYS.every((k) => want[k] === got[k]);
}

function describeStep(scenario: Scenario, i: number): string {
  const step = scenario.steps[i];
  if (!step) return `step ${i} (missing)`;
  const args = Object.entries(step)
    .filter(([k]) => k !== 'op' && k !== 'note')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  return `step ${i} (${step.op}${args ? ' ' + args : ''})`;
}

function mismatchLine(scenario: Scenario, want: ExpectStep, got: StepResult | undefined): string {
  const gotText = got ? show(pick(got)) + (got.message ? ` message="${got.message}"` : '') : 'no result';
  return `${describeStep(scenario, want.i)}: expected ${show(pick(want))}, got ${gotText}\n    why: ${want.why}`;
}

/** Leaves of the expected `final` object: dotted path → value (arrays are leaves). */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, value);
  }
  return out;
}

function at(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A short line diff: the first differing line with two lines of context on each side. */
function firstDiff(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  const from = Math.max(0, n - 2);
  const ctx = (lines: string[]): string =>
    lines
      .slice(from, n + 3)
      .map((l, k) => `    ${from + k + 1}: ${l}`)
      .join('\n');
  return `first difference at line ${n + 1}\n  golden:\n${ctx(a)}\n  engine:\n${ctx(b)}`;
}

interface Run {
  scenario: Scenario;
  trace: Trace;
  text: string;
}

/** Runs at collection time so disagreements can be listed as named todos. */
function load(file: string): { run: Run } | { error: string } {
  try {
    const scenario = parseScenarioJson(readFileSync(DIR + file, 'utf8'));
    const trace = runScenario(scenario);
    return { run: { scenario, trace, text: JSON.stringify(trace, null, 2) + '\n' } };
  } catch (e) {
    return { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

function readExpect(file: string): ExpectFile | null {
  const path = DIR + file.replace(/\.json$/, '.expect.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ExpectFile) : null;
}

const FILES = scenarioFiles();

describe('scenario library', () => {
  it('has scenarios', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });
});

for (const file of FILES) {
  const name = file.replace(/\.json$/, '');
  const loaded = load(file);
  const want = readExpect(file);

  describe(`scenario ${name}`, () => {
    if ('error' in loaded) {
      it('parses and runs', () => {
        expect.fail(`${file} could not be parsed or run:\n${loaded.error}`);
      });
      return;
    }
    const { scenario, trace, text } = loaded.run;

    it('has a title, notes and a note on every step', () => {
      expect(scenario.title?.trim(), `${file}: title`).toBeTruthy();
      expect(scenario.notes?.trim(), `${file}: notes`).toBeTruthy();
      const missing = scenario.steps.flatMap((s, i) => (s.note?.trim() ? [] : [describeStep(scenario, i)]));
      expect(missing, `${file}: steps without a note`).toEqual([]);
    });

    it('gives the same hash when run twice', () => {
      expect(runScenario(scenario).hash).toBe(trace.hash);
    });

    if (!want) {
      it('has expectations', () => {
        expect.fail(`missing ${name}.expect.json: derive each step's result from the research rules`);
      });
    } else {
      it('expectations cover every step once, in order, with the right op', () => {
        expect(want.policy, 'expect.policy vs trace.policy').toBe(trace.policy);
        expect(
          want.steps.map((s) => s.i),
          'expect.steps[].i'
        ).toEqual(scenario.steps.map((_, i) => i));
        const wrongOps = want.steps.flatMap((s) =>
          s.op !== undefined && s.op !== scenario.steps[s.i]?.op ? [`${s.i}: ${s.op} ≠ ${scenario.steps[s.i]?.op}`] : []
        );
        expect(wrongOps, 'expect.steps[].op').toEqual([]);
        const noWhy = want.steps.flatMap((s) => (s.why?.trim() ? [] : [s.i]));
        expect(noWhy, 'steps without a why').toEqual([]);
      });

      it('step results match the expectations', () => {
        const bad = want.steps
          .filter((s) => !s.engineDisagrees && !sameResult(s, trace.steps[s.i]))
          .map((s) => mismatchLine(scenario, s, trace.steps[s.i]));
        if (bad.length > 0) {
          expect.fail(`${name}: ${bad.length} step(s) differ from ${name}.expect.json\n  ${bad.join('\n  ')}`);
        }
      });

      for (const s of want.steps.filter((x) => x.engineDisagrees)) {
        const got = trace.steps[s.i];
        if (sameResult(s, got)) {
          it(`step ${s.i} marked engineDisagrees now agrees`, () => {
            expect.fail(`${name} ${describeStep(scenario, s.i)} now matches the expectation: remove "engineDisagrees"`);
          });
        } else {
          it.todo(
            `ENGINE DISAGREES ${name} ${describeStep(scenario, s.i)}: expected ${show(pick(s))}, engine ${got ? show(pick(got)) : 'no result'} (${s.why})`
          );
        }
      }

      const finalWant = leaves(want.final ?? {}, '', new Map());
      const finalSkip = want.finalEngineDisagrees ?? {};
      it('final state matches the listed keys', () => {
        const bad: string[] = [];
        for (const [path, value] of finalWant) {
          if (path in finalSkip) continue;
          const got = at(trace.final, path);
          if (!sameValue(value, got)) {
            const why = want.finalWhy?.[path];
            bad.push(
              `final.${path}: expected ${JSON.stringify(value)}, got ${JSON.stringify(got)}${why ? `\n    why: ${why}` : ''}`
            );
          }
        }
        if (bad.length > 0) expect.fail(`${name}: ${bad.length} final key(s) differ\n  ${bad.join('\n  ')}`);
      });
      for (const [path, reason] of Object.entries(finalSkip)) {
        const got = at(trace.final, path);
        if (sameValue(finalWant.get(path), got)) {
          it(`final.${path} marked engineDisagrees now agrees`, () => {
            expect.fail(`${name} final.${path} now matches: remove it from finalEngineDisagrees`);
          });
        } else {
          it.todo(
            `ENGINE DISAGREES ${name} final.${path}: expected ${JSON.stringify(finalWant.get(path))}, engine ${JSON.stringify(got)} (${reason})`
          );
        }
      }
    }

    it('trace equals the golden trace byte for byte', () => {
      const goldenPath = DIR + `${name}.trace.json`;
      if (!existsSync(goldenPath)) expect.fail(`missing golden ${name}.trace.json: ${REGEN_HINT}`);
      const golden = readFileSync(goldenPath, 'utf8');
      if (golden !== text)
        expect.fail(`${name}.trace.json differs from the engine's trace; ${firstDiff(golden, text)}\n${REGEN_HINT}`);
    });
  });
}
