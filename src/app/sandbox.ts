/**
 * Builds the running sandbox: a SimClient on a Worker (in-process fallback), the root actor on
 * top of it, and the frame pipeline (client frame → frame store → actors).
 */
import { createActor } from 'xstate';
import { connectInProcess, connectWorker, SimClient } from '../client/index.ts';
import type { EndpointFactory } from '../client/index.ts';
import type { Sandbox } from '../hooks/index.ts';
import { sandboxMachine } from '../machines/index.ts';
import { publishFrame } from '../store/index.ts';

export function createSandbox(connect: EndpointFactory = connectWorker): Sandbox {
  const client = new SimClient({ connect, fallback: connectInProcess });
  const root = createActor(sandboxMachine, { input: { port: client } });
  client.onFrame((frame) => {
    publishFrame(frame);
    root.send({ type: 'frame', frame });
  });
  root.start();
  return { client, root };
}

let instance: Sandbox | null = null;

/** The page's one sandbox (created on first use; StrictMode's double render must not start two workers). */
export function getSandbox(): Sandbox {
  instance ??= createSandbox();
  return instance;
}
