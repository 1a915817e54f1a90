/**
 * `npm run -s sim -- …` (spec §4): argument parsing and exit codes. The work itself is in
 * commands.ts. Exit 0 = done (a failed step is a result, not an error), 2 = invalid input or
 * usage (ONE stderr line naming the first problem), 1 = a bug in the sandbox itself.
 */
import { realpathSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ScenarioError } from '../engine/scenario/parse.ts';
import { oneLine } from '../engine/scenario/parse-errors.ts';
import { POLICIES, type Policy } from '../engine/scenario/types.ts';
import { CliError } from './cli-error.ts';
import { type CliDeps, decodeCommand, realDeps, runCommand, urlCommand } from './commands.ts';

/** What one CLI invocation produced. */
export interface CliResult {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export const USAGE = `Usage: npm run -s sim -- <command>

Commands:
  run FILE [--policy P]    print the trace JSON of the scenario in FILE
  url FILE                 print the share-link fragment (no '#') of the scenario in FILE
  decode FRAGMENT_OR_URL   print the scenario JSON a share link carries
  --help                   print this help

P overrides the scenario's policy: ${POLICIES.join(', ')}.
Exit status: 0 done (failed steps are results), 2 invalid file, link or usage, 1 internal error.
`;

/**
 * Runs the CLI on `argv` (the arguments after the script name) without touching the process:
 * tests call this directly; the entry point below forwards the result to the real streams. With
 * `write`, stdout goes there chunk by chunk as it is made (a trace can be gigabytes) and the
 * result's `stdout` is empty; after an internal error, what was written stays written.
 */
export function runCli(argv: readonly string[], deps: CliDeps = realDeps, write?: (chunk: string) => void): CliResult {
  try {
    let stdout = '';
    const notes: string[] = [];
    for (const chunk of dispatch(argv, deps, notes)) {
      if (write) write(chunk);
      else stdout += chunk;
    }
    const stderr = notes.length === 0 ? '' : `${oneLine(`decode: repaired the link: ${notes.join('; ')}`)}\n`;
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof CliError)
      return { code: 2, stdout: '', stderr: `${firstLine(e.message)}\n` };
    const message = e instanceof Error ? e.message : String(e);
    return { code: 1, stdout: '', stderr: `sim: internal error: ${firstLine(message)}\n` };
  }
}

/** The command's stdout; `notes` collects what the user should know of a success (stderr). */
function dispatch(argv: readonly string[], deps: CliDeps, notes: string[]): Iterable<string> {
  const { positional, policy, help } = parseArgs(argv);
  if (help) return [USAGE];
  const [command, arg, extra] = positional;
  if (command === undefined) throw new CliError('usage: missing command (run, url or decode); see --help');
  if (command !== 'run' && command !== 'url' && command !== 'decode') {
    throw new CliError(`usage: unknown command ${JSON.stringify(command)} (expected run, url or decode)`);
  }
  if (arg === undefined)
    throw new CliError(`usage: ${command} needs ${command === 'decode' ? 'a FRAGMENT_OR_URL' : 'a FILE'}`);
  if (extra !== undefined) throw new CliError(`usage: unexpected argument ${JSON.stringify(extra)}`);
  if (policy !== undefined && command !== 'run') throw new CliError(`--policy: only for run`);
  if (command === 'run') return runCommand(arg, policy, deps);
  if (command === 'url') return [urlCommand(arg, deps)];
  return [decodeCommand(arg, notes)];
}

interface Args {
  positional: string[];
  policy?: Policy;
  help: boolean;
}

/** Splits argv into positionals and options (`--policy P`, `--policy=P`, `--help`, `--`). */
export function parseArgs(argv: readonly string[]): Args {
  const args: Args = { positional: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      args.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--policy' || a.startsWith('--policy=')) {
      if (args.policy !== undefined) throw new CliError('--policy: given twice');
      const value = a === '--policy' ? argv[++i] : a.slice('--policy='.length);
      if (!(POLICIES as readonly (string | undefined)[]).includes(value))
        throw new CliError(`--policy: expected one of ${POLICIES.join(', ')}`);
      args.policy = value as Policy;
    } else if (a.startsWith('-') && a.length > 1)
      throw new CliError(`${a.split('=')[0] ?? a}: unknown option; see --help`);
    else args.positional.push(a);
  }
  return args;
}

/** Errors are promised to be one line: the first, with no control character a terminal would act on. */
function firstLine(message: string): string {
  return oneLine(message.split(/\r?\n/)[0] ?? '');
}

/** Never notified: Atomics.wait on it is a plain sleep. */
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes a chunk to fd 1 before returning, so memory holds one chunk, not the trace: through
 * process.stdout a pipe took writes asynchronously and buffered a 1.4 GB trace until the heap
 * ran out. A non-blocking pipe that is full (EAGAIN) is waited for; one whose reader went away
 * (EPIPE, `| head`) ends the program quietly, as it would end any Unix filter.
 */
function writeStdout(chunk: string): void {
  const bytes = Buffer.from(chunk, 'utf8');
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(1, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(PAUSE, 0, 0, 2); // a 2 ms sleep: the reader drains the pipe meanwhile
    }
  }
}

/** True when this module is the process's entry script (not imported by a test). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  const { code, stderr } = runCli(process.argv.slice(2), realDeps, writeStdout);
  process.stderr.write(stderr);
  // exitCode (not exit()) so a large trace piped to another program is flushed completely.
  process.exitCode = code;
}
