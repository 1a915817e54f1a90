/**
 * Where keyboard focus goes when the control that had it disappears. A focused element removed
 * from the page leaves focus on the body, and a keyboard user's next Tab starts from the top of
 * the page; these helpers move it somewhere predictable first (the playback bar does the same for
 * a button that becomes disabled: see useKeepFocusInBar in Playback/PlaybackBar.tsx).
 */
import { useCallback, useLayoutEffect, useRef } from 'react';
import type { FocusEvent, RefObject } from 'react';

/** The region every page has (App and talk mode), focusable with tabIndex=-1: the last resort. */
export const MAIN_ID = 'main';

function canTakeFocus(el: HTMLElement | null): el is HTMLElement {
  if (!el?.isConnected || el.getClientRects().length === 0) return false;
  return !(el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement)
    ? true
    : !el.disabled;
}

/**
 * For a banner with a Dismiss button (notices, link banners). `onFocus` goes on the banner: it
 * remembers the element focus came from when it entered the banner. `returnFocus()`, called just
 * before the banner goes, gives focus back to that element, else to the main region; it does
 * nothing when the button pressed does not have focus (a click in a browser that does not focus
 * buttons), so the page's focus stays where it was.
 */
export function useFocusReturn(): {
  onFocus: (e: FocusEvent<HTMLElement>) => void;
  returnFocus: (e: { currentTarget: Element }) => void;
} {
  const from = useRef<HTMLElement | null>(null);
  const onFocus = useCallback((e: FocusEvent<HTMLElement>) => {
    const prev = e.relatedTarget;
    if (prev instanceof HTMLElement && !e.currentTarget.contains(prev)) from.current = prev;
    else if (!prev) from.current = null;
  }, []);
  const returnFocus = useCallback((e: { currentTarget: Element }) => {
    if (document.activeElement !== e.currentTarget) return;
    const target = canTakeFocus(from.current) ? from.current : document.getElementById(MAIN_ID);
    from.current = null;
    target?.focus();
  }, []);
  return { onFocus, returnFocus };
}

/**
 * For a list row whose action buttons disappear when used (a bond's Unbind and Dismiss): when a
 * render of the row removed the element that had focus, `refocus(lost, row)` picks where focus
 * goes. Checked after every render of the row (a few property reads).
 */
export function useRefocusWhenRemoved(
  row: RefObject<HTMLElement | null>,
  refocus: (lost: HTMLElement, row: HTMLElement) => HTMLElement | null
): void {
  const last = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const el = row.current;
    if (!el) return;
    const onFocus = (e: globalThis.FocusEvent): void => {
      last.current = e.target instanceof HTMLElement ? e.target : null;
    };
    // Focus that left a control still on the page (Tab, a click elsewhere) is not ours to move
    // when a later step removes that control. Checked after the event: Chromium may send focusout
    // for the removal itself, before the element is detached.
    const onBlur = (e: globalThis.FocusEvent): void => {
      const left = e.target;
      queueMicrotask(() => {
        const had = last.current;
        if (had !== null && had === left && had.isConnected && document.activeElement !== had) last.current = null;
      });
    };
    el.addEventListener('focusin', onFocus);
    el.addEventListener('focusout', onBlur);
    return () => {
      el.removeEventListener('focusin', onFocus);
      el.removeEventListener('focusout', onBlur);
    };
  }, [row]);
  useLayoutEffect(() => {
    const el = row.current;
    const had = last.current;
    if (!el || !had || had.isConnected) return;
    last.current = null;
    // Unless focus already moved on (a click elsewhere): then leave it there.
    focusIfLost(refocus(had, el));
  });
}

/**
 * Focuses `el` unless focus already sits on a control that is still on the page (the user moved
 * on while an async save ran): for a control that takes over from one a render removed.
 */
export function focusIfLost(el: HTMLElement | null): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement && active !== document.body && active.isConnected) return;
  el?.focus();
}
