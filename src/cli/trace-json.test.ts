import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenarioJson } from '../engine/scenario/parse.ts';
import { runScenario, streamScenario } from '../engine/sim/simulation.ts';
import { validScenario } from '../engine/scenario/parse.fixture.ts';
import { traceJson } from './trace-json.ts';

const LIBRARY = fileURLToPath(new URL('../../public/scenarios/', import.meta.url));
const scenarios = readdirSync(LIBRARY)
  // name.json, not name.trace.json / name.expect.json, nor the index.
  .filter((f) => /^[^.]+\.json$/.test(f) && f !== 'index.json')
  .map((f) => ({ name: f, scenario: parseScenarioJson(readFileSync(join(LIBRARY, f), 'utf8')) }));

describe('traceJson (the trace of `run`, written step by step)', () => {
  it('is JSON.stringify(trace, null, 2) for every library scenario, however it is chunked', () => {
    expect(scenarios.length).toBeGreaterThan(5);
    for (const { name, scenario } of scenarios) {
      const whole = `${JSON.stringify(runScenario(scenario), null, 2)}\n`;
      expect([...traceJson(streamScenario(scenario))].join(''), name).toBe(whole);
      const pieces = [...traceJson(streamScenario(scenario), 64)];
      expect(pieces.length, name).toBeGreaterThan(1);
      expect(pieces.join(''), name).toBe(whole);
    }
  });

  it('writes an empty step list as []', () => {
    const scenario = parseScenarioJson(JSON.stringify({ ...validScenario(), steps: [] }));
    expect([...traceJson(streamScenario(scenario))].join('')).toBe(
      `${JSON.stringify(runScenario(scenario), null, 2)}\n`
    );
  });
});
