import { useSandbox, useRoot } from '../../hooks/index.ts';
import {
  selectCursor,
  selectInterval,
  selectLength,
  setPlaybackInterval,
  useFrame,
  useUiStore,
} from '../../store/index.ts';
import type { FrameState } from '../../store/index.ts';
import { Field } from '../common/Field.tsx';

const SPEEDS = [
  { ms: 1500, label: 'slow' },
  { ms: 700, label: 'normal' },
  { ms: 250, label: 'fast' },
  { ms: 60, label: 'very fast' },
];

const selectAtStart = (s: FrameState): boolean => selectCursor(s) === 0;
const selectAtEnd = (s: FrameState): boolean => selectCursor(s) >= selectLength(s);

/** "applied / total": the one part of the bar that changes on every step. */
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
      aria-live="polite"
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

export function PlaybackBar() {
  const { root } = useSandbox();
  // Only where the cursor stands re-renders the buttons; the count itself is StepCounter's.
  const atStart = useFrame(selectAtStart);
  const atEnd = useFrame(selectAtEnd);
  const interval = useUiStore(selectInterval);
  const playing = useRoot((s) => s.hasTag('playing'));
  const ready = useRoot((s) => s.matches('ready'));

  return (
    <nav className="playback" aria-label="Playback">
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
      <Field label="Speed">
        <select value={interval} onChange={(e) => setPlaybackInterval(Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s.ms} value={s.ms}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <p className="keys-hint">Keys: ← → step, Home / End, P play</p>
    </nav>
  );
}
