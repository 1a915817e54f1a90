/**
 * Talk mode's keys in the presenting window (the key map is talkAction.ts). Handled in the capture
 * phase, so a view's own key handlers never see a clicker's keys; the keys a focused element
 * keeps (Enter/Space on a button, typing in a field) are left to it (keyTarget.ts).
 */
import { useEffect } from 'react';
import type { RootRef } from '../../hooks/index.ts';
import { talkActionAt } from './keyTarget.ts';
import { runTalkAction } from './runTalkAction.ts';

export function useTalkKeys(root: RootRef, openNotesWindow: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = talkActionAt(e, e.target instanceof Element ? e.target : null);
      if (action === null) return;
      e.preventDefault();
      e.stopPropagation();
      // The keyup is swallowed too: a Space that stepped must not also click what has focus.
      if (e.type === 'keyup') return;
      runTalkAction(action, root, openNotesWindow);
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
    };
  }, [root, openNotesWindow]);
}
