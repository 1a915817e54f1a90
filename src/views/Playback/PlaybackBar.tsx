import { useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { useSandbox, useRoot } from '../../hooks/index.ts';
import { selectCursor, selectInterval, selectLength, useFrame, useUiStore } from '../../store/index.ts';
import type { FrameState } from '../../store/index.ts';
import { setStickyTop } from '../shared/stickyTop.ts';
import { StepAnnouncer } from './StepAnnouncer.tsx';

const selectAtStart = (s: FrameState): boolean => selectCursor(s) === 0;
const selectAtEnd = (s: FrameState): boolean => selectCursor(s) >= selectLength(s);

/**
 * "applied / total": the one part of the bar that changes on every step. Not live (an output is a
 * status by default): StepAnnouncer says the count with the step and its result.
 */
function StepCounter() {
  const cursor = useFrame(selectCursor);
  const length = useFrame(selectLength);
  // The box fits "cursor / length" at the length's digit count: it stays fixed from step to step
  // (the counter never re-lays out its neighbours) and still shows "3110 / 3110" whole.
  const chars = Math.max(7, 2 * String(length).length + 3);
  return (
    <output
      className="cursor"
      data-testid="cursor"
      aria-live="off"
      aria-label="Steps applied"
      style={{ width: `calc(${chars}ch + 1rem)` }}
    >
      {/* A block inside the fixed box: the output is a flex item, and only a block child can be
          laid out again on its own when the count changes (a relayout boundary). */}
      <span className="cursor-count">
        {cursor} / {length}
      </span>
    </output>
  );
}

/**
 * The bar stays at the top of the window while the views below are read (position: sticky), so the
 * buttons and the counter are at hand there. Scrolling an element into view — a link, a focus moved
 * by Tab, scrollIntoView — must then stop below the bar, not under it: the page's scroll padding
 * follows the bar's height (it can wrap to two rows in a narrow window), and so does what counts as on
 * screen for the live views (stickyTop.ts).
 */
function useScrollPaddingBelow(bar: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = bar.current;
    const root = document.documentElement;
    if (!el || typeof ResizeObserver !== 'function') return;
    const set = (): void => {
      const h = Math.ceil(el.offsetHeight);
      root.style.setProperty('--playback-h', `${h}px`);
      setStickyTop(h);
    };
    set();
    const ro = new ResizeObserver(set);
    ro.observe(el);
    return () => {
      ro.disconnect();
      root.style.removeProperty('--playback-h');
      setStickyTop(0);
    };
  }, [bar]);
}

/**
 * A focused button that becomes disabled (Step at the last step, Back at the first) drops focus to
 * the page body, and a keyboard user loses their place. When a move disables the button that had
 * focus, the focus goes to the first button of the bar that still works.
 */
function useKeepFocusInBar(bar: RefObject<HTMLElement | null>, atStart: boolean, atEnd: boolean, ready: boolean): void {
  const last = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const el = bar.current;
    if (!el) return;
    const onFocus = (e: FocusEvent): void => {
      last.current = e.target as Element;
    };
    el.addEventListener('focusin', onFocus);
    return () => el.removeEventListener('focusin', onFocus);
  }, [bar]);
  useLayoutEffect(() => {
    const el = bar.current;
    const had = last.current;
    if (!el || !(had instanceof HTMLButtonElement) || !had.disabled || !el.contains(had)) return;
    if (document.activeElement !== had && document.activeElement !== document.body) return;
    el.querySelector<HTMLButtonElement>('.playback-buttons button:not(:disabled)')?.focus();
  }, [bar, atStart, atEnd, ready]);
}

export function PlaybackBar() {
  const { root } = useSandbox();
  const bar = useRef<HTMLElement>(null);
  useScrollPaddingBelow(bar);
  // Only where the cursor stands re-renders the buttons; the count itself is StepCounter's.
  const atStart = useFrame(selectAtStart);
  const atEnd = useFrame(selectAtEnd);
  const interval = useUiStore(selectInterval);
  const playing = useRoot((s) => s.hasTag('playing'));
  const ready = useRoot((s) => s.matches('ready'));
  useKeepFocusInBar(bar, atStart, atEnd, ready);

  return (
    <>
      <nav className="playback" aria-label="Playback" ref={bar}>
        <div className="playback-buttons">
          <button
            type="button"
            className="btn btn-plain"
            aria-keyshortcuts="Home"
            disabled={!ready || atStart}
            onClick={() => root.send({ type: 'sim.reset' })}
          >
            |◀ Reset
          </button>
          <button
            type="button"
            className="btn btn-plain"
            aria-keyshortcuts="ArrowLeft PageUp"
            disabled={!ready || atStart}
            onClick={() => root.send({ type: 'sim.back' })}
          >
            ◀ Back
          </button>
          <button
            type="button"
            className="btn btn-primary"
            data-testid="step-button"
            aria-keyshortcuts="ArrowRight PageDown"
            disabled={!ready || atEnd}
            onClick={() => root.send({ type: 'sim.step' })}
          >
            Step ▶
          </button>
          <button
            type="button"
            className="btn btn-plain"
            aria-keyshortcuts="P"
            aria-pressed={playing}
            disabled={!ready || (atEnd && !playing)}
            onClick={() => root.send(playing ? { type: 'sim.pause' } : { type: 'sim.play', intervalMs: interval })}
          >
            {playing ? 'Pause' : 'Play ▶▶'}
          </button>
          <button
            type="button"
            className="btn btn-plain"
            aria-keyshortcuts="End"
            disabled={!ready || atEnd}
            onClick={() => root.send({ type: 'sim.end' })}
          >
            End ▶|
          </button>
        </div>
        <StepCounter />
      </nav>
      <StepAnnouncer />
    </>
  );
}
