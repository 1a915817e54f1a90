/**
 * Views: the live views in headless Chromium on a big topology (1,000 devices on 8 SMMUv3s,
 * 10,000 processes, thousands of global PASIDs). Builds the production bundle, serves it with
 * `vite preview`, opens every view, then measures:
 *  - the PASID grid's full repaint (2^20 cells through the colour lookup into the ImageData,
 *    `vz:grid-paint` performance measures), forced by switching the selected device;
 *  - pan/zoom: wheel and drag gestures on the grid for ~2 s, frames per second from
 *    requestAnimationFrame timestamps and the per-frame draw time (`vz:grid-draw`);
 *  - step → painted frame with all views open, with the frame-rate limit off as in the browser
 *    workload (the target row: our pipeline; reduced motion, since without vsync animations
 *    would repaint unthrottled) and at 60 Hz with motion (adds the wait for vsync), and the
 *    longest main-thread task while stepping (Chromium trace);
 *  - step → painted frame with each view's panel scrolled on screen in turn: the target row is
 *    the worst view's p95, since an off-screen view skips its per-step work;
 *  - the CD table in table mode (thousands of rows): rows in the DOM, and scroll frame times.
 */
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { mulberry32, randomInt } from '../prng.ts';
import { buildApp, chromiumPath, percentile, ROOT, serve, STEP_SRC, UNLIMITED_ARGS } from '../browserKit.ts';
import type { BenchRow, Workload } from '../types.ts';

const NAME = 'views';
const OUT = join(ROOT, 'node_modules', '.tmp', 'bench-views-dist');
/** VIEWS_BENCH_PORT: another port, so two checkouts can run this workload side by side. */
const PORT = Number(process.env.VIEWS_BENCH_PORT ?? 4331);
const DEVICES = 1000;
const PROCESSES = 10_000;
const PRELUDE = 3000;
const WARMUP = 20;
const MEASURED = 200;
const BASELINE = 100;
/** Section 4b: each live view scrolled on screen in turn (all views open), steps per view. */
const VIEW_IDS = ['pasids', 'smmu', 'bindings', 'queues', 'statechart'] as const;
const PER_VIEW_WARMUP = 10;
const PER_VIEW = 100;
const PER_VIEW_TOTAL = VIEW_IDS.length * (PER_VIEW_WARMUP + PER_VIEW);
const REPAINTS = 30;
const TARGET_PAINT_MS = 16;
const TARGET_FPS = 55;
const TARGET_P95_MS = 16;
const TARGET_TASK_MS = 50;

/** Page-side globals (the bench type-checks without the DOM lib). */
interface PageApi {
  load(scenario: unknown, source?: string): Promise<boolean>;
  cursor(): number;
  seek(cursor: number): void;
  select(device: string | null, proc: string | null): void;
  step(): void;
}
declare const window: { __sandbox?: PageApi };
declare const document: { querySelector(sel: string): { textContent: string | null } | null };

/** PRELUDE binds (thousands of global PASIDs), then a mix of binds, unbinds and DMA. */
function bigScenario(tail: number): unknown {
  const next = mulberry32(0x71e3);
  const bound: [string, string][] = [];
  const steps: unknown[] = [];
  const bind = (): void => {
    const pair: [string, string] = [`d${randomInt(next, 0, DEVICES - 1)}`, `p${randomInt(next, 0, PROCESSES - 1)}`];
    bound.push(pair);
    steps.push({ op: 'bind', dev: pair[0], proc: pair[1] });
  };
  for (let s = 0; s < PRELUDE; s++) bind();
  for (let s = 0; s < tail; s++) {
    const r = next();
    if (r < 0.6) bind();
    else if (r < 0.8) {
      const [dev, proc] = bound.splice(randomInt(next, 0, bound.length - 1), 1)[0]!;
      steps.push({ op: 'unbind', dev, proc });
    } else steps.push({ op: 'dma', dev: `d${randomInt(next, 0, DEVICES - 1)}`, pasid: randomInt(next, 1, 8) });
  }
  return {
    format: 'pasid-sandbox/1',
    title: 'Views bench',
    policy: 'global',
    iommus: Array.from({ length: 8 }, (_, i) => ({ id: `smmu${i}`, type: 'smmuv3', ssidBits: 20 })),
    devices: Array.from({ length: DEVICES }, (_, i) => ({
      id: `d${i}`,
      iommu: `smmu${i % 8}`,
      bus: i % 10 === 0 ? 'platform' : 'pci',
      pasidBits: i % 10 === 0 ? 4 : 20,
    })),
    processes: Array.from({ length: PROCESSES }, (_, i) => ({ id: `p${i}` })),
    steps,
  };
}

