/** SimHost over a Timeline: long jumps and backward seeks land on the same state as a straight run. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../engine/index.ts';
import type { Scenario, Step } from '../engine/index.ts';
import { requestId } from '../protocol/index.ts';
import type { FrameDelta, WorkerMessage } from '../protocol/index.ts';
import { SimHost } from './host.ts';

const steps: Step[] = Array.from({ length: 5000 }, (_, i): Step => {
  const dev = `d${i % 3}`;
  const proc = `P${(i * 7) % 5}`;
  return i % 3 === 2
    ? { op: 'unbind', dev, proc }
    : i % 11 === 0
      ? { op: 'dma', dev, pasid: 1 + (i % 4) }
      : { op: 'bind', dev, proc };
});
const LONG: Scenario = {
  format: 'pasid-sandbox/1',
  iommus: [{ id: 'smmu0', type: 'smmuv3' }],
  devices: [0, 1, 2].map((i) => ({ id: `d${i}`, iommu: 'smmu0', pasidBits: 4 + i })),
  processes: [0, 1, 2, 3, 4].map((i) => ({ id: `P${i}` })),
  steps,
};

function harness() {
  const frames: FrameDelta[] = [];
  const acks: { cursor: number }[] = [];
  const host = new SimHost((m: WorkerMessage) => {
    if (m.type === 'sim.frame') frames.push(m.frame);
    if (m.type === 'sim.ack') acks.push(m.position);
    if (m.type === 'sim.nack') throw new Error(m.message);
  });
  let id = 1;
  return {
    frames,
    acks,
    send: (
      req:
        | { type: 'sim.load'; scenario: Scenario; policy: 'global'; cursor: number }
        | { type: 'sim.seek'; cursor: number }
        | { type: 'sim.step'; count: number }
    ) => host.handle({ ...req, id: requestId(id++) }),
  };
}

describe('SimHost with a Timeline', () => {
  const full = runScenario(LONG);

  it('jumps forward and back; the log equals a straight run and the current step has its effects', () => {
    // A backward seek's full frame resends only the current step's entry, never the whole log.

    const h = harness();
    h.send({ type: 'sim.load', scenario: LONG, policy: 'global', cursor: 0 });
    for (const target of [4000, 10, 4999, 2500, 2501]) {
      const before = h.frames.length;
      h.send({ type: 'sim.seek', cursor: target });
      expect(h.acks.at(-1)?.cursor).toBe(target);
      const sent = h.frames.slice(before).reduce((n, f) => n + (f.log?.results.length ?? 0), 0);
      if (h.frames[before]?.full) expect(sent).toBe(1);
      // Rebuild the client's log as the client model does: every frame truncates to `log.from`
      // (a full frame after a backward seek keeps the unchanged prefix) and appends.
      const log: unknown[] = [];
      for (const f of h.frames) {
        if (f.full) log.length = Math.min(log.length, f.log?.from ?? 0);
        if (!f.log) continue;
        log.length = Math.min(log.length, f.log.from);
        log.push(...f.log.results);
      }
      expect(log).toHaveLength(target);
      const last = log.at(-1) as { effects?: unknown } | undefined;
      const expected = full.steps[target - 1];
      expect(last).toStrictEqual(expected);
      const strip = (r: unknown) => {
        const { effects: _e, ...rest } = r as { effects?: unknown };
        return rest;
      };
      expect(log.map(strip)).toStrictEqual(full.steps.slice(0, target).map(strip));
    }
  });
});
