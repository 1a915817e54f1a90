/**
 * Byte-level building blocks of the share-link payload: LEB128 varints (7 bits a byte, low
 * first) for every number up to 2^53−1, and strings as a varint length plus one varint per
 * UTF-16 code unit. Code units rather than UTF-8 so ANY JS string — even one with a lone
 * surrogate — round-trips exactly, while ASCII still costs one byte a character.
 *
 * The reader treats its input as hostile: every read is bounds-checked, varints are capped at
 * 8 bytes and at Number.MAX_SAFE_INTEGER, and a length is checked against the bytes left before
 * anything is allocated.
 */
import { ScenarioError } from '../scenario/parse.ts';

/** The path every link-decoding error carries. */
export const LINK = 'link';

/** Appends bytes to a growing buffer. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  /** One byte (0–255). */
  byte(b: number): void {
    if (this.len === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = b;
  }

  /** A non-negative safe integer as a varint. */
  uint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`ByteWriter.uint: ${n} is not a non-negative safe integer`);
    // Division rather than >>> so values above 2^32 (dma addresses) work.
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  /** A string: length in UTF-16 code units, then each code unit as a varint. */
  str(s: string): void {
    this.uint(s.length);
    for (let i = 0; i < s.length; i++) this.uint(s.charCodeAt(i));
  }

  /** The bytes written so far (a copy). */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** Reads what ByteWriter wrote, throwing `link: …` ScenarioErrors on malformed input. */
export class ByteReader {
  private readonly buf: Uint8Array;
  private at = 0;

  constructor(buf: Uint8Array) {
    this.buf = buf;
  }

  /** Bytes not yet read. */
  get left(): number {
    return this.buf.length - this.at;
  }

  byte(): number {
    const b = this.buf[this.at];
    if (b === undefined) throw new ScenarioError(LINK, 'payload is truncated');
    this.at++;
    return b;
  }

  /** A varint no larger than `max` (what = the field's name for the message). */
  uint(what: string, max = Number.MAX_SAFE_INTEGER): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (n > max) throw new ScenarioError(LINK, `${what} ${n} is out of range (max ${max})`);
        return n;
      }
      scale *= 0x80;
    }
    throw new ScenarioError(LINK, `bad varint for ${what}`);
  }

  /** An index into a list of `length` items defined so far. */
  index(what: string, length: number): number {
    const n = this.uint(what);
    if (n >= length) throw new ScenarioError(LINK, `${what} ${n} is out of range (${length} defined)`);
    return n;
  }

  /** A count of items that each take at least one byte: bounded by `max` and by the bytes left. */
  count(what: string, max: number): number {
    const n = this.uint(what, Number.MAX_SAFE_INTEGER);
    if (n > max) throw new ScenarioError(LINK, `too many ${what} (${n} > ${max})`);
    if (n > this.left) throw new ScenarioError(LINK, 'payload is truncated');
    return n;
  }

  /** A string of at most `max` code units. */
  str(what: string, max: number): string {
    const n = this.uint(`${what} length`, max);
    if (n > this.left) throw new ScenarioError(LINK, 'payload is truncated');
    const units: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) units[i] = this.uint(what, 0xffff);
    let s = '';
    // fromCharCode in slices: spreading a huge array would overflow the call stack.
    for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...units.slice(i, i + 4096));
    return s;
  }
}
