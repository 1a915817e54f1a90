/**
 * The sandbox handle every view reaches through context: the client (for reads of the
 * acknowledged scenario and status) and the root actor (where every user action is sent).
 */
import { createContext, useContext } from 'react';
import type { ActorRefFrom } from 'xstate';
import type { SimClient } from '../client/index.ts';
import type { sandboxMachine } from '../machines/index.ts';

export type RootRef = ActorRefFrom<typeof sandboxMachine>;

export interface Sandbox {
  client: SimClient;
  root: RootRef;
}

export const SandboxContext = createContext<Sandbox | null>(null);

/** The sandbox of the nearest provider; throws outside one. */
export function useSandbox(): Sandbox {
  const sb = useContext(SandboxContext);
  if (!sb) throw new Error('useSandbox: no SandboxContext provider');
  return sb;
}
