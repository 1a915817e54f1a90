/**
 * The trace of `run` as text, written while the scenario runs: exactly `JSON.stringify(trace, null,
 * 2)` plus a newline, but made one step at a time and handed out in chunks. One string of a whole
 * trace overflows V8's string limit (~512 MB) on big scenarios that are within the spec's limits.
 */
import type { TraceStream } from '../engine/sim/simulation.ts';

/** Characters gathered before a chunk is handed out. */
const CHUNK = 1 << 20;

/** `json` (made with a 2-space indent) re-indented to sit `pad` deeper. Strings hold no raw newline. */
const nest = (json: string, pad: string): string => json.replaceAll('\n', `\n${pad}`);

/** The trace's JSON text in chunks of about `chunk` characters; reading it runs the scenario. */
export function* traceJson(t: TraceStream, chunk = CHUNK): Generator<string, void, undefined> {
  let buf = `{\n  "format": ${JSON.stringify(t.format)},\n  "policy": ${JSON.stringify(t.policy)},\n  "steps": [`;
  let first = true;
  for (const r of t.steps) {
    buf += `${first ? '' : ','}\n    ${nest(JSON.stringify(r, null, 2), '    ')}`;
    first = false;
    if (buf.length >= chunk) {
      yield buf;
      buf = '';
    }
  }
  const { final, hash } = t.end();
  buf += `${first ? '' : '\n  '}],\n  "final": ${nest(JSON.stringify(final, null, 2), '  ')},\n  "hash": ${JSON.stringify(hash)}\n}\n`;
  yield buf;
}
