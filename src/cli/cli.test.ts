import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareDrift, decodeShare } from '../engine/codec/index.ts';
import { replayDigest } from '../engine/sim/final.ts';
import { runScenario } from '../engine/sim/simulation.ts';
import { parseScenarioJson } from '../engine/scenario/parse.ts';
import { validScenario } from '../engine/scenario/parse.fixture.ts';
import type { TraceStream } from '../engine/sim/simulation.ts';
import type { Trace } from '../engine/trace/types.ts';
import { type CliDeps, realDeps } from './commands.ts';
import { USAGE, runCli } from './main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RFC = join(ROOT, 'public/scenarios/rfc-problem.json');
const POLICY_PROBLEM = '--policy: expected one of global, per-device-cap, arch-gated, driver-managed\n';

const dir = mkdtempSync(join(tmpdir(), 'pasid-cli-'));
/** Writes `content` to a temp file and returns its path. */
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const VALID = file('valid.json', validScenario());
const fakeTrace = {
  format: 'pasid-sandbox-trace/1',
  policy: 'global',
  steps: [],
  final: {},
  hash: 'ab',
} as unknown as Trace;
/** A TraceStream that hands out a finished trace. */
const streamOf = (t: Trace): TraceStream => ({ ...t, end: () => ({ final: t.final, hash: t.hash }) });

/** Expects exit 2 with exactly `line` on stderr and nothing on stdout. */
function usageError(argv: string[], line: string, deps?: CliDeps): void {
  expect(runCli(argv, deps)).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
}

describe('sim CLI: usage', () => {
  it('prints help with --help or -h, exit 0', () => {
    expect(runCli(['--help'])).toEqual({ code: 0, stdout: USAGE, stderr: '' });
    expect(runCli(['run', 'x.json', '-h']).stdout).toBe(USAGE);
  });
  it('names the first usage problem on one line, exit 2', () => {
    usageError([], 'usage: missing command (run, url or decode); see --help');
    usageError(['play'], 'usage: unknown command "play" (expected run, url or decode)');
    usageError(['run'], 'usage: run needs a FILE');
    usageError(['decode'], 'usage: decode needs a FRAGMENT_OR_URL');
    usageError(['url', 'a', 'b'], 'usage: unexpected argument "b"');
    usageError(['run', VALID, '--verbose'], '--verbose: unknown option; see --help');
    usageError(['url', VALID, '--policy', 'global'], '--policy: only for run');
    usageError(['run', VALID, '--policy', 'global', '--policy=global'], '--policy: given twice');
  });
  it('rejects a bad --policy with the list of policies', () => {
    expect(runCli(['run', VALID, '--policy', 'mainline'])).toEqual({ code: 2, stdout: '', stderr: POLICY_PROBLEM });
    expect(runCli(['run', VALID, '--policy'])).toEqual({ code: 2, stdout: '', stderr: POLICY_PROBLEM });
    expect(runCli(['run', VALID, '--policy='])).toEqual({ code: 2, stdout: '', stderr: POLICY_PROBLEM });
  });
});

