/** The mailing-list text around a trace table: the index note and, when it can be had, the replay link. */

/** Links longer than this are left out of the text (mail clients mangle them). */
const MAIL_LINK_MAX = 2000;

/**
 * `table`, a note that `i` is 0-based, and the link `link()` gives when it is short enough. A
 * scenario too big for a link (the codec's 8 MiB bound: link() throws) still gets its table, with
 * the reason there is no link: the Share panel builds this text as it opens, and a throw there
 * blanked the page.
 */
export function mailText(table: string, link: () => string | null): string {
  // The table's `i` is the spec's 0-based step index; say so once.
  const text = `${table}\n\n(i is the 0-based step index.)`;
  let url: string | null;
  try {
    url = link();
  } catch (e) {
    return `${text}\n(No replay link: ${e instanceof Error ? e.message : String(e)}.)\n`;
  }
  return url && url.length <= MAIL_LINK_MAX ? `${text}\nReplay: ${url}\n` : `${text}\n`;
}
