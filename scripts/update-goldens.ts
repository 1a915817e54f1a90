/**
 * Regenerates the golden traces `public/scenarios/<name>.trace.json` of every library scenario
 * (every `public/scenarios/*.json` except index.json, *.expect.json and *.trace.json).
 * src/engine/scenarios.test.ts compares each run with its golden byte for byte, so run this only
 * after reviewing why a trace changed, and review the resulting `git diff` before committing.
 *
 * Usage: npx tsx scripts/update-goldens.ts [--check]
 *   --check  write nothing; list the goldens that would change and exit 1 if any would.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseScenarioJson } from '../src/engine/scenario/parse.ts';
import { runScenario } from '../src/engine/sim/simulation.ts';

const DIR = fileURLToPath(new URL('../public/scenarios/', import.meta.url));

/** Library scenario files, sorted (the same selection as the test). */
function scenarioFiles(): string[] {
  return readdirSync(DIR)
    .filter(
      (f) => f.endsWith('.json') && f !== 'index.json' && !f.endsWith('.expect.json') && !f.endsWith('.trace.json')
    )
    .sort();
}

/** The golden text of a trace: what the test compares against. */
function goldenText(file: string): string {
  const scenario = parseScenarioJson(readFileSync(DIR + file, 'utf8'));
  return JSON.stringify(runScenario(scenario), null, 2) + '\n';
}

function main(): number {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  let changed = 0;
  let failed = 0;
  for (const file of scenarioFiles()) {
    const golden = file.replace(/\.json$/, '.trace.json');
    let text: string;
    try {
      text = goldenText(file);
    } catch (e) {
      failed++;
      console.error(`✗ ${file}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    const old = existsSync(DIR + golden) ? readFileSync(DIR + golden, 'utf8') : null;
    if (old === text) {
      console.log(`  ${golden} unchanged`);
      continue;
    }
    changed++;
    if (values.check) {
      console.log(`≠ ${golden} ${old === null ? 'missing' : 'would change'}`);
    } else {
      writeFileSync(DIR + golden, text);
      console.log(`✎ ${golden} ${old === null ? 'created' : 'updated'}`);
    }
  }
  if (failed > 0) return 1;
  return values.check && changed > 0 ? 1 : 0;
}

process.exitCode = main();
