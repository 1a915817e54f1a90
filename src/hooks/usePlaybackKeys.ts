/**
 * Presentation-clicker friendly keys: → PageDown . step, ← PageUp , back, Home reset, End run to
 * the end, P play/pause. Ignored while typing in a field or when a modifier is held.
 */
import { useEffect } from 'react';
import { useUiStore } from '../store/index.ts';
import { useSandbox } from './sandboxContext.ts';
import type { RootRef } from './sandboxContext.ts';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** P on the keyboard (main view and talk mode): pause a running Play, else play at the chosen speed. */
export function togglePlay(root: RootRef): void {
  root.send(
    root.getSnapshot().hasTag('playing')
      ? { type: 'sim.pause' }
      : { type: 'sim.play', intervalMs: useUiStore.getState().playback.intervalMs }
  );
}

export function usePlaybackKeys(): void {
  const { root } = useSandbox();
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      if (t && (TYPING.has(t.tagName) || t.isContentEditable)) return;
      switch (e.key) {
        case 'ArrowRight':
        case 'PageDown':
        case '.':
          root.send({ type: 'sim.step' });
          break;
        case 'ArrowLeft':
        case 'PageUp':
        case ',':
          root.send({ type: 'sim.back' });
          break;
        case 'Home':
          root.send({ type: 'sim.reset' });
          break;
        case 'End':
          root.send({ type: 'sim.end' });
          break;
        case 'p':
        case 'P':
          togglePlay(root);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root]);
}
