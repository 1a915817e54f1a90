/**
 * The analysis worker: one Analyzer (analysis.ts) behind postMessage. Separate from the
 * simulation worker so a long hash or A/B run never delays a step.
 */
import { Analyzer } from './analysis.ts';
import type { AnalysisRequest, AnalysisResponse } from './analysis.ts';

/** The worker global, typed locally (this file is compiled with the app's DOM lib). */
const scope = globalThis as unknown as {
  postMessage(message: AnalysisResponse): void;
  addEventListener(type: 'message', listener: (e: { data: AnalysisRequest }) => void): void;
};

const analyzer = new Analyzer();
scope.addEventListener('message', (e) => scope.postMessage(analyzer.handle(e.data)));
