/** The address bar: the only DOM-touching part of link handling (link.ts stays testable in Node). */

/**
 * Replaces the address's fragment without adding a history entry (Back is never flooded).
 * @returns whether the address changed.
 */
export function replaceFragment(fragment: string): boolean {
  const want = `#${fragment}`;
  if (location.hash === want) return false;
  history.replaceState(history.state, '', `${location.pathname}${location.search}${want}`);
  return true;
}

/** The page address for a fragment (what "Copy link" copies): the query is dropped, the fragment says it all. */
export function urlFor(fragment: string): string {
  return `${location.origin}${location.pathname}#${fragment}`;
}
