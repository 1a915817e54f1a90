/**
 * Endpoints: how the client reaches a SimHost. A browser Worker in production, or the same host
 * running in-process (unit tests, and the fallback when a worker cannot start).
 */
import type { Request, WorkerMessage } from '../protocol/index.ts';

/** What an endpoint reports back to the client. */
export interface EndpointHandlers {
  message(message: WorkerMessage): void;
  /** The other side died or cannot be reached; the endpoint is unusable afterwards. */
  fail(reason: string): void;
}

/** One live connection to a SimHost. */
export interface Endpoint {
  readonly kind: 'worker' | 'in-process';
  send(request: Request): void;
  /** Stops the other side for good (idempotent). */
  terminate(): void;
}

/** Creates a fresh endpoint (each worker restart calls it again). */
export type EndpointFactory = (handlers: EndpointHandlers) => Promise<Endpoint>;

/**
 * The slice of the DOM Worker this module uses, declared locally so the client also type-checks
 * in the Node project (its unit tests run there, where the in-process endpoint is used).
 */
interface WorkerLike {
  postMessage(message: Request): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (e: { data: WorkerMessage }) => void): void;
  addEventListener(type: 'error', listener: (e: { message: string; preventDefault(): void }) => void): void;
  addEventListener(type: 'messageerror', listener: () => void): void;
}
declare const Worker: new (url: URL, options: { type: 'module'; name?: string }) => WorkerLike;

/**
 * A module Worker running `src/worker/sim.worker.ts`.
 * @example
 * const client = new SimClient({ connect: connectWorker, fallback: connectInProcess });
 */
export const connectWorker: EndpointFactory = (h) => {
  // The `new URL(...)` must sit directly inside `new Worker(...)` for Vite to bundle the worker.
  const worker = new Worker(new URL('../worker/sim.worker.ts', import.meta.url), { type: 'module', name: 'sim' });
  let dead = false;
  const fail = (reason: string): void => {
    if (dead) return;
    dead = true;
    worker.terminate();
    h.fail(reason);
  };
  worker.addEventListener('message', (e) => {
    if (!dead) h.message(e.data);
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(e.message || 'worker error');
  });
  worker.addEventListener('messageerror', () => fail('worker message could not be decoded'));
  return Promise.resolve({
    kind: 'worker',
    send: (request: Request) => {
      if (!dead) worker.postMessage(request);
    },
    terminate: () => {
      dead = true;
      worker.terminate();
    },
  });
};

/**
 * The host on the main thread, with a task hop and a structured clone each way so it behaves
 * like a worker (messages are copies, typed arrays are transferred, replies are asynchronous).
 * The host module is loaded on demand, so it costs nothing until a fallback is needed.
 */
export const connectInProcess: EndpointFactory = async (h) => {
  const { SimHost } = await import('../worker/host.ts');
  let dead = false;
  const host = new SimHost((message, transfer) => {
    const copy = structuredClone(message, { transfer });
    setTimeout(() => {
      if (!dead) h.message(copy);
    }, 0);
  });
  host.ready();
  return {
    kind: 'in-process',
    send: (request: Request) => {
      if (dead) return;
      if (request.type === 'debug.crash') {
        // A thrown error here would hit the page, not a worker: report the crash directly.
        dead = true;
        setTimeout(() => h.fail('debug.crash: simulated crash'), 0);
        return;
      }
      const copy = structuredClone(request);
      setTimeout(() => {
        if (!dead) host.handle(copy);
      }, 0);
    },
    terminate: () => {
      dead = true;
    },
  };
};
