/**
 * base64url (RFC 4648 §5) without padding, written out here because the engine may not rely on
 * btoa/atob or Buffer. Decoding is strict: only the 64 URL-safe characters, no impossible
 * length, and the unused low bits of the last character must be zero, so every byte string
 * has exactly one spelling.
 */
import { ScenarioError } from '../scenario/parse.ts';
import { LINK } from './bytes.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

const char = (v: number): string => ALPHABET.charAt(v & 63);

/** Bytes → base64url text, no padding. */
export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    parts.push(char(n >> 18) + char(n >> 12) + char(n >> 6) + char(n));
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] ?? 0) << 16;
    parts.push(char(n >> 18) + char(n >> 12));
  } else if (rest === 2) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    parts.push(char(n >> 18) + char(n >> 12) + char(n >> 6));
  }
  return parts.join('');
}

/** base64url text (no padding) → bytes; throws `link: payload is not valid base64url`. */
export function fromBase64Url(text: string): Uint8Array {
  const bad = (): ScenarioError => new ScenarioError(LINK, 'payload is not valid base64url');
  if (text.length % 4 === 1) throw bad();
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (VALUE[c] ?? -1) : -1;
    if (v < 0) throw bad();
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // Leftover bits must be zero: otherwise two texts would decode to the same bytes.
  if ((acc & ((1 << bits) - 1)) !== 0) throw bad();
  return out;
}
