/**
 * The timeline: a scrubber over every step (seeking is cheap at any distance: the worker seeks
 * from checkpoints), a "go to step" box, and, in a policy A/B comparison, a tick at every step
 * whose results differ. Play/pause and speed live in the playback bar.
 */
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useRoot, useSandbox } from '../../hooks/index.ts';
import { selectCursor, selectLength, useFrame } from '../../store/index.ts';
import { useShare } from '../Share/useShare.ts';
import { jumpTarget } from './jumpTarget.ts';
import './timeline.css';

export function TimelineBar({ compact = false }: { compact?: boolean }) {
  const { root } = useSandbox();
  const cursor = useFrame(selectCursor);
  const length = useFrame(selectLength);
  const differs = useShare((s) => s.ab?.differs ?? null);
  const [want, setWant] = useState<number | null>(null);
  // Whether the sandbox is idle matters only while a seek waits; otherwise every step's busy → idle
  // flip would render the bar twice more for nothing.
  const idle = useRoot((s) => want === null || s.matches({ ready: 'idle' }));
  const sent = useRef<number | null>(null);

  // The effect reads the cursor only while a seek waits: a dependency that changed on every step
  // would make every step's commit schedule a passive-effects task for nothing.
  const seekCursor = want === null ? null : cursor;

  // A seek asked for while another move runs is re-sent once the sandbox is idle again, so the
  // cursor always ends where the scrubber was let go.
  useEffect(() => {
    if (want === null || !idle) return;
    if (seekCursor === want || sent.current === want) {
      // Arrived (or the sandbox refused the move): the scrubber follows the cursor again.
      setWant(null);
      sent.current = null;
    } else {
      sent.current = want;
      root.send({ type: 'sim.seek', cursor: want });
    }
  }, [want, idle, seekCursor, root]);

  const seek = useCallback((n: number): void => setWant(Math.max(0, Math.min(length, n))), [length]);
  const shown = want ?? cursor;

  return (
    <div className={`timeline${compact ? ' timeline-compact' : ''}`} data-testid="timeline">
      <div className="timeline-track">
        <input
          type="range"
          min={0}
          max={length}
          step={1}
          value={shown}
          disabled={length === 0}
          aria-label="Steps applied"
          aria-valuetext={`${shown} of ${length} steps applied`}
          data-testid="timeline-scrubber"
          onChange={(e) => seek(Number(e.target.value))}
        />
        {differs && length > 0 ? (
          <div className="timeline-ticks" aria-hidden="true">
            {differs.slice(0, 400).map((i) => (
              <span
                key={i}
                className="timeline-tick"
                style={{ left: `${((i + 1) / length) * 100}%` }}
                title={`step ${i + 1} differs`}
              >
                ≠
              </span>
            ))}
          </div>
        ) : null}
      </div>
      {compact ? null : <JumpBox length={length} onSeek={seek} />}
    </div>
  );
}

/** "Go to step": its own memoised component, so a step (a new cursor) does not re-render the box. */
const JumpBox = memo(function JumpBox({ length, onSeek }: { length: number; onSeek: (n: number) => void }) {
  const [jump, setJump] = useState('');
  const onJump = (e: FormEvent): void => {
    e.preventDefault();
    const n = jumpTarget(jump, length);
    if (n !== null) onSeek(n);
  };
  return (
    <form className="timeline-jump" onSubmit={onJump}>
      <label>
        Go to step{' '}
        <input
          type="number"
          min={0}
          max={length}
          inputMode="numeric"
          required
          value={jump}
          data-testid="timeline-jump"
          onChange={(e) => setJump(e.target.value)}
        />
      </label>
      <button type="submit" className="btn btn-plain btn-small">
        Go
      </button>
    </form>
  );
});
