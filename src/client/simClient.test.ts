import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../engine/index.ts';
import type { Request, WorkerMessage } from '../protocol/index.ts';
import { connectInProcess } from './endpoint.ts';
import type { Endpoint, EndpointFactory } from './endpoint.ts';
import { SimClient } from './simClient.ts';
import type { Frame } from './simClient.ts';

const rfc = JSON.parse(
  readFileSync(new URL('../../public/scenarios/rfc-problem.json', import.meta.url), 'utf8')
) as Scenario;

/** Publishes on a macrotask instead of requestAnimationFrame. */
const schedule = (flush: () => void): void => void setTimeout(flush, 0);

function client(
  connect: EndpointFactory = connectInProcess,
  extra: Partial<ConstructorParameters<typeof SimClient>[0]> = {}
) {
  return new SimClient({ connect, schedule, watchdogMs: 200, readyTimeoutMs: 500, ...extra });
}

/** Resolves with the first published frame matching `pred`. */
function frameWhere(c: SimClient, pred: (f: Frame) => boolean): Promise<Frame> {
  return new Promise((resolve) => {
    const off = c.onFrame((f) => {
      if (pred(f)) {
        off();
        resolve(f);
      }
    });
  });
}

describe('SimClient over the in-process endpoint', () => {
  it('load() replays to the cursor and publishes a full frame', async () => {
    const c = client();
    const framed = frameWhere(c, (f) => f.changes.full);
    await expect(c.load(rfc, 'global', 4)).resolves.toEqual({ cursor: 4, length: 12 });
    const f = await framed;
    expect(f.model.log.map((r) => r.errno ?? r.pasid)).toEqual([1, 2, 3, 'ENOSPC']);
    expect(f.model.proc('P3')?.pasid).toBe(3);
    expect(f.model.bond('nic0', 'P2')).toEqual({ pasid: 2, users: 1 });
    expect([...f.model.globalPasids]).toEqual([1, 2, 3]);
    c.dispose();
  });

  it('step() sends only the rows that changed', async () => {
    const c = client();
    await c.load(rfc, 'global', 3);
    const next = frameWhere(c, (f) => !f.changes.full && f.changes.log);
    await c.step();
    const f = await next;
    expect(f.model.log.at(-1)).toMatchObject({ i: 3, ok: false, errno: 'ENOSPC' });
    expect(f.changes.procs.size).toBe(0);
    c.dispose();
  });

  it('insert() applies a step at the cursor and returns its result', async () => {
    const c = client();
    await c.load(rfc, 'global', 2);
    const { result, position } = await c.insert({ op: 'bind', dev: 'accel0', proc: 'P4' });
    expect(result).toMatchObject({ i: 2, ok: true, pasid: 3 });
    expect(position).toEqual({ cursor: 3, length: 13 });
    expect(c.scenario?.steps[2]).toEqual({ op: 'bind', dev: 'accel0', proc: 'P4' });
    c.dispose();
  });

  it('seek() backwards rebuilds and truncates the log', async () => {
    const c = client();
    await c.load(rfc, 'global', 9);
    const full = frameWhere(c, (f) => f.changes.full && f.model.cursor === 2);
    await c.seek(2);
    const f = await full;
    expect(f.model.log).toHaveLength(2);
    expect(f.model.bond('nic0', 'P3')).toBeUndefined();
    c.dispose();
  });

  it('a policy is applied to the whole replay', async () => {
    const c = client();
    await c.load(rfc, 'per-device-cap', 4);
    expect(c.model.log[3]).toMatchObject({ ok: true, pasid: 1 });
    c.dispose();
  });

  it('a nack rejects the request and keeps the state', async () => {
    const c = client();
    await c.load(rfc, 'global', 1);
    await expect(c.insert({ op: 'bind', dev: 'nope', proc: 'P1' })).rejects.toThrow();
    await expect(c.step()).resolves.toEqual({ cursor: 2, length: 12 });
    c.dispose();
  });
});

describe('SimClient when the worker dies', () => {
  it('restarts after a crash and returns to the same step', async () => {
    const c = client();
    await c.load(rfc, 'global', 0);
    await c.step(5);
    await c.insert({ op: 'bind', dev: 'nic0', proc: 'P4' });
    c.crash();
    const pos = await c.step();
    expect(pos).toEqual({ cursor: 7, length: 13 });
    expect(c.model.log).toHaveLength(7);
    expect(c.model.log[5]).toMatchObject({ op: 'bind', ok: true, pasid: 4 });
    expect(c.status).toMatchObject({ state: 'running' });
    c.dispose();
  });

  it('a silent worker is detected by the watchdog and its pending request replayed', async () => {
    let calls = 0;
    let silenced: Endpoint | null = null;
    const flaky: EndpointFactory = async (h) => {
      const ep = await connectInProcess(h);
      calls += 1;
      if (calls === 1) {
        // Answers the load, then goes silent (as a worker killed from outside would).
        let answered = 0;
        silenced = ep;
        return {
          kind: ep.kind,
          terminate: () => ep.terminate(),
          send: (r: Request) => {
            if (answered++ < 1) ep.send(r);
          },
        };
      }
      return ep;
    };
    const c = client(flaky);
    await c.load(rfc, 'global', 3);
    await expect(c.step()).resolves.toEqual({ cursor: 4, length: 12 });
    expect(calls).toBe(2);
    expect(silenced).not.toBeNull();
    expect(c.model.log[3]).toMatchObject({ errno: 'ENOSPC' });
    c.dispose();
  });

  it('falls back to the in-process host when the worker cannot start', async () => {
    const broken: EndpointFactory = () => Promise.reject(new Error('Worker is not defined'));
    const c = client(broken, { fallback: connectInProcess });
    await expect(c.load(rfc, 'global', 1)).resolves.toEqual({ cursor: 1, length: 12 });
    expect(c.status).toMatchObject({ state: 'running', kind: 'in-process' });
    c.dispose();
  });

  it('ignores replies from a worker it already replaced', async () => {
    const seen: WorkerMessage['type'][] = [];
    const c = client(async (h) =>
      connectInProcess({
        message: (m) => {
          seen.push(m.type);
          h.message(m);
        },
        fail: (reason) => h.fail(reason),
      })
    );
    await c.load(rfc, 'global', 2);
    expect(seen).toContain('sim.ack');
    c.dispose();
  });
});
