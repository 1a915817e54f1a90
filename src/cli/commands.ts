/**
 * The three CLI commands (spec §4), each a pure function from validated arguments to the text
 * for stdout. I/O and the simulator come in through CliDeps so tests can swap them.
 */
import { decodeShare, driftToken, encodeShare, repairFragment } from '../engine/codec/index.ts';
import { replayDigest } from '../engine/sim/final.ts';
import type { Policy } from '../engine/scenario/types.ts';
import type { SimOptions } from '../engine/sim/simulation.ts';
import { runScenario, streamScenario } from '../engine/sim/simulation.ts';
import { readScenarioFile, readTextFile } from './read-file.ts';
import { traceJson } from './trace-json.ts';

/** What the commands need from the outside world. */
export interface CliDeps {
  readFile: (path: string) => string;
  streamScenario: typeof streamScenario;
}

export const realDeps: CliDeps = { readFile: readTextFile, streamScenario };

/**
 * `run FILE [--policy P]`: the trace, 2-space JSON, in chunks made as the scenario runs (the file is
 * read and validated before the first one). Failed steps are results, not errors.
 */
export function runCommand(file: string, policy: Policy | undefined, deps: CliDeps): Iterable<string> {
  const scenario = readScenarioFile(file, deps.readFile);
  const opts: SimOptions = policy === undefined ? {} : { policy };
  return traceJson(deps.streamScenario(scenario, opts));
}

/**
 * `url FILE`: the share fragment, without '#', with the drift token of its replay under the
 * scenario's policy (as the app's links carry), so a later version that replays it differently says so.
 */
export function urlCommand(file: string, deps: CliDeps): string {
  const scenario = readScenarioFile(file, deps.readFile);
  const trace = runScenario(scenario, { effects: false });
  const hash = driftToken(replayDigest(trace.policy, trace.steps, trace.final), trace.steps);
  return `${encodeShare({ scenario, hash })}\n`;
}

/**
 * `decode FRAGMENT_OR_URL`: the scenario the link carries, 2-space JSON. A link that does not decode
 * as it is gets the repairs the app makes (a mail quote, percent-encoding, "&amp;", "step="), named
 * in `notes`; if it still fails, the first error is the one reported.
 */
export function decodeCommand(link: string, notes: string[] = []): string {
  let decoded: ReturnType<typeof decodeShare>;
  try {
    decoded = decodeShare(link);
  } catch (first) {
    const repaired = repairFragment(link);
    if (repaired.used.length === 0) throw first;
    try {
      decoded = decodeShare(repaired.text);
    } catch {
      throw first;
    }
    notes.push(...repaired.used.map((r) => r.said));
  }
  return `${JSON.stringify(decoded.scenario, null, 2)}\n`;
}
