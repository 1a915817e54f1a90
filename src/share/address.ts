/** The address bar: the only DOM-touching part of link handling (link.ts stays testable in Node). */

/** How a link is written: in place of the current entry, or as a new one (`push`). */
export type WriteMode = 'replace' | 'push';

/** Writes the link of what is on screen now (ShareSync registers it), or null while nothing follows the screen. */
let writeNow: ((mode: WriteMode) => void) | null = null;

/** Registers the function that writes the link of what is on screen at once; returns the unregister. */
export function setAddressWriter(fn: (mode: WriteMode) => void): () => void {
  writeNow = fn;
  return () => {
    if (writeNow === fn) writeNow = null;
  };
}

/**
 * Another scenario is about to replace the one on screen: its latest state goes into its entry
 * now (a step or edit made just before may not be written yet), so Back returns to it as it was.
 */
export function settleAddress(): void {
  writeNow?.('replace');
}

/**
 * Another scenario replaced the one on screen: its link goes into a new history entry at once, so
 * Back returns to the replaced one even straight away (the address bar's own writes come up to a
 * second later, and only ever replace). Every other write replaces, so stepping never floods Back.
 */
export function keepInHistory(): void {
  writeNow?.('push');
}

/**
 * Writes the address's fragment: replaces it, or with `push` adds a new entry when the address
 * already holds a link (the first write on a fresh page has nothing to keep).
 * @returns whether the address changed.
 */
export function writeFragment(fragment: string, mode: WriteMode = 'replace'): boolean {
  const want = `#${fragment}`;
  if (location.hash === want) return false;
  const url = `${location.pathname}${location.search}${want}`;
  if (mode === 'push' && location.hash.length > 1) history.pushState(null, '', url);
  else history.replaceState(history.state, '', url);
  return true;
}

/** The page address for a fragment (what "Copy link" copies): the query is dropped, the fragment says it all. */
export function urlFor(fragment: string): string {
  return `${location.origin}${location.pathname}#${fragment}`;
}
