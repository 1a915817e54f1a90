import { memo, useCallback, useEffect, useRef } from 'react';
import type { Step } from '../../engine/index.ts';
import { useSandbox, useScenario } from '../../hooks/index.ts';
import { frameStore, selectCursor, useFrame } from '../../store/index.ts';
import type { FrameState } from '../../store/index.ts';
import { ResultBadge } from '../common/ResultText.tsx';
import { StepNote, useNotesPolicy } from '../common/StepNote.tsx';
import { stepText } from '../common/stepText.ts';

/**
 * Long logs show a window of rows around the cursor. The window moves in pages, not row by row,
 * so stepping usually changes two rows instead of re-laying out the whole table.
 */
const PAGE = 20;
const SHOWN = 3 * PAGE;

/** The rows shown, `from` to `to` (exclusive), of `total` steps (applied or still to run). */
export function logWindow(
  cursor: number,
  applied: number,
  scenarioSteps: number
): { from: number; to: number; total: number } {
  const total = Math.max(applied, scenarioSteps);
  const from = total > SHOWN ? Math.max(0, Math.floor(cursor / PAGE) * PAGE - PAGE) : 0;
  const to = total > SHOWN ? Math.min(total, from + SHOWN) : total;
  return { from, to, total };
}

/**
 * The log re-renders only when its window moves (every PAGE steps); each row follows its own
 * entry and whether it is the current step, so a step re-renders the two rows it changes
 * instead of reconciling every shown row.
 */
export function StepLog() {
  const { root } = useSandbox();
  const scenario = useScenario();
  const steps = scenario?.steps.length ?? 0;
  const writtenFor = useNotesPolicy(scenario);
  const key = useFrame((s) => {
    const w = logWindow(selectCursor(s), s.frame?.model.log.length ?? 0, steps);
    return `${w.from} ${w.to} ${w.total}`;
  });
  const [from = 0, to = 0, total = 0] = key.split(' ').map(Number);
  const onSeek = useCallback((n: number) => root.send({ type: 'sim.seek', cursor: n }), [root]);
  const scroller = useRef<HTMLDivElement>(null);
  const section = useRef<HTMLElement>(null);
  // Keep the current step in view inside the log (only the log scrolls, never the page). Read
  // the geometry after the frame is painted, when layout is clean, so it never forces a layout.
  useEffect(() => {
    const reveal = (): boolean => {
      const box = scroller.current;
      const row = box?.querySelector<HTMLElement>('[aria-current="step"]');
      if (!box || !row) return false;
      // Off screen the log's layout is skipped (content-visibility): measuring would force it on
      // every step. It is revealed when it comes back (the listener below).
      if (box.checkVisibility && !box.checkVisibility({ contentVisibilityAuto: true })) return false;
      const b = box.getBoundingClientRect();
      const r = row.getBoundingClientRect();
      if (r.top >= b.top + 32 && r.bottom <= b.bottom) return false;
      box.scrollTop += r.top - b.top - b.height / 3;
      return true;
    };
    // After a scroll, again in the next frames until nothing moves (at most a few): rows that
    // content-visibility skipped get their real height only when they render.
    let raf = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (tries: number): void => {
      if (reveal() && tries > 0) raf = requestAnimationFrame(() => settle(tries - 1));
    };
    // Whether content-visibility skips the log (it is off screen): then nothing is scheduled per
    // step at all, since measuring it would force a style and layout update of the page in a task
    // of its own on every step. It is revealed when it comes back (the listener below).
    let skipped = false;
    // On every cursor move, once the rows have committed (a task later, as an effect would).
    const onCursor = (): void => {
      if (skipped) return;
      clearTimeout(timer);
      cancelAnimationFrame(raf);
      timer = setTimeout(() => settle(4), 0);
    };
    let cursor = selectCursor(frameStore.getState());
    onCursor();
    const unsubscribe = frameStore.subscribe((s: FrameState) => {
      const c = selectCursor(s);
      if (c === cursor) return;
      cursor = c;
      onCursor();
    });
    const sectionEl = section.current;
    // The event comes before the log is laid out again: measure in the next frame.
    const onShown = (e: Event): void => {
      // Rows have content-visibility too and their events bubble here: only the log's own counts
      // (a row coming into view while the user scrolls the log must not pull it back).
      if (e.target !== sectionEl) return;
      skipped = (e as Event & { skipped?: boolean }).skipped === true;
      if (skipped) {
        clearTimeout(timer);
        return;
      }
      cancelAnimationFrame(raf);
      raf = requestAnimationFrame(() => settle(4));
    };
    sectionEl?.addEventListener('contentvisibilityautostatechange', onShown);
    return () => {
      unsubscribe();
      clearTimeout(timer);
      cancelAnimationFrame(raf);
      sectionEl?.removeEventListener('contentvisibilityautostatechange', onShown);
    };
  }, []);

  const rows: number[] = [];
  for (let i = from; i < to; i++) rows.push(i);
  return (
    <section className="panel step-log" aria-labelledby="step-log-title" ref={section}>
      <h2 id="step-log-title">Step log</h2>
      {from > 0 ? <p className="muted">{from} earlier steps not shown</p> : null}
      <div
        className={`table-scroll${total > 8 ? ' table-scroll-fixed' : ''}`}
        ref={scroller}
        tabIndex={0}
        aria-label="Step log, scrollable"
      >
        {/* An ARIA table of divs: each row is its own containment box, so rows scrolled out of
            view are skipped by layout and paint (content-visibility), which table rows cannot do. */}
        <div role="table" aria-label="Steps and kernel results" data-testid="step-log" className="log-table">
          <div role="rowgroup" className="log-head">
            <div role="row" className="log-row">
              <span role="columnheader">#</span>
              <span role="columnheader">Step</span>
              <span role="columnheader">Result</span>
              <span role="columnheader">Kernel says</span>
            </div>
          </div>
          <div role="rowgroup">
            {rows.map((i) => (
              <StepRow key={i} i={i} planned={scenario?.steps[i]} writtenFor={writtenFor} onSeek={onSeek} />
            ))}
          </div>
        </div>
      </div>
      {to < total ? <p className="muted">{total - to} later steps not shown</p> : null}
      {total === 0 ? (
        <p className="muted">{scenario ? 'No steps yet: use the inspector to run one.' : 'No scenario loaded.'}</p>
      ) : null}
    </section>
  );
}