describe('sim CLI: invalid files', () => {
  it('says FILE: no such file', () => {
    usageError(['run', 'nope.json'], 'nope.json: no such file');
    usageError(['url', join(dir, 'missing', 'x.json')], `${join(dir, 'missing', 'x.json')}: no such file`);
  });
  it('says when FILE is a directory', () => {
    mkdirSync(join(dir, 'sub'), { recursive: true });
    usageError(['run', join(dir, 'sub')], `${join(dir, 'sub')}: is a directory`);
  });
  it('names the first problem of an invalid scenario exactly', () => {
    const s = validScenario();
    s.steps = [...s.steps.slice(0, 3), { op: 'bind', dev: 'acel0', proc: 'P1' }];
    const bad = file('bad.json', s);
    usageError(['run', bad], 'steps[3].dev: unknown device "acel0"');
    usageError(['url', bad], 'steps[3].dev: unknown device "acel0"');
  });
  it('reports JSON syntax errors on one line', () => {
    const r = runCli(['run', file('syntax.json', '{\n "format": \n}')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\(json\): [^\n]+\n$/);
  });
});

describe('sim CLI: run', () => {
  it('passes the scenario and --policy to streamScenario and prints the trace with 2-space indent', () => {
    const calls: unknown[] = [];
    const deps: CliDeps = { ...realDeps, streamScenario: (s, opts) => (calls.push([s, opts]), streamOf(fakeTrace)) };
    expect(runCli(['run', VALID, '--policy=arch-gated'], deps)).toEqual({
      code: 0,
      stdout: `${JSON.stringify(fakeTrace, null, 2)}\n`,
      stderr: '',
    });
    expect(runCli(['run', '--policy', 'global', VALID], deps).code).toBe(0);
    expect(runCli(['run', VALID], deps).code).toBe(0);
    expect(calls).toEqual([
      [validScenario(), { policy: 'arch-gated' }],
      [validScenario(), { policy: 'global' }],
      [validScenario(), {}],
    ]);
  });
  it('runs a library scenario and exits 0 even though steps fail', () => {
    const r = runCli(['run', RFC]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const trace = JSON.parse(r.stdout) as Trace;
    expect(trace.format).toBe('pasid-sandbox-trace/1');
    expect(trace.steps).toHaveLength(parseScenarioJson(readFileSync(RFC, 'utf8')).steps.length);
    expect(trace.steps.some((s) => !s.ok)).toBe(true);
    expect(r.stdout).toBe(`${JSON.stringify(trace, null, 2)}\n`);
  });
  it('runs a step naming an unknown domain as an ENOENT result, exit 0 (spec §3)', () => {
    const s = validScenario();
    s.steps = [
      { op: 'attach_dev', dev: 'nic0', domain: 'nope' },
      { op: 'attach_pasid', dev: 'dsa0', domain: 'later', pasid: 3 },
      { op: 'domain_alloc', id: 'later', iommu: 'vtd0', type: 'paging', pasid: true },
      { op: 'replace_pasid', dev: 'dsa0', domain: 'nope', pasid: 3 },
      { op: 'unbind', dev: 'dsa0', proc: 'P1' },
    ];
    const r = runCli(['run', file('unknown-domain.json', s)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const steps = (JSON.parse(r.stdout) as Trace).steps.map(({ i, ok, errno }) => ({ i, ok, errno }));
    expect(steps).toEqual([
      { i: 0, ok: false, errno: 'ENOENT' },
      { i: 1, ok: false, errno: 'ENOENT' },
      { i: 2, ok: true },
      { i: 3, ok: false, errno: 'ENOENT' },
      { i: 4, ok: false, errno: 'ENOENT' },
    ]);
  });

  it('reports a crash in the simulator as an internal error, exit 1', () => {
    const deps: CliDeps = {
      ...realDeps,
      streamScenario: () => {
        throw new Error('boom\nstack');
      },
    };
    expect(runCli(['run', VALID], deps)).toEqual({ code: 1, stdout: '', stderr: 'sim: internal error: boom\n' });
  });
});

describe('sim CLI: url and decode', () => {
  it('decode opens the mangled golden links the app opens, and says which repair it made', () => {
    const golden = JSON.parse(readFileSync(join(ROOT, 'e2e/fixtures/golden-links.json'), 'utf8')) as {
      links: { link: string }[];
      mangled: { of: number; how: string; text: string }[];
    };
    expect(golden.mangled.length).toBeGreaterThan(2);
    for (const m of golden.mangled) {
      const r = runCli(['decode', m.text]);
      expect({ how: m.how, code: r.code }).toEqual({ how: m.how, code: 0 });
      expect(r.stdout).toBe(runCli(['decode', golden.links[m.of]?.link ?? '']).stdout);
      expect(r.stderr).toMatch(/^decode: repaired the link: [^\n]+\n$/);
    }
  });

  it('url prints a fragment, with the drift token of its replay, that decode turns back into the scenario', () => {
    const r = runCli(['url', VALID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^v1\.[A-Za-z0-9_-]+&hash=[0-9a-f]{16}(-[A-Za-z0-9_-]+)?\n$/);
    const fragment = r.stdout.trim();
    const link = decodeShare(fragment);
    expect(link.scenario).toEqual(validScenario());
    // The app's check of that token against its own replay: a match, so no drift banner.
    const trace = runScenario(link.scenario, { effects: false });
    const digest = replayDigest(trace.policy, trace.steps, trace.final);
    expect(compareDrift(link.hash, digest, trace.steps)).toEqual({ kind: 'match' });
    expect(
      compareDrift(
        link.hash,
        digest.replace(/^./, (c) => (c === '0' ? '1' : '0')),
        trace.steps
      ).kind
    ).toBe('drift');
    for (const input of [fragment, `#${fragment}`, `https://example.org/sandbox/#${fragment}`]) {
      expect(runCli(['decode', input])).toEqual({
        code: 0,
        stdout: `${JSON.stringify(validScenario(), null, 2)}\n`,
        stderr: '',
      });
    }
  });
  it('decode names the first problem of a bad link, exit 2', () => {
    usageError(['decode', 'v9.abc'], 'link: unknown version "v9"');
    usageError(['decode', 'v1.ab$c'], 'link: payload is not valid base64url');
    usageError(['decode', 'https://example.org/'], 'link: the URL has no #fragment');
  });
});

describe('sim CLI: as a process', () => {
  it('npx tsx src/cli/main.ts decode … prints the scenario; a bad link exits 2', () => {
    const fragment = runCli(['url', VALID]).stdout.trim();
    const ok = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'decode', `#${fragment}`], { cwd: ROOT, encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual(validScenario());
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'decode', 'v9.x'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'))).toEqual([
      'link: unknown version "v9"',
    ]);
  }, 30_000);
});
