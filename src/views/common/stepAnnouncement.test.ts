import { describe, expect, it } from 'vitest';
import { stepAnnouncement } from './stepAnnouncement.ts';

describe('stepAnnouncement()', () => {
  it('says the step, its errno and the kernel message after a failed step', () => {
    expect(
      stepAnnouncement(
        4,
        13,
        { op: 'bind', dev: 'accel0', proc: 'P4' },
        { i: 3, op: 'bind', ok: false, errno: 'ENOSPC', message: 'no PASID fits below max_pasids 4' }
      )
    ).toBe('Step 4 of 13: bind accel0 to P4, failed: ENOSPC. no PASID fits below max_pasids 4');
  });

  it('says the PASID an ok step got, without a message it does not have', () => {
    expect(
      stepAnnouncement(1, 12, { op: 'bind', dev: 'nic0', proc: 'P1' }, { i: 0, op: 'bind', ok: true, pasid: 1 })
    ).toBe('Step 1 of 12: bind nic0 to P1, ok, PASID 1.');
  });

  it('names the start, and a step whose result is not known yet', () => {
    expect(stepAnnouncement(0, 12, undefined, undefined)).toBe('Before the first of 12 steps.');
    expect(stepAnnouncement(2, 12, undefined, undefined)).toBe('Step 2 of 12.');
  });
});
