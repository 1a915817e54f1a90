/**
 * Where scenarios come from: the bundled list (public/scenarios/index.json), files the user
 * opens or drops, and JSON text. Everything passes parseScenario before the sandbox sees it.
 */
import type { Scenario } from '../engine/index.ts';
import { parseScenario } from '../engine/scenario/parse.ts';
import { oneLine } from '../engine/scenario/parse-errors.ts';
import type { ExpectFile } from './libraryWhy.ts';
import type { RuleTable } from './researchRules.ts';

/** One entry of public/scenarios/index.json. */
export interface IndexEntry {
  file: string;
  title: string;
}

/** The scenario the sandbox opens with. */
export const DEFAULT_SCENARIO = 'rfc-problem.json';

/** Relative to the page, so the app works under any base path. */
const base = (): string => 'scenarios/';

/**
 * Validates JSON text as a scenario (a leading BOM is ignored, as by `sim run`); the error message
 * is one printable line naming the first problem, even for a binary file (JSON.parse quotes the
 * input, control characters included: they are written as \uXXXX).
 */
export function parseScenarioText(text: string): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`(json): not valid JSON: ${oneLine(e instanceof Error ? e.message : String(e))}`, { cause: e });
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
  // Messages leave out the file name: the caller's notice starts with it.
  if (!/^[\w.-]+\.json$/.test(file)) throw new Error('not a scenario file name');
  const res = await fetch(`${base()}${file}`);
  if (!res.ok) throw new Error(res.status === 404 ? 'no such bundled scenario' : `HTTP ${res.status}`);
  // A single-page server answers an unknown path with the app's own page, not a 404.
  if (res.headers.get('content-type')?.includes('text/html')) throw new Error('no such bundled scenario');
  return parseScenarioText(await res.text());
}

/** A bundled scenario's expectations (`X.expect.json` beside `X.json`), unvalidated beyond its shape. */
export async function fetchExpect(file: string): Promise<ExpectFile> {
  if (!/^[\w.-]+\.json$/.test(file)) throw new Error('not a scenario file name');
  const res = await fetch(`${base()}${file.replace(/\.json$/, '.expect.json')}`);
  if (!res.ok || res.headers.get('content-type')?.includes('text/html')) throw new Error(`no expectations for ${file}`);
  const body = (await res.json()) as Partial<ExpectFile>;
  if (typeof body.policy !== 'string' || !Array.isArray(body.steps)) throw new Error(`${file}: malformed expectations`);
  return body as ExpectFile;
}

/** The research rules the expectations cite (public/rules.json, researchRules.ts). */
export async function fetchRules(): Promise<RuleTable> {
  const res = await fetch('rules.json');
  if (!res.ok || res.headers.get('content-type')?.includes('text/html')) throw new Error('no rules.json');
  return (await res.json()) as RuleTable;
}

/** The scenario named in the URL (`?scenario=rfc-problem`), or the default. */
export function scenarioFromUrl(search: string): string {
  const name = new URLSearchParams(search).get('scenario');
  if (!name) return DEFAULT_SCENARIO;
  return name.endsWith('.json') ? name : `${name}.json`;
}
