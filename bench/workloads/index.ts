/**
 * The benchmark registry, in run order. To add a workload, write bench/workloads/<name>.ts
 * exporting `workload: Workload` and add one entry here. Modules load only when their workload
 * runs, so a browser workload's Playwright import never inflates an engine workload's heap.
 */
import type { Workload } from '../types.ts';

function lazy(name: string, load: () => Promise<Workload>): Workload {
  return { name, run: async () => (await load()).run() };
}

export const workloads: readonly Workload[] = [
  lazy('W1', async () => (await import('./engine.ts')).w1),
  lazy('W2', async () => (await import('./engine.ts')).w2),
  lazy('W3', async () => (await import('./ida.ts')).workload),
  lazy('browser', async () => (await import('./browser.ts')).workload),
  lazy('links', async () => (await import('./links.ts')).workload),
  lazy('timeline', async () => (await import('./timeline.ts')).workload),
  lazy('views', async () => (await import('./views.ts')).workload),
];
