/**
 * deflate-raw via fflate (pure JS, runs in Node, the browser and the worker alike), with an
 * inflate that refuses to grow past a cap: a few kilobytes of hostile link can otherwise
 * expand ~1000× (a "zip bomb"). Input is fed in small slices to fflate's streaming inflater
 * and the output is counted as it appears, so the work stops as soon as the cap is crossed.
 */
import { Inflate, deflateSync } from 'fflate';
import { ScenarioError } from '../scenario/parse.ts';
import { LINK } from './bytes.ts';

/** Largest payload a link may inflate to (8 MiB): far above any shareable scenario. */
export const MAX_INFLATED_BYTES = 8 * 1024 * 1024;
/** Compressed bytes fed per push: bounds the output one push can produce to ~1 MiB. */
const SLICE = 1024;

/** Compresses with the strongest setting (links are made rarely, read often) against a preset dictionary. */
export function deflate(bytes: Uint8Array, dictionary: Uint8Array): Uint8Array {
  return deflateSync(bytes, { level: 9, mem: 8, dictionary });
}

/**
 * Inflates deflate-raw data compressed against `dictionary`, throwing `link: …` on corrupt
 * data or on output above `limit`.
 */
export function inflateBounded(data: Uint8Array, dictionary: Uint8Array, limit = MAX_INFLATED_BYTES): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate({ dictionary }, (chunk) => {
    total += chunk.length;
    if (total > limit) throw new ScenarioError(LINK, `payload inflates to more than ${limit} bytes`);
    chunks.push(chunk);
  });
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += SLICE) {
      inflater.push(data.subarray(at, at + SLICE), at + SLICE >= data.length);
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError(LINK, `payload does not inflate (${e instanceof Error ? e.message : 'corrupt data'})`);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
