/**
 * links: share-link length (spec §5, peers.md §3.2: links must survive chat and tracker limits).
 * The scenario part of the fragment (`v1.<payload>`, what the codec writes) for the RFC-problem
 * scenario and for 200 random steps over 8 devices / 16 processes, beside the two obvious
 * baselines: JSON + lz-string (compressToEncodedURIComponent) and JSON + deflate-raw + base64url.
 * Also the full link the app writes (cursor + drift token) for the library RFC scenario.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import LZString from 'lz-string';
import { encodeShare, parseScenario, replayDigest, runScenario } from '../../src/engine/index.ts';
import type { Scenario } from '../../src/engine/index.ts';
import { RFC_SHORT as RFC, random200 } from '../../src/engine/codec/lengthFixtures.ts';
import { driftToken } from '../../src/engine/codec/drift.ts';
import type { BenchRow, Workload } from '../types.ts';

const NAME = 'links';
const LIB = join(import.meta.dirname, '..', '..', 'public', 'scenarios');

function base64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function sizes(scenario: Scenario): { ours: number; lz: number; deflate: number } {
  const json = JSON.stringify(scenario);
  return {
    ours: encodeShare({ scenario }).length,
    lz: LZString.compressToEncodedURIComponent(json).length,
    deflate: base64url(deflateSync(new TextEncoder().encode(json), { level: 9 })).length,
  };
}

function row(measure: string, s: { ours: number; lz: number; deflate: number }, budget: number): BenchRow {
  return {
    workload: NAME,
    measure: `${measure} (JSON+lz-string ${s.lz}, JSON+deflate ${s.deflate})`,
    value: `${s.ours} chars`,
    target: `≤ ${budget}`,
    ok: s.ours <= budget && s.ours < s.deflate,
  };
}

export const workload: Workload = {
  name: NAME,
  run() {
    const rows: BenchRow[] = [row('RFC problem, short notes: scenario part', sizes(RFC), 300)];
    for (const seed of [1, 2, 3])
      rows.push(row(`200 random steps, 8 dev, 16 proc (seed ${seed})`, sizes(random200(seed)), 1200));
    const lib = parseScenario(JSON.parse(readFileSync(join(LIB, 'rfc-problem.json'), 'utf8')));
    const trace = runScenario(lib);
    const full = encodeShare({
      scenario: lib,
      cursor: lib.steps.length,
      hash: driftToken(replayDigest(trace.policy, trace.steps, trace.final), trace.steps),
    });
    rows.push(row('library rfc-problem.json, full narration: scenario part', sizes(lib), 2000));
    rows.push({
      workload: NAME,
      measure: 'library rfc-problem.json: whole app link (cursor + drift token)',
      value: `${full.length} chars`,
      target: '≤ 2000 (Discord)',
      ok: full.length <= 2000,
    });
    return Promise.resolve(rows);
  },
};
