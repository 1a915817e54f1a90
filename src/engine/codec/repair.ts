/**
 * Repairs for links mangled in transit, tried in order when a fragment does not decode as it is.
 * Each one undoes something chat clients, mail readers, archives and address bars really do to
 * long URLs, and none can change a link that already decodes (they only run after a failure):
 *
 * 1. `percent`: chat clients and address bars percent-encode characters (%26 for '&', %20 for
 *    the spaces of a pasted mail quote); every %XX is decoded.
 * 2. `unquote`: mail replies wrap long lines and prefix them with "> "; whitespace and '>' are
 *    never part of a link, so both are dropped.
 * 3. `html`: archives and HTML mail turn '&' into "&amp;".
 * 4. `step`: `&step=N` (the name Python Tutor-style links use, and what people type by hand) is
 *    read as `&cursor=N`.
 *
 * Codec versions are migrated by the codec itself (src/engine/codec/share.ts DECODERS +
 * MIGRATIONS); this chain only repairs the text around and inside the payload.
 */

export interface Repair {
  name: string;
  /** What the user is told when the repair was needed. */
  said: string;
  fix(text: string): string;
}

/** Decodes every %XX; a malformed sequence is left as it is. */
function percentDecode(t: string): string {
  try {
    return decodeURIComponent(t);
  } catch {
    return t.replace(/%[0-9A-Fa-f]{2}/g, (m) => {
      const c = parseInt(m.slice(1), 16);
      return c < 0x80 ? String.fromCharCode(c) : m;
    });
  }
}

export const REPAIRS: readonly Repair[] = [
  { name: 'percent', said: 'undid percent-encoding added on the way', fix: percentDecode },
  {
    name: 'unquote',
    said: 'removed line breaks and quote marks added by a mail client',
    fix: (t) => t.replace(/[\s>]+/g, ''),
  },
  { name: 'html', said: 'turned "&amp;" back into "&"', fix: (t) => t.replace(/&amp;/gi, '&') },
  { name: 'step', said: 'read "step=" as "cursor="', fix: (t) => t.replace(/&step=/g, '&cursor=') },
];

/**
 * Applies every repair that changes `text`, in order, and returns the result with the repairs
 * used (empty when nothing changed).
 */
export function repairFragment(text: string): { text: string; used: Repair[] } {
  let out = text;
  const used: Repair[] = [];
  for (const r of REPAIRS) {
    const next = r.fix(out);
    if (next !== out) {
      used.push(r);
      out = next;
    }
  }
  return { text: out, used };
}
