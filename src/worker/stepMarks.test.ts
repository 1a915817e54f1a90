/**
 * SimHost's StepMarks: a frame that is not one step forward (a load at a cursor, a step back, a
 * jump over several steps) carries the current step's own changes, and they are exactly what the
 * one-step frame onto that step listed (its holder and handle deltas). A one-step frame carries
 * none. Random step sequences under every policy, on SMMUv3 and VT-d (touchedSteps.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Policy, Scenario, Step } from '../engine/index.ts';
import { POLICIES } from '../engine/scenario/types.ts';
import { requestId } from '../protocol/index.ts';
import type { FrameDelta, Request, WorkerMessage } from '../protocol/index.ts';
import { SimHost } from './host.ts';
import { arbStep, topology } from './touchedSteps.ts';

interface Marks {
  pasids: number[];
  handles: string[];
  removedHandles: string[];
}

function host(scenario: Scenario, policy: Policy, cursor: number) {
  const frames: FrameDelta[] = [];
  const h = new SimHost((msg: WorkerMessage) => {
    if (msg.type === 'sim.frame') frames.push(msg.frame);
    if (msg.type === 'sim.nack') throw new Error(msg.message);
  });
  let id = 1;
  const send = (req: Record<string, unknown>): FrameDelta => {
    h.handle({ ...req, id: requestId(id++) } as unknown as Request);
    return frames.at(-1)!;
  };
  send({ type: 'sim.load', scenario, policy, cursor });
  return { frames, send };
}

/** What a one-step frame says the step changed: its own deltas. */
function deltaMarks(f: FrameDelta): Marks {
  const t = f.views?.tables?.handle;
  return {
    pasids: [...(f.views?.holders?.pasid ?? [])].sort((a, b) => a - b),
    handles: t?.keys ?? [],
    removedHandles: t?.removed ?? [],
  };
}

function sentMarks(f: FrameDelta): Marks | undefined {
  const m = f.views?.step;
  return m && { pasids: [...m.pasids], handles: m.handles, removedHandles: m.removedHandles };
}

/** Steps forward one at a time, then checks every cursor reached by a load, a step back and a jump. */
function compare(scenario: Scenario, policy: Policy): void {
  const n = scenario.steps.length;
  const forward = host(scenario, policy, 0);
  expect(forward.frames[0]?.views?.step, 'load at 0: no step to mark').toBeUndefined();
  const byStep: Marks[] = [];
  for (let c = 1; c <= n; c++) {
    const f = forward.send({ type: 'sim.step', count: 1 });
    expect(f.cursor).toBe(c);
    expect(f.views?.step, `one step to ${c}: its delta is the step's`).toBeUndefined();
    byStep[c] = deltaMarks(f);
  }
  for (let c = n - 1; c >= 1; c--) {
    expect(sentMarks(forward.send({ type: 'sim.seek', cursor: c })), `back to ${c}`).toEqual(byStep[c]);
  }
  for (let c = 1; c <= n; c++) {
    expect(sentMarks(host(scenario, policy, c).frames[0]!), `load at ${c}`).toEqual(byStep[c]);
    if (c >= 2) {
      const jump = host(scenario, policy, c - 2 - (c % 3 === 0 ? Math.min(c - 2, 3) : 0));
      const f = jump.send({ type: 'sim.seek', cursor: c });
      expect(sentMarks(f), `jump forward to ${c}`).toEqual(byStep[c]);
    }
  }
}

describe('SimHost step marks', () => {
  it('name what the third bind changed after a step back onto it (PASID 3, its handle)', () => {
    const steps: Step[] = [
      { op: 'bind', dev: 'nic0', proc: 'P1' },
      { op: 'bind', dev: 'nic0', proc: 'P2' },
      { op: 'bind', dev: 'nic0', proc: 'P3' },
      { op: 'bind', dev: 'acc0', proc: 'P4' },
    ];
    const h = host(topology('global', 'arm64', steps), 'global', 4);
    const back = h.send({ type: 'sim.seek', cursor: 3 });
    expect(back.full).toBe(true);
    expect(sentMarks(back)).toEqual({ pasids: [3], handles: ['H[grp:nic0][3]'], removedHandles: [] });
  });

  describe.each(POLICIES)('under %s', (policy) => {
    it('equal the one-step frame onto the same step, whichever way the cursor got there', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('x86' as const, 'arm64' as const),
          fc.array(arbStep, { minLength: 1, maxLength: 30 }),
          (arch, steps) => compare(topology(policy, arch, steps), policy)
        ),
        { numRuns: 25, seed: 11 }
      );
    });
  });
});
