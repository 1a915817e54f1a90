/** The address bar: the only DOM-touching part of link handling (link.ts stays testable in Node). */

/** Whether the next fragment written keeps the address it replaces as a history entry. */
let keepNext = false;

/**
 * Makes the next fragment write add a history entry (or, with `false`, takes that back): another
 * scenario is replacing the one on screen, and Back must return to it (edits included), not leave
 * the app. Every other write replaces, so stepping never floods Back.
 */
export function keepInHistory(keep = true): void {
  keepNext = keep;
}

/**
 * Writes the address's fragment: replaces it, or pushes a new entry after `keepInHistory()` when
 * the address already holds a link (the first write on a fresh page has nothing to keep).
 * @returns whether the address changed.
 */
export function writeFragment(fragment: string): boolean {
  const want = `#${fragment}`;
  if (location.hash === want) return false;
  const url = `${location.pathname}${location.search}${want}`;
  if (keepNext && location.hash.length > 1) history.pushState(null, '', url);
  else history.replaceState(history.state, '', url);
  keepNext = false;
  return true;
}

/** The page address for a fragment (what "Copy link" copies): the query is dropped, the fragment says it all. */
export function urlFor(fragment: string): string {
  return `${location.origin}${location.pathname}#${fragment}`;
}
