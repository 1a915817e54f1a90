/**
 * Where scenarios come from: the bundled list (public/scenarios/index.json), files the user
 * opens or drops, and JSON text. Everything passes parseScenario before the sandbox sees it.
 */
import type { Scenario } from '../engine/index.ts';
import { parseScenario } from '../engine/scenario/parse.ts';

/** One entry of public/scenarios/index.json. */
export interface IndexEntry {
  file: string;
  title: string;
}

/** The scenario the sandbox opens with. */
export const DEFAULT_SCENARIO = 'rfc-problem.json';

/** Relative to the page, so the app works under any base path. */
const base = (): string => 'scenarios/';

/** Validates JSON text as a scenario; the error message is one line naming the first problem. */
export function parseScenarioText(text: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`(json): not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
  return parseScenario(raw);
}

/** Validates a scenario object built in memory (the topology editor's edits). */
export function validateScenario(value: unknown): Scenario {
  return parseScenario(value);
}

/** The bundled scenario list. */
export async function fetchIndex(): Promise<IndexEntry[]> {
  const res = await fetch(`${base()}index.json`);
  if (!res.ok) throw new Error(`scenarios/index.json: HTTP ${res.status}`);
  const body = (await res.json()) as { scenarios?: IndexEntry[] };
  return (body.scenarios ?? []).filter((e) => typeof e.file === 'string' && typeof e.title === 'string');
}

/** A bundled scenario by file name (e.g. "rfc-problem.json"). */
export async function fetchScenario(file: string): Promise<Scenario> {
  if (!/^[\w.-]+\.json$/.test(file)) throw new Error(`${file}: not a scenario file name`);
  const res = await fetch(`${base()}${file}`);
  if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
  return parseScenarioText(await res.text());
}

/** The scenario named in the URL (`?scenario=rfc-problem`), or the default. */
export function scenarioFromUrl(search: string): string {
  const name = new URLSearchParams(search).get('scenario');
  if (!name) return DEFAULT_SCENARIO;
  return name.endsWith('.json') ? name : `${name}.json`;
}
