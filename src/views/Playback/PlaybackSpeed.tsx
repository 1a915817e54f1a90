/**
 * How fast Play steps. Not in the sticky playback bar: that bar stays on screen and holds only
 * what a step needs; the speed sits in the row under it, with the timeline (app/App.tsx).
 */
import { selectInterval, setPlaybackInterval, useUiStore } from '../../store/index.ts';

const SPEEDS = [
  { ms: 1500, label: 'slow' },
  { ms: 700, label: 'normal' },
  { ms: 250, label: 'fast' },
  { ms: 60, label: 'very fast' },
];

export function PlaybackSpeed() {
  const interval = useUiStore(selectInterval);
  return (
    <label className="playback-speed">
      Speed{' '}
      <select value={interval} onChange={(e) => setPlaybackInterval(Number(e.target.value))}>
        {SPEEDS.map((s) => (
          <option key={s.ms} value={s.ms}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}
