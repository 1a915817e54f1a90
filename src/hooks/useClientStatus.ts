import { useSyncExternalStore } from 'react';
import type { ClientStatus } from '../client/index.ts';
import { useSandbox } from './sandboxContext.ts';

/** The client's connection status (worker, in-process, restarting, failed). */
export function useClientStatus(): ClientStatus {
  const { client } = useSandbox();
  return useSyncExternalStore(
    (l) => client.onStatus(() => l()),
    () => client.status
  );
}
