/**
 * A share link inside an SVG: a `<metadata id="pasid-sandbox-link">` element right after the
 * opening `<svg …>` tag, holding the fragment as escaped text. Reading uses a pattern match on
 * the text, never a DOM parse of the file, so nothing in a dropped file can run.
 */

export const SVG_METADATA_ID = 'pasid-sandbox-link';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** XML-escapes text for an element body or an attribute value. */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESC[c] ?? c);
}

function xmlUnescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, n: string) =>
    n === 'amp' ? '&' : n === 'lt' ? '<' : n === 'gt' ? '>' : n === 'quot' ? '"' : "'"
  );
}

const METADATA_RE = new RegExp(`<metadata\\b[^>]*\\bid="${SVG_METADATA_ID}"[^>]*>([^<]*)</metadata>`);

/**
 * Returns `svg` with `fragment` stored in its metadata (replacing an earlier one).
 * @throws Error when the text has no `<svg` start tag.
 */
export function embedSvgLink(svg: string, fragment: string): string {
  const clean = svg.replace(new RegExp(METADATA_RE.source, 'g'), '');
  const open = /<svg\b[^>]*>/.exec(clean);
  if (!open) throw new Error('svg: no <svg> element');
  const at = open.index + open[0].length;
  const meta = `<metadata id="${SVG_METADATA_ID}">${xmlEscape(fragment)}</metadata>`;
  return `${clean.slice(0, at)}${meta}${clean.slice(at)}`;
}

/** The fragment stored in an SVG's metadata, or null. */
export function extractSvgLink(svg: string): string | null {
  const m = METADATA_RE.exec(svg);
  return m?.[1] === undefined ? null : xmlUnescape(m[1]).trim();
}

/** Whether text looks like an SVG document (an `<svg` start tag near the top). */
export function isSvgText(text: string): boolean {
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg\b/i.test(text.slice(0, 4096));
}
