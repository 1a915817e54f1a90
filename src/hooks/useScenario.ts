import { useSyncExternalStore } from 'react';
import type { Scenario } from '../engine/index.ts';
import { useSandbox } from './sandboxContext.ts';

/** The acknowledged scenario (interactive steps included); re-renders when it changes. */
export function useScenario(): Scenario | null {
  const { client } = useSandbox();
  return useSyncExternalStore(client.onScenario, () => client.scenario);
}
