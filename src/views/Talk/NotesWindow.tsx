/**
 * The speaker-notes window (`#…&view=notes`, opened from talk mode with W): the current step's
 * note in large type, the next step, the step counter and a talk timer. It runs no simulation:
 * the presenting window sends its state over the talk channel, and this window's keys (a clicker
 * works here too) are sent back: steps, and the clicker's blank (B, ".") and stop (Esc). The note
 * is fitted to the window (useFitText.ts); Shift+↓ / Shift+↑ scroll one that still does not fit.
 */
import { useEffect, useRef, useState } from 'react';
import { notesNav } from './talkAction.ts';
import { openTalkChannel } from './talkChannel.ts';
import type { NotesNav, NotesState } from './talkChannel.ts';
import { talkActionAt } from './keyTarget.ts';
import { scrollNotes } from './notesScroll.ts';
import { OverflowCue } from './OverflowCue.tsx';
import { useFitText } from './useFitText.ts';
import type { FitOptions } from './useFitText.ts';
import './talk.css';

/** The note and the next step scroll here, between the header and the buttons. */
const NOTES_BODY_ID = 'notes-body';

/**
 * The speaker's own screen, read standing at arm's length: type down to 18 px, and nothing to
 * take room from (the window scrolled as a whole, its step buttons out of sight, and every
 * scroll key is a step key).
 */
const FIT: FitOptions = { minPx: 18, comfortable: 1, canGrow: false };

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function NotesWindow() {
  const [state, setState] = useState<NotesState | null>(null);
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const channel = useRef<{ post(m: { type: 'nav'; nav: NotesNav }): void } | null>(null);
  const send = (nav: NotesNav): void => channel.current?.post({ type: 'nav', nav });
  const body = useRef<HTMLDivElement>(null);
  const fit = useFitText(body, state ? JSON.stringify(state) : '', FIT);

  useEffect(() => {
    document.title = 'Speaker notes · pasid-sandbox';
    let heard = false;
    const ch = openTalkChannel((m) => {
      if (m.type === 'state') {
        heard = true;
        setState(m.state);
      }
    });
    if (!ch) return undefined;
    ch.post({ type: 'hello' });
    // The presenting window may still be loading: ask again until it answers.
    const retry = setInterval(() => {
      if (!heard) ch.post({ type: 'hello' });
    }, 1500);
    channel.current = ch;
    const bye = (): void => ch.post({ type: 'bye' });
    window.addEventListener('pagehide', bye);
    return () => {
      clearInterval(retry);
      window.removeEventListener('pagehide', bye);
      bye();
      channel.current = null;
      ch.close();
    };
  }, []);

  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // Enter/Space on a focused button (◀ Back, Next ▶) press it, not the talk's next step.
      const action = talkActionAt(e, e.target instanceof Element ? e.target : null);
      if (action === 'notes-down' || action === 'notes-up') {
        e.preventDefault();
        scrollNotes(document.getElementById(NOTES_BODY_ID), action === 'notes-down' ? 1 : -1);
        return;
      }
      const nav = notesNav(action);
      if (!nav) return;
      e.preventDefault();
      channel.current?.post({ type: 'nav', nav });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (typeof BroadcastChannel === 'undefined') {
    return <p className="notes-window">This browser cannot link windows; use the notes panel (N) in talk mode.</p>;
  }
  return (
    <main className="notes-window" data-testid="notes-window">
      <header className="notes-head">
        <h1 className="notes-title">{state?.title ?? 'Speaker notes'}</h1>
        <p className="notes-meta">
          <span data-testid="notes-cursor">
            {state ? `Step ${state.cursor} / ${state.length}` : 'Waiting for the presenting window…'}
          </span>
          <span>Time {clock(now - started)}</span>
        </p>
      </header>
      {state ? (
        <div className="notes-body-wrap">
          <div id={NOTES_BODY_ID} ref={body} className="notes-body" data-testid="notes-body">
            <section className="notes-current" aria-live="polite">
              {state.current ? (
                <>
                  <p className="notes-step">
                    <code>
                      {state.current.n}. {state.current.text}
                    </code>{' '}
                    {state.current.result ? (
                      <span className={state.current.ok ? 'notes-ok' : 'notes-err'}>{state.current.result}</span>
                    ) : null}
                  </p>
                  <p className="notes-note" data-testid="notes-note">
                    {state.current.note ?? '(no note for this step)'}
                  </p>
                </>
              ) : (
                <p className="notes-note" data-testid="notes-note">
                  {state.intro ?? 'Before the first step.'}
                </p>
              )}
            </section>
            <section className="notes-next" aria-label="Next step">
              {state.next ? (
                <>
                  <p>
                    <strong>Next:</strong>{' '}
                    <code>
                      {state.next.n}. {state.next.text}
                    </code>
                  </p>
                  {state.next.note ? <p className="notes-next-note">{state.next.note}</p> : null}
                </>
              ) : (
                <p>
                  <strong>Next:</strong> end of the scenario.
                </p>
              )}
            </section>
          </div>
          {fit.overflow ? <OverflowCue atEnd={fit.atEnd} /> : null}
        </div>
      ) : null}
      <nav className="notes-nav" aria-label="Steps">
        <button type="button" className="btn btn-plain" onClick={() => send('back')}>
          ◀ Back
        </button>
        <button type="button" className="btn btn-primary" onClick={() => send('next')}>
          Next ▶
        </button>
        <span className="muted">Clicker keys work in this window too; Shift+↓ / Shift+↑ scroll a long note.</span>
      </nav>
    </main>
  );
}

/** Whether the page was opened as the notes window. */
export function isNotesWindow(hash: string): boolean {
  return /(^#|&)view=notes(&|$)/.test(hash);
}
