/**
 * Talk-mode keys, for a presentation clicker or a keyboard alone. Clickers send PageDown/PageUp
 * (some Space, arrows, "b"/"." for a black screen, F5/Esc to start/stop a show):
 *   next: → ↓ PageDown Space Enter        back: ← ↑ PageUp Shift+Space Backspace
 *   Home/End first/last step · B or . black screen · L laser · N notes panel · W notes window
 *   T theme · P play/pause · F or F5 full screen · Esc leaves (after blank/laser are off)
 * Handled in the capture phase so Space never also "clicks" a focused button.
 */
import { useEffect } from 'react';
import type { RootRef } from '../../hooks/index.ts';
import { setPresent, setTheme, shareStore, THEMES, toggle } from '../../share/session.ts';
import { useUiStore } from '../../store/index.ts';

export type TalkAction =
  | 'next'
  | 'back'
  | 'first'
  | 'last'
  | 'blank'
  | 'laser'
  | 'notes'
  | 'window'
  | 'theme'
  | 'play'
  | 'fullscreen'
  | 'leave';

/** The action for a key event in talk mode, or null (pure, for tests and the notes window). */
export function talkAction(
  e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'>
): TalkAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case 'Enter':
      return 'next';
    case ' ':
      return e.shiftKey ? 'back' : 'next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return 'back';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'b':
    case 'B':
    case '.':
      return 'blank';
    case 'l':
    case 'L':
      return 'laser';
    case 'n':
    case 'N':
      return 'notes';
    case 'w':
    case 'W':
      return 'window';
    case 't':
    case 'T':
      return 'theme';
    case 'p':
    case 'P':
      return 'play';
    case 'f':
    case 'F':
    case 'F5':
      return 'fullscreen';
    case 'Escape':
      return 'leave';
    default:
      return null;
  }
}

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Toggles full screen on the whole page (a no-op where it is not allowed). */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

export function useTalkKeys(root: RootRef, openNotesWindow: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const t = e.target as HTMLElement | null;
      if (t && (TYPING.has(t.tagName) || t.isContentEditable) && e.key !== 'Escape') return;
      const action = talkAction(e);
      if (action === null) return;
      e.preventDefault();
      e.stopPropagation();
      if (e.type === 'keyup') return; // swallowed so Space/Enter never activate a focused button
      const s = shareStore.getState();
      switch (action) {
        case 'next':
          if (s.blank) toggle('blank');
          else root.send({ type: 'sim.step' });
          break;
        case 'back':
          if (s.blank) toggle('blank');
          else root.send({ type: 'sim.back' });
          break;
        case 'first':
          root.send({ type: 'sim.reset' });
          break;
        case 'last':
          root.send({ type: 'sim.end' });
          break;
        case 'blank':
          toggle('blank');
          break;
        case 'laser':
          toggle('laser');
          break;
        case 'notes':
          toggle('notesPanel');
          break;
        case 'window':
          openNotesWindow();
          break;
        case 'theme': {
          const i = THEMES.indexOf(s.theme ?? 'light');
          setTheme(THEMES[(i + 1) % THEMES.length]);
          break;
        }
        case 'play':
          root.send(
            root.getSnapshot().hasTag('playing')
              ? { type: 'sim.pause' }
              : { type: 'sim.play', intervalMs: useUiStore.getState().playback.intervalMs }
          );
          break;
        case 'fullscreen':
          toggleFullscreen();
          break;
        case 'leave':
          if (s.blank) toggle('blank');
          else if (s.laser) toggle('laser');
          else setPresent(false);
          break;
      }
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKey, true);
    };
  }, [root, openNotesWindow]);
}
