/**
 * Builds the running sandbox: a SimClient on a Worker (in-process fallback), the root actor on
 * top of it, the frame pipeline (client frame → frame store → actors), and device tracking (the
 * device the views show keeps its bond actors).
 */
import { createActor } from 'xstate';
import { connectInProcess, connectWorker, SimClient } from '../client/index.ts';
import type { EndpointFactory } from '../client/index.ts';
import type { Sandbox } from '../hooks/index.ts';
import { sandboxMachine } from '../machines/index.ts';
import { publishFrame, useUiStore } from '../store/index.ts';

export function createSandbox(connect: EndpointFactory = connectWorker): Sandbox {
  const client = new SimClient({ connect, fallback: connectInProcess });
  const root = createActor(sandboxMachine, { input: { port: client } });
  let tracked: string | null = null;
  // The selected device, else the first one (the statechart shows it when nothing is selected).
  const follow = (): void => {
    const id = useUiStore.getState().selection.device ?? client.model.topology?.devices[0]?.id ?? null;
    if (id === tracked) return;
    if (tracked !== null) root.send({ type: 'device.untrack', id: tracked });
    tracked = id;
    if (id !== null) root.send({ type: 'device.track', id });
  };
  client.onFrame((frame) => {
    publishFrame(frame);
    root.send({ type: 'frame', frame });
    if (frame.changes.full) follow();
  });
  useUiStore.subscribe(follow);
  root.start();
  return { client, root };
}

let instance: Sandbox | null = null;

/** The page's one sandbox (created on first use; StrictMode's double render must not start two workers). */
export function getSandbox(): Sandbox {
  instance ??= createSandbox();
  return instance;
}
