import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, embedPngText, extractPngText, isPng } from './png.ts';

/** A valid 2×1 RGBA PNG built by hand. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const v = new DataView(out.buffer);
    v.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 2);
  v.setUint32(4, 1);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const raw = new Uint8Array([0, 255, 0, 0, 255, 0, 0, 255, 255]);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', new Uint8Array(deflateSync(raw))),
    chunk('IEND', new Uint8Array()),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('embedPngText / extractPngText', () => {
  const link = 'v1.AbC-_x&cursor=3&hash=0123456789abcdef-Qx';

  it('round-trips a link through a tEXt chunk placed after IHDR', () => {
    const png = embedPngText(tinyPng(), link);
    expect(isPng(png)).toBe(true);
    expect(extractPngText(png)).toBe(link);
    // IHDR is 8 + 25 bytes long; the tEXt chunk follows it.
    expect(new TextDecoder().decode(png.subarray(37, 41))).toBe('tEXt');
  });

  it('replaces an earlier link instead of adding a second one', () => {
    const twice = embedPngText(embedPngText(tinyPng(), 'v1.old'), link);
    expect(extractPngText(twice)).toBe(link);
    expect(twice.length).toBe(embedPngText(tinyPng(), link).length);
  });

  it('ignores a chunk whose CRC is wrong', () => {
    const png = embedPngText(tinyPng(), link);
    const bad = png.slice();
    bad[45] = (bad[45] ?? 0) ^ 1; // inside the tEXt data
    expect(extractPngText(bad)).toBeNull();
  });

  it('returns null for a PNG without a link, a non-PNG and truncated files', () => {
    expect(extractPngText(tinyPng())).toBeNull();
    expect(extractPngText(new TextEncoder().encode('{"format":1}'))).toBeNull();
    const png = embedPngText(tinyPng(), link);
    for (let n = 0; n < png.length; n += 7) expect(() => extractPngText(png.subarray(0, n))).not.toThrow();
  });

  it('refuses to embed into something that is not a PNG', () => {
    expect(() => embedPngText(new Uint8Array([1, 2, 3]), link)).toThrow('png: not a PNG file');
  });
});
