import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWriteSchedule } from './writeSchedule.ts';

describe('createWriteSchedule', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = (quiet: number, maxWait: number) => {
    const write = vi.fn();
    const s = createWriteSchedule(
      () => ({ quiet, maxWait }),
      write,
      () => Date.now()
    );
    return { s, write };
  };

  it('writes once changes pause for the quiet time', () => {
    const { s, write } = make(120, 1000);
    s.changed();
    vi.advanceTimersByTime(100);
    s.changed();
    vi.advanceTimersByTime(100);
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(write).toHaveBeenCalledTimes(1);
  });

  it('writes at least every maxWait while changes keep coming (a step every 20 ms)', () => {
    const { s, write } = make(600, 5000);
    for (let t = 0; t < 12_000; t += 20) {
      s.changed();
      vi.advanceTimersByTime(20);
    }
    // At 5 s and 10 s after the first unwritten change, not on every step.
    expect(write).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(600);
    expect(write).toHaveBeenCalledTimes(3);
  });

  it('cancel drops the pending write', () => {
    const { s, write } = make(120, 1000);
    s.changed();
    s.cancel();
    vi.advanceTimersByTime(2000);
    expect(write).not.toHaveBeenCalled();
  });
});
