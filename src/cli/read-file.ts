/**
 * Reads a scenario file for the CLI, turning file-system failures into one-line usage errors
 * (`FILE: no such file`) and content problems into the parser's ScenarioError.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseScenarioJson } from '../engine/scenario/parse.ts';
import type { Scenario } from '../engine/scenario/types.ts';
import { CliError } from './cli-error.ts';

/** Larger files are refused before reading: no valid scenario comes close. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'no such file',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** The file's text, or a CliError naming the file and what went wrong. */
export function readTextFile(path: string): string {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) throw new CliError(`${path}: too large (over ${MAX_FILE_BYTES} bytes)`);
    return readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as { code?: unknown }).code;
    const reason = typeof code === 'string' ? (REASONS[code] ?? `cannot read (${code})`) : 'cannot read';
    throw new CliError(`${path}: ${reason}`);
  }
}

/** Reads and validates a scenario file. @throws CliError | ScenarioError */
export function readScenarioFile(path: string, readFile: (path: string) => string = readTextFile): Scenario {
  return parseScenarioJson(readFile(path));
}
