/**
 * ViewChanges.step through the whole pipeline (SimClient over the in-process host): at cursor N
 * the published "this step" changes are step N's, whether the cursor got there by one step
 * forward, a step back, a load (a link or a reload), or two steps merged into one publication.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../engine/index.ts';
import { connectInProcess } from './endpoint.ts';
import { SimClient } from './simClient.ts';
import type { Frame } from './simClient.ts';

const library = (
  JSON.parse(readFileSync(new URL('../../public/scenarios/index.json', import.meta.url), 'utf8')) as {
    scenarios: { file: string }[];
  }
).scenarios.map(
  (s) => JSON.parse(readFileSync(new URL(`../../public/scenarios/${s.file}`, import.meta.url), 'utf8')) as Scenario
);
const rfc = library.find((s) => s.title?.startsWith('A 2-bit-SSID accelerator'))!;

/** A client whose publications run when the test says (`publish`), not on a timer. */
function client() {
  let queued: (() => void)[] = [];
  const c = new SimClient({
    connect: connectInProcess,
    schedule: (flush) => void queued.push(flush),
    watchdogMs: 5000,
    readyTimeoutMs: 5000,
  });
  let last: Frame | null = null;
  c.onFrame((f) => (last = f));
  const publish = (): Frame => {
    const run = queued;
    queued = [];
    run.forEach((flush) => flush());
    if (!last) throw new Error('nothing published');
    return last;
  };
  return { c, publish };
}

/** The published step changes, comparable. */
function marks(f: Frame) {
  const s = f.viewChanges.step;
  if (s === null) return null;
  const sorted = <T>(set: ReadonlySet<T>): T[] => [...set].sort();
  return { pasids: sorted(s.pasids), handles: sorted(s.handles), removed: sorted(s.removedHandles) };
}

async function compare(scenario: Scenario): Promise<ReturnType<typeof marks>[]> {
  const policy = scenario.policy ?? 'global';
  const n = scenario.steps.length;
  const { c, publish } = client();
  await c.load(scenario, policy, 0);
  expect(marks(publish()), 'before the first step').toBeNull();
  const byCursor: ReturnType<typeof marks>[] = [null];
  for (let k = 1; k <= n; k++) {
    await c.step();
    byCursor[k] = marks(publish());
    expect(byCursor[k], `step forward to ${k}`).not.toBeNull();
  }
  for (let k = n - 1; k >= 0; k--) {
    await c.seek(k);
    expect(marks(publish()), `step back to ${k}`).toEqual(byCursor[k]);
  }
  for (let k = 0; k + 2 <= n; k += 3) {
    await c.seek(k);
    // Two steps whose frames merge into one publication: the second one's changes are shown.
    await c.step();
    await c.step();
    expect(marks(publish()), `two steps to ${k + 2}`).toEqual(byCursor[k + 2]);
  }
  for (let k = 0; k <= n; k++) {
    await c.load(scenario, policy, k);
    expect(marks(publish()), `load at ${k}`).toEqual(byCursor[k]);
  }
  c.dispose();
  return byCursor;
}

describe('ViewChanges.step', () => {
  it("at step 3 of the RFC problem is P3's PASID 3 and its handle, after a step back too", async () => {
    const byCursor = await compare(rfc);
    expect(byCursor[3]).toEqual({ pasids: [3], handles: ['H[grp:nic0][3]'], removed: [] });
    // Step 5 binds P1 to accel0 with the PASID P1 already holds: no holder changes, a new handle,
    // and nic0's handle of P1 now shows two users of the shared SVA domain.
    expect(byCursor[5]).toEqual({ pasids: [], handles: ['H[grp:accel0][1]', 'H[grp:nic0][1]'], removed: [] });
  });

  it.each(library.map((s) => [s.title, s] as const))(
    'is the same whichever way the cursor got there: %s',
    async (_title, s) => {
      await compare(s);
    },
    30_000
  );
});
