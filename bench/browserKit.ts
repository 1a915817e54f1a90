/**
 * What the browser workloads share: the production build, a `vite preview` server, Debian's
 * Chromium, and the in-page step → painted-frame measurement.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

/** Frames as fast as the page can make them: latency is then our pipeline, not the wait for vsync. */
export const UNLIMITED_ARGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];

/** CHROMIUM_PATH, else Debian's chromium. */
export function chromiumPath(name: string): string {
  const found = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => {
    if (!p) return false;
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw new Error(`${name}: no Chromium (set CHROMIUM_PATH or install Debian's chromium)`);
  return found;
}

/** The production bundle into `outDir`. */
export function buildApp(name: string, outDir: string): void {
  const build = spawnSync(
    process.execPath,
    [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    }
  );
  if (build.status !== 0) throw new Error(`${name}: vite build failed: ${build.stderr.split('\n')[0] ?? ''}`);
}

/** `vite preview` of `outDir` on `port`, once it answers. */
export async function serve(name: string, outDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [VITE, 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { cwd: ROOT, stdio: 'ignore' }
  );
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${name}: vite preview did not start on port ${port}`);
}

/**
 * Runs in the page (plain source text: tsx would otherwise wrap inner functions in helpers the
 * page lacks): `n` steps through the test driver, each timed from the request to the painted
 * frame that shows it. With `back`, steps back instead (a seek to cursor − 1); `pauseMs` waits
 * after each, as between a presenter's clicks.
 */
export const STEP_SRC = `async (n, back = false, pauseMs = 0) => {
  const api = window.__sandbox;
  const counter = document.querySelector('[data-testid="cursor"]');
  const out = [];
  for (let k = 0; k < n; k++) {
    const want = api.cursor() + (back ? -1 : 1);
    const t0 = performance.now();
    await new Promise((resolve) => {
      const obs = new MutationObserver(() => {
        if (!counter.textContent.startsWith(want + ' /')) return;
        obs.disconnect();
        // The DOM only changes inside the client's requestAnimationFrame flush, so the next task
        // runs after that frame's paint.
        const ch = new MessageChannel();
        ch.port1.onmessage = () => resolve();
        ch.port2.postMessage(null);
      });
      obs.observe(counter, { childList: true, subtree: true, characterData: true });
      if (back) api.seek(want);
      else api.step();
    });
    out.push(performance.now() - t0);
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return out;
}`;

/** The p-th percentile of ascending `sorted` (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Instructions per thread name (summed over threads of that name), from `perf stat --per-thread`. */
export type ThreadInstructions = Map<string, number>;

/** Which Chromium process a thread belongs to (its command line's --type). */
export type ProcessKind = 'renderer' | 'gpu' | 'browser' | 'other';

function processKind(pid: string): ProcessKind {
  let cmd: string;
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return 'other';
  }
  if (cmd.includes('--type=renderer')) return 'renderer';
  if (cmd.includes('--type=gpu-process')) return 'gpu';
  return cmd.includes('--type=') ? 'other' : 'browser';
}

/**
 * Counts the instructions every Chromium process executes while `work` runs, per thread, keyed
 * `kind:thread` ("renderer:chromium" is the page's main thread, "renderer:DedicatedWorker" the
 * simulation, "gpu:VizCompositorTh" the display compositor). The other processes matter because
 * they share the machine's two cores with the page. Instruction counts barely move with the
 * machine's speed, unlike times on this shared VM. Null when `perf` is missing or refused.
 */
export async function chromiumInstructions(work: () => Promise<void>): Promise<ThreadInstructions | null> {
  const found = spawnSync('pgrep', ['-x', 'chromium'], { encoding: 'utf8' });
  const pids = found.stdout.trim().split('\n').filter(Boolean);
  // perf names threads "comm-tid": the tid tells the process, and so its kind.
  const kindOf = new Map<string, ProcessKind>();
  for (const pid of pids) {
    const kind = processKind(pid);
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) kindOf.set(tid, kind);
    } catch {
      // The process ended meanwhile.
    }
  }
  if (pids.length === 0) {
    await work();
    return null;
  }
  // A missing `perf` arrives as an 'error' event (spawn does not throw), which also ends the wait.
  const perf = spawn('perf', ['stat', '-e', 'instructions', '--per-thread', '-x', ';', '-p', pids.join(',')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let out = '';
  let failed = false;
  perf.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const closed = new Promise<void>((resolve) => {
    perf.on('error', () => {
      failed = true;
      resolve();
    });
    perf.on('close', () => resolve());
  });
  await new Promise((r) => setTimeout(r, 300)); // perf attaches
  await work();
  perf.kill('SIGINT');
  await closed;
  if (failed) return null;
  const counts: ThreadInstructions = new Map();
  for (const line of out.split('\n')) {
    const [thread, value] = line.split(';');
    const n = Number(value);
    if (!thread || !Number.isFinite(n) || value === '') continue;
    const m = /^(.*)-(\d+)$/.exec(thread);
    const key = `${kindOf.get(m?.[2] ?? '') ?? 'other'}:${m?.[1] ?? thread}`;
    counts.set(key, (counts.get(key) ?? 0) + n);
  }
  return counts.size > 0 ? counts : null;
}