/** Runs in the page: records requestAnimationFrame timestamps until stopped. */
const FRAMES_START = `() => {
  const s = { t: [], on: true };
  const tick = (now) => { s.t.push(now); if (s.on) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__vzFrames = s;
}`;
const FRAMES_STOP = `() => { const s = window.__vzFrames; s.on = false; return s.t; }`;

const durations = (page: Page, name: string): Promise<number[]> =>
  page.evaluate<number[]>(`performance.getEntriesByName(${JSON.stringify(name)}).map((e) => e.duration)`);
const clearMeasures = (page: Page): Promise<void> => page.evaluate<void>('performance.clearMeasures()');

function longestMainTask(trace: Buffer): number {
  const { traceEvents } = JSON.parse(trace.toString('utf8')) as {
    traceEvents: { name: string; ph: string; pid: number; tid: number; dur?: number; args?: { name?: string } }[];
  };
  const mains = new Set(
    traceEvents
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  );
  let max = 0;
  for (const e of traceEvents) {
    if (e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.dur !== undefined) {
      if (mains.has(`${e.pid}:${e.tid}`)) max = Math.max(max, e.dur / 1000);
    }
  }
  return max;
}

interface Results {
  paints: number[];
  fps: number;
  draws: number[];
  steps: number[];
  patches: number[];
  baseline: number[];
  /** Step → paint with each view scrolled on screen in turn (unlimited mode only). */
  perView: { id: string; steps: number[] }[];
  longTask: number;
  tableRows: { total: number; inDom: number };
  scrollFrames: number[];
}

interface Mode {
  /** ?views=eager: every view updates even off screen. */
  eager: boolean;
  /** No frame-rate limit (as the browser workload's target row). */
  unlimited: boolean;
  /** Only the stepping sections (3 and 4). */
  stepsOnly: boolean;
  /** Also step with each view scrolled on screen in turn (4b). */
  perView: boolean;
}

async function measure(executablePath: string, mode: Mode): Promise<Results> {
  const { eager, unlimited, stepsOnly, perView: withPerView } = mode;
  const browser = await chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      ...(unlimited ? UNLIMITED_ARGS : []),
    ],
  });
  try {
    // Without vsync a CSS animation (a changed card's flash) repaints as fast as the CPU allows,
    // which no display does: the unlimited runs measure the step pipeline with reduced motion.
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      reducedMotion: unlimited ? 'reduce' : 'no-preference',
    });
    await page.goto(`http://127.0.0.1:${PORT}/?e2e${eager ? '&views=eager' : ''}`);
    await page.waitForFunction(() => window.__sandbox !== undefined && window.__sandbox.cursor() === 0);
    const tail = WARMUP + MEASURED + BASELINE + PER_VIEW_TOTAL;
    const total = PRELUDE + tail;
    const loaded = await page.evaluate((sc) => window.__sandbox!.load(sc, 'bench'), bigScenario(tail));
    if (!loaded) throw new Error(`${NAME}: the big scenario did not load`);
    await page.evaluate((c) => window.__sandbox!.seek(c), PRELUDE);
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="cursor"]')?.textContent === want,
      `${PRELUDE} / ${total}`,
      { timeout: 120_000 }
    );
    const grid = page.getByTestId('pasid-grid');
    await grid.waitFor();
    await grid.scrollIntoViewIfNeeded();

    const none: Results = {
      paints: [],
      fps: NaN,
      draws: [],
      steps: [],
      patches: [],
      baseline: [],
      perView: [],
      longTask: NaN,
      tableRows: { total: 0, inDom: 0 },
      scrollFrames: [],
    };
    const { paints, fps, draws } = stepsOnly ? none : await gridSections(page);
    const { steps, patches, baseline, longTask } = await stepSections(browser, page);
    const perView = withPerView ? await perViewSection(page) : [];
    const { tableRows, scrollFrames } = stepsOnly ? none : await tableSection(page);
    return { paints, fps, draws, steps, patches, baseline, perView, longTask, tableRows, scrollFrames };
  } finally {
    await browser.close();
  }
}

