/**
 * When to write the address bar: once changes pause for `quiet` ms, and at least every `maxWait`
 * ms while they go on (stepping, playback), so a link copied from the address bar is never far
 * behind and the browser is not asked to store a new address on every frame.
 */
export interface WriteTiming {
  quiet: number;
  maxWait: number;
}

export interface WriteSchedule {
  /** Something the address shows changed: (re)arms the timer. */
  changed(): void;
  /** Drops a pending write. */
  cancel(): void;
}

/** `timing` is asked at each change (it depends on the length of the last address written). */
export function createWriteSchedule(
  timing: () => WriteTiming,
  write: () => void,
  now: () => number = () => performance.now()
): WriteSchedule {
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** When the oldest change not yet written happened (valid while `timer` is set). */
  let since = 0;
  return {
    changed() {
      const t = now();
      if (timer === null) since = t;
      else clearTimeout(timer);
      const { quiet, maxWait } = timing();
      timer = setTimeout(
        () => {
          timer = null;
          write();
        },
        Math.max(0, Math.min(quiet, since + maxWait - t))
      );
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
