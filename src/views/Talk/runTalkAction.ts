/**
 * What each talk key does, in the presenting window: for its own keys and for the notes
 * window's, which arrive over the talk channel.
 */
import { togglePlay } from '../../hooks/index.ts';
import type { RootRef } from '../../hooks/index.ts';
import { setPresent, setTheme, shareStore, THEMES, toggle } from '../../share/session.ts';
import { scrollNotes, TALK_NOTES_ID } from './notesScroll.ts';
import type { TalkAction } from './talkAction.ts';

/** Toggles full screen on the whole page (a no-op where it is not allowed). */
export function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/** Does what a talk key means, in the presenting window (its own keys, or the notes window's). */
export function runTalkAction(action: TalkAction, root: RootRef, openNotesWindow: () => void): void {
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
      togglePlay(root);
      break;
    case 'fullscreen':
      toggleFullscreen();
      break;
    case 'notes-down':
    case 'notes-up':
      scrollNotes(document.getElementById(TALK_NOTES_ID), action === 'notes-down' ? 1 : -1);
      break;
    case 'leave':
      if (s.blank) toggle('blank');
      else if (s.laser) toggle('laser');
      else setPresent(false);
      break;
  }
}