/** 1 and 2: full grid repaints, then pan and zoom. */
async function gridSections(page: Page): Promise<Pick<Results, 'paints' | 'fps' | 'draws'>> {
  const grid = page.getByTestId('pasid-grid');
  // 1. Full repaints: every device switch changes the dimmed range, so all 2^20 cells repaint.
  await clearMeasures(page);
  for (let i = 0; i < REPAINTS; i++) {
    await page.evaluate((d) => window.__sandbox!.select(d, null), `d${i % 2}`);
    await page.waitForTimeout(40);
  }
  const paints = (await durations(page, 'vz:grid-paint')).sort((a, b) => a - b);

  // 2. Pan and zoom for ~2 s.
  const box = await grid.boundingBox();
  if (!box) throw new Error(`${NAME}: no grid`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await clearMeasures(page);
  await page.evaluate(`(${FRAMES_START})()`);
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i % 20 < 10 ? -120 : 120);
    await page.waitForTimeout(16);
  }
  await page.mouse.down();
  for (let i = 0; i < 60; i++) {
    await page.mouse.move(box.x + box.width / 2 + Math.sin(i / 6) * 150, box.y + box.height / 2 + Math.cos(i / 6) * 90);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const stamps = await page.evaluate<number[]>(`(${FRAMES_STOP})()`);
  const span = (stamps[stamps.length - 1] ?? 0) - (stamps[0] ?? 0);
  const fps = span > 0 ? ((stamps.length - 1) * 1000) / span : 0;
  const draws = (await durations(page, 'vz:grid-draw')).sort((a, b) => a - b);
  return { paints, fps, draws };
}

/** 3 and 4: step → paint with every view open, then with every view hidden. */
async function stepSections(
  browser: Browser,
  page: Page
): Promise<Pick<Results, 'steps' | 'patches' | 'baseline' | 'longTask'>> {
  // 3. Step → paint with every view open.
  const stepN = (n: number): Promise<number[]> => page.evaluate<number[]>(`(${STEP_SRC})(${n})`);
  await stepN(WARMUP);
  await clearMeasures(page);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel'] });
  const steps = (await stepN(MEASURED)).sort((a, b) => a - b);
  const patches = (await durations(page, 'vz:grid-patch')).sort((a, b) => a - b);
  const longTask = longestMainTask(await browser.stopTracing());

  // 4. The same with every view hidden: what the views add.
  const ids = ['pasids', 'smmu', 'bindings', 'queues', 'statechart'];
  for (const id of ids) await page.getByTestId(`toggle-${id}`).click();
  const baseline = (await stepN(BASELINE)).sort((a, b) => a - b);
  for (const id of ids) await page.getByTestId(`toggle-${id}`).click();
  return { steps, patches, baseline, longTask };
}

/**
 * 4b: all views open, each view's panel scrolled on screen in turn. Off-screen views skip their
 * per-step work, so the row with the PASID grid on screen (3) says nothing about the others: a
 * user stepping while reading the CD tables or the bindings needs the same latency.
 */
async function perViewSection(page: Page): Promise<{ id: string; steps: number[] }[]> {
  const stepN = (n: number): Promise<number[]> => page.evaluate<number[]>(`(${STEP_SRC})(${n})`);
  const out: { id: string; steps: number[] }[] = [];
  for (const id of VIEW_IDS) {
    await page.getByTestId(`view-${id}`).evaluate((el: unknown) => {
      (el as { scrollIntoView(o: { block: string }): void }).scrollIntoView({ block: 'start' });
    });
    await page.waitForTimeout(200);
    // The first steps after a view comes back on screen catch it up: not what stepping costs.
    await stepN(PER_VIEW_WARMUP);
    out.push({ id, steps: (await stepN(PER_VIEW)).sort((a, b) => a - b) });
  }
  await page.getByTestId('pasid-grid').scrollIntoViewIfNeeded();
  return out;
}

/** 5: the CD table in table mode. */
async function tableSection(page: Page): Promise<Pick<Results, 'tableRows' | 'scrollFrames'>> {
  // 5. The CD table in table mode.
  await page.getByTestId('view-smmu-mode-table').click();
  await page.getByTestId('smmu-tab-cd').click();
  const table = page.getByTestId('smmu-table-cd');
  await table.waitFor();
  const tableRows = await table.evaluate((t: unknown) => {
    const el = t as { getAttribute(n: string): string | null; querySelectorAll(s: string): { length: number } };
    return {
      total: Number(el.getAttribute('aria-rowcount') ?? '1') - 1,
      inDom: el.querySelectorAll('tbody tr[aria-rowindex]').length,
    };
  });
  await page.evaluate(`(${FRAMES_START})()`);
  const scroller = page.getByRole('region', { name: /CD \(scrollable\)/ });
  await scroller.hover();
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
  }
  const scrollStamps = await page.evaluate<number[]>(`(${FRAMES_STOP})()`);
  const scrollFrames = scrollStamps
    .slice(1)
    .map((t, i) => t - scrollStamps[i]!)
    .sort((a, b) => a - b);
  return { tableRows, scrollFrames };
}

