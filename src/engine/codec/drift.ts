/**
 * Drift tokens: what a link carries in its `hash` parameter so that, years later, a replay that
 * no longer matches can say so AND say where it first differs.
 *
 *   hash=<hex16>[-<chain>]
 *
 * - <hex16>: the first 16 hex digits of the replay digest (engine replayDigest: SHA-256 over the
 *   policy, every step result without effects, and the final state) the link was made
 *   with. A full 64-digit hash (or any hex prefix of 8+ digits) is accepted too.
 * - <chain>: one base64url character per block of B steps (B = ceil(steps / 64), so at most 64
 *   characters): 6 bits of a running FNV-1a checksum over every step result (without effects)
 *   up to the end of the block. The first block whose character differs is where the replays
 *   part ways; with ≤ 64 steps that is the exact step.
 *
 * The codec rejects unknown link parameters, so the chain rides inside the one parameter it
 * already carries opaquely (`hash`: 1–128 URL-safe characters): links stay readable by every
 * decoder, `npm run sim -- decode` included.
 */
import type { StepResult } from '../trace/types.ts';

/** At most this many chain characters (one per block). */
export const MAX_BLOCKS = 64;
/** Hex digits of the trace hash kept in a token. */
export const HASH_DIGITS = 16;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Steps per chain block for a scenario of `steps` steps. */
export function blockSize(steps: number): number {
  return Math.max(1, Math.ceil(steps / MAX_BLOCKS));
}

/** The spec-level part of a result that the trace hash covers (everything but effects). */
function resultKey(r: StepResult): string {
  const { effects: _effects, ...rest } = r;
  return JSON.stringify(rest);
}

function fnv1a(h: number, text: string): number {
  let x = h;
  for (let i = 0; i < text.length; i++) {
    x ^= text.charCodeAt(i);
    x = Math.imul(x, 0x01000193);
  }
  return x >>> 0;
}

/** The chain characters for a run's results (one per block). */
export function chainOf(results: readonly StepResult[]): string {
  const b = blockSize(results.length);
  let h = 0x811c9dc5;
  let out = '';
  results.forEach((r, i) => {
    h = fnv1a(h, resultKey(r));
    if ((i + 1) % b === 0 || i === results.length - 1) {
      const mixed = (h ^ (h >>> 15) ^ (h >>> 27)) >>> 0;
      out += B64[mixed & 63] ?? 'A';
    }
  });
  return out;
}

/** The token a link made now carries: `<hex16>-<chain>` (just `<hex16>` for an empty scenario). */
export function driftToken(digest: string, results: readonly StepResult[]): string {
  const chain = chainOf(results);
  const head = digest.slice(0, HASH_DIGITS);
  return chain === '' ? head : `${head}-${chain}`;
}

/** What a replay says about a link's token. */
export type DriftReport =
  | { kind: 'match' }
  /** The link has no token (made by the CLI, or by hand). */
  | { kind: 'unchecked' }
  | {
      kind: 'drift';
      /** First and last step (0-based) of the first block that differs; null when no step differs. */
      first: { from: number; to: number } | null;
      /** One line for the banner. */
      text: string;
    };

/**
 * Compares a link's token with a replay made now.
 * @param token the link's `hash` parameter (undefined when absent)
 * @param digest replayDigest(...) of a replay made now
 * @param results that run's step results
 */
export function compareDrift(token: string | undefined, digest: string, results: readonly StepResult[]): DriftReport {
  if (token === undefined) return { kind: 'unchecked' };
  const dash = token.indexOf('-');
  const hex = dash < 0 ? token : token.slice(0, dash);
  const chain = dash < 0 ? null : token.slice(dash + 1);
  if (!/^[0-9a-f]{8,64}$/.test(hex)) {
    return token === digest
      ? { kind: 'match' }
      : { kind: 'drift', first: null, text: 'The replay no longer matches the hash this link was made with.' };
  }
  if (digest.startsWith(hex)) return { kind: 'match' };
  const now = chainOf(results);
  if (chain === null || chain.length !== now.length) {
    return {
      kind: 'drift',
      first: null,
      text: 'The replay no longer matches the hash this link was made with (the link does not say where).',
    };
  }
  const b = blockSize(results.length);
  for (let k = 0; k < now.length; k++) {
    if (now[k] !== chain[k]) {
      const from = k * b;
      const to = Math.min(results.length, from + b) - 1;
      // Said 1-based, as the step log numbers steps.
      const where = from === to ? `at step ${from + 1}` : `between steps ${from + 1} and ${to + 1}`;
      return {
        kind: 'drift',
        first: { from, to },
        text: `This link was made with an older simulator: the replay first differs ${where}.`,
      };
    }
  }
  return {
    kind: 'drift',
    first: null,
    text: 'This link was made with an older simulator: every step result matches, but the final state differs.',
  };
}
