/**
 * The benchmark registry, in run order. To add a workload, write bench/workloads/<name>.ts
 * exporting `workload: Workload` and add one import and one array entry here.
 */
import type { Workload } from '../types.ts';
import { w1, w2 } from './engine.ts';
import { workload as ida } from './ida.ts';
import { workload as browser } from './browser.ts';
import { workload as links } from './links.ts';
import { workload as timeline } from './timeline.ts';
import { workload as views } from './views.ts';

export const workloads: readonly Workload[] = [w1, w2, ida, browser, links, timeline, views];