async function run(): Promise<BenchRow[]> {
  buildApp(NAME, OUT);
  const server = await serve(NAME, OUT, PORT);
  try {
    const r = await measure(chromiumPath(NAME), { eager: false, unlimited: false, stepsOnly: false, perView: false });
    const fast = await measure(chromiumPath(NAME), { eager: false, unlimited: true, stepsOnly: true, perView: true });
    const eager = await measure(chromiumPath(NAME), { eager: true, unlimited: true, stepsOnly: true, perView: false });
    const ms = (v: number): string => `${v.toFixed(1)} ms`;
    const w = `${NAME} (${DEVICES} dev, ${PROCESSES} proc, all views)`;
    const paintP95 = percentile(r.paints, 95);
    const stepP95 = percentile(fast.steps, 95);
    const dist = (v: number[]): string =>
      `p50 ${ms(percentile(v, 50))} · p95 ${ms(percentile(v, 95))} · max ${ms(v[v.length - 1] ?? NaN)}`;
    const worstView = fast.perView.reduce(
      (a, v) => (percentile(v.steps, 95) > percentile(a.steps, 95) ? v : a),
      fast.perView[0] ?? { id: 'none', steps: [] }
    );
    const worstP95 = percentile(worstView.steps, 95);
    const perViewRows: BenchRow[] = fast.perView.map((v) => ({
      workload: w,
      measure: `step → painted frame, ${PER_VIEW} steps, all views open, the ${v.id} view on screen (no frame-rate limit, reduced motion)`,
      value: dist(v.steps),
      target: '',
      ok: null,
    }));
    return [
      {
        workload: w,
        measure: `PASID grid full repaint, 2^20 cells (${r.paints.length} repaints)`,
        value: dist(r.paints),
        target: `p95 ≤ ${TARGET_PAINT_MS} ms`,
        ok: paintP95 <= TARGET_PAINT_MS,
      },
      {
        workload: w,
        measure: 'PASID grid pan/zoom: frames per second',
        value: `${r.fps.toFixed(1)} fps`,
        target: `≥ ${TARGET_FPS} fps`,
        ok: r.fps >= TARGET_FPS,
      },
      {
        workload: w,
        measure: `PASID grid pan/zoom: draw per frame (${r.draws.length} draws)`,
        value: dist(r.draws),
        target: '',
        ok: null,
      },
      {
        workload: w,
        measure: `PASID grid partial repaint after a step (${r.patches.length} steps)`,
        value: dist(r.patches),
        target: '',
        ok: null,
      },
      ...perViewRows,
      {
        workload: w,
        measure: `step → painted frame, all views open, whichever view is on screen: the worst view's p95 (${worstView.id})`,
        value: ms(worstP95),
        target: `p95 ≤ ${TARGET_P95_MS} ms`,
        ok: worstP95 <= TARGET_P95_MS,
      },
      {
        workload: w,
        measure: `step → painted frame, ${MEASURED} steps, all views open, PASID grid on screen (no frame-rate limit, as the browser workload; reduced motion)`,
        value: dist(fast.steps),
        target: `p95 ≤ ${TARGET_P95_MS} ms`,
        ok: stepP95 <= TARGET_P95_MS,
      },
      {
        workload: w,
        measure: `step → painted frame, ${MEASURED} steps, all views open, at 60 Hz vsync (includes the wait for the next frame)`,
        value: dist(r.steps),
        target: '',
        ok: null,
      },
      {
        workload: w,
        measure: `step → painted frame, ${MEASURED} steps, all views updating even off screen (?views=eager, no frame-rate limit, reduced motion)`,
        value: dist(eager.steps),
        target: '',
        ok: null,
      },
      {
        workload: w,
        measure: 'longest main-thread task while stepping (?views=eager)',
        value: ms(eager.longTask),
        target: '',
        ok: null,
      },
      {
        workload: w,
        measure: `step → painted frame, ${BASELINE} steps, every view hidden (baseline, no frame-rate limit, reduced motion)`,
        value: dist(fast.baseline),
        target: '',
        ok: null,
      },
      {
        workload: w,
        measure: 'longest main-thread task while stepping (60 Hz and unlimited runs)',
        value: ms(Math.max(r.longTask, fast.longTask)),
        target: `≤ ${TARGET_TASK_MS} ms`,
        ok: Math.max(r.longTask, fast.longTask) <= TARGET_TASK_MS,
      },
      {
        workload: w,
        measure: 'CD table (table mode): rows in the DOM / rows',
        value: `${r.tableRows.inDom} / ${r.tableRows.total}`,
        target: 'virtualised',
        ok: r.tableRows.total < 100 || r.tableRows.inDom < 100,
      },
      {
        workload: w,
        measure: 'CD table scroll: frame interval',
        value: dist(r.scrollFrames),
        target: '',
        ok: null,
      },
    ];
  } finally {
    server.kill();
  }
}

export const workload: Workload = { name: NAME, run };

/** The big scenario (tail steps after the prelude), for profiling scripts. */
export const viewsScenarioForProfile = bigScenario;
