/**
 * What a dropped or opened file holds: a PNG or SVG exported by the sandbox (its share link is
 * inside, see png.ts / svg.ts) or scenario JSON. Bytes in, a decision out; no DOM.
 */
import { extractPngText, isPng } from './png.ts';
import { extractSvgLink, isSvgText } from './svg.ts';

export type Imported =
  | { kind: 'link'; fragment: string; from: 'png' | 'svg' }
  | { kind: 'json'; text: string }
  | { kind: 'error'; problem: string };

/** Reads a file's bytes. */
export function sniffImport(bytes: Uint8Array, name = 'file'): Imported {
  if (isPng(bytes)) {
    const fragment = extractPngText(bytes);
    return fragment === null
      ? {
          kind: 'error',
          problem: `${name}: this PNG carries no pasid-sandbox scenario (was it exported by the sandbox?)`,
        }
      : { kind: 'link', fragment, from: 'png' };
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 32 * 1024 * 1024));
  if (isSvgText(text)) {
    const fragment = extractSvgLink(text);
    return fragment === null
      ? {
          kind: 'error',
          problem: `${name}: this SVG carries no pasid-sandbox scenario (was it exported by the sandbox?)`,
        }
      : { kind: 'link', fragment, from: 'svg' };
  }
  return { kind: 'json', text };
}
