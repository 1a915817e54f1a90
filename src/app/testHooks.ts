/**
 * `window.__sandbox`: a typed driver for e2e tests and the browser benchmark. Installed in dev
 * builds, or when the URL has `?e2e`; the module is loaded on demand so it costs nothing otherwise.
 */
import type { Scenario, StepResult } from '../engine/index.ts';
import type { ClientStatus } from '../client/index.ts';
import type { Sandbox } from '../hooks/index.ts';
import { selectDevice, selectProc } from '../store/index.ts';
import { loadScenario } from './commands.ts';

export interface SandboxTestApi {
  cursor(): number;
  length(): number;
  log(): StepResult[];
  status(): ClientStatus;
  /** Makes the worker crash from inside (the client restarts it). */
  crashWorker(): void;
  load(scenario: Scenario, source?: string): Promise<boolean>;
  step(): void;
  /** Moves the cursor to `cursor` steps applied (as the step log's links do). */
  seek(cursor: number): void;
  /** Selects a device and a process (as clicking them does), without scrolling anything. */
  select(device: string | null, proc: string | null): void;
  /** Resolves when the model shows `cursor` steps applied. */
  waitForCursor(cursor: number): Promise<void>;
}

declare global {
  interface Window {
    __sandbox?: SandboxTestApi;
  }
}

export function installTestHooks(sb: Sandbox): void {
  const { client, root } = sb;
  window.__sandbox = {
    cursor: () => client.model.cursor,
    length: () => client.model.length,
    log: () => client.model.log.slice(),
    status: () => client.status,
    crashWorker: () => client.crash(),
    load: (scenario, source = 'test') => loadScenario(sb, scenario, source),
    step: () => root.send({ type: 'sim.step' }),
    seek: (cursor) => root.send({ type: 'sim.seek', cursor }),
    select: (device, proc) => {
      selectDevice(device);
      selectProc(proc);
    },
    waitForCursor: (cursor) =>
      new Promise<void>((resolve) => {
        if (client.model.cursor === cursor) return resolve();
        const off = client.onFrame((f) => {
          if (f.model.cursor === cursor) {
            off();
            resolve();
          }
        });
      }),
  };
}
