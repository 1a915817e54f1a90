/**
 * A share link inside a PNG: one `tEXt` chunk (keyword + NUL + Latin-1 text, PNG spec §11.3.4.3)
 * written right after IHDR, with its CRC-32. Reading walks the chunks with every length checked
 * against the bytes left, and ignores a chunk whose CRC is wrong. No DOM: bytes in, bytes out.
 */

/** The tEXt keyword our links are stored under. */
export const PNG_KEYWORD = 'pasid-sandbox';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let table: Uint32Array | null = null;

/** CRC-32 (ISO 3309 / ITU-T V.42, the one PNG and zip use) of `bytes`. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = (table[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Whether `bytes` starts with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface Chunk {
  type: string;
  /** Offset of the length field. */
  at: number;
  dataStart: number;
  dataEnd: number;
  /** Offset just past the CRC. */
  end: number;
}

const u32 = (b: Uint8Array, i: number): number =>
  (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;

function* chunks(bytes: Uint8Array): Generator<Chunk> {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const len = u32(bytes, at);
    const dataStart = at + 8;
    const dataEnd = dataStart + len;
    if (len > 0x7fffffff || dataEnd + 4 > bytes.length) return;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    yield { type, at, dataStart, dataEnd, end: dataEnd + 4 };
    if (type === 'IEND') return;
    at = dataEnd + 4;
  }
}

function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error('png: tEXt holds Latin-1 text only');
    out[i] = c;
  }
  return out;
}

function textChunk(keyword: string, text: string): Uint8Array {
  const data = new Uint8Array([...latin1(keyword), 0, ...latin1(text)]);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(latin1('tEXt'), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** The keyword of a tEXt chunk and where its text starts, or null if it is malformed. */
function textOf(bytes: Uint8Array, c: Chunk): { keyword: string; text: string } | null {
  const data = bytes.subarray(c.dataStart, c.dataEnd);
  const nul = data.indexOf(0);
  if (nul < 1 || nul > 79) return null;
  const dec = (b: Uint8Array): string => {
    let s = '';
    for (const x of b) s += String.fromCharCode(x);
    return s;
  };
  return { keyword: dec(data.subarray(0, nul)), text: dec(data.subarray(nul + 1)) };
}

/**
 * Returns a copy of the PNG `bytes` with `text` stored under `keyword` (replacing an earlier
 * chunk with that keyword).
 * @throws Error when `bytes` is not a PNG with an IHDR chunk.
 */
export function embedPngText(bytes: Uint8Array, text: string, keyword = PNG_KEYWORD): Uint8Array {
  if (!isPng(bytes)) throw new Error('png: not a PNG file');
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let sawIhdr = false;
  for (const c of chunks(bytes)) {
    if (c.type === 'tEXt' && textOf(bytes, c)?.keyword === keyword) continue;
    parts.push(bytes.subarray(c.at, c.end));
    if (c.type === 'IHDR') {
      sawIhdr = true;
      parts.push(textChunk(keyword, text));
    }
  }
  if (!sawIhdr) throw new Error('png: no IHDR chunk');
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The text stored under `keyword` in a PNG, or null (not a PNG, no such chunk, bad CRC). */
export function extractPngText(bytes: Uint8Array, keyword = PNG_KEYWORD): string | null {
  if (!isPng(bytes)) return null;
  for (const c of chunks(bytes)) {
    if (c.type !== 'tEXt') continue;
    if (crc32(bytes, c.at + 4, c.dataEnd) !== u32(bytes, c.dataEnd)) continue;
    const t = textOf(bytes, c);
    if (t?.keyword === keyword) return t.text;
  }
  return null;
}