const StepRow = memo(function StepRow({
  i,
  planned,
  writtenFor,
  onSeek,
}: {
  i: number;
  /** The scenario's step i (shown while it is not applied yet). */
  planned: Step | undefined;
  /** See useNotesPolicy. */
  writtenFor: string | null;
  onSeek: (cursor: number) => void;
}) {
  // The applied step and its result (the model's arrays are mutated in place; the entries are not).
  const applied = useFrame((s) => s.frame?.model.logSteps[i]);
  const result = useFrame((s) => s.frame?.model.log[i]);
  const current = useFrame((s) => selectCursor(s) === i + 1);
  const step = applied ?? planned;
  const state = result ? (result.ok ? 'ok' : 'err') : 'pending';
  return (
    <div
      role="row"
      className={`log-row row-${state}${current ? ' row-current' : ''}`}
      data-testid={`step-row-${i}`}
      aria-current={current ? 'step' : undefined}
    >
      <span role="cell">
        <button
          type="button"
          className="btn-link"
          aria-label={`Go to step ${i + 1}${step ? `: ${stepText(step)}` : ''}`}
          onClick={() => onSeek(i + 1)}
        >
          {i + 1}
        </button>
      </span>
      <span role="cell">
        <code>{step ? stepText(step) : '?'}</code>
        {step?.note ? <StepNote as="span" note={step.note} writtenFor={writtenFor} /> : null}
      </span>
      <span role="cell" data-testid={`step-result-${i}`}>
        {result ? <ResultBadge result={result} /> : <span className="muted">pending</span>}
      </span>
      <span role="cell" className="kernel-msg">
        {result ? (result.message ?? result.via ?? '') : ''}
      </span>
    </div>
  );
});
