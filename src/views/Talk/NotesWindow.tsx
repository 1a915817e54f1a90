/**
 * The speaker-notes window (`#…&view=notes`, opened from talk mode with W): the current step's
 * note in large type, the next step, the step counter and a talk timer. It runs no simulation:
 * the presenting window sends its state over the talk channel, and this window's keys (a clicker
 * works here too) are sent back: steps, and the clicker's blank (B, ".") and stop (Esc).
 */
import { useEffect, useRef, useState } from 'react';
import { notesNav } from './talkAction.ts';
import { openTalkChannel } from './talkChannel.ts';
import type { NotesNav, NotesState } from './talkChannel.ts';
import { talkActionAt } from './keyTarget.ts';
import './talk.css';

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
      const nav = notesNav(talkActionAt(e, e.target instanceof Element ? e.target : null));
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
        <>
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
        </>
      ) : null}
      <nav className="notes-nav" aria-label="Steps">
        <button type="button" className="btn btn-plain" onClick={() => send('back')}>
          ◀ Back
        </button>
        <button type="button" className="btn btn-primary" onClick={() => send('next')}>
          Next ▶
        </button>
        <span className="muted">Clicker keys work in this window too.</span>
      </nav>
    </main>
  );
}

/** Whether the page was opened as the notes window. */
export function isNotesWindow(hash: string): boolean {
  return /(^#|&)view=notes(&|$)/.test(hash);
}
