import { describe, expect, it } from 'vitest';
import type { Outcome } from '../kernel/outcome.ts';
import type { Effect } from '../trace/types.ts';
import { anyResult, toResult } from './simulation.ts';

const fx: Effect[] = [{ kind: 'msr', proc: 'P1', thread: 0, pasid: 1 }];

/** Every combination of present and absent Outcome fields. */
function outcomes(): Outcome[] {
  const out: Outcome[] = [];
  for (let bits = 0; bits < 32; bits++) {
    const has = (k: number) => (bits & (1 << k)) !== 0;
    const ok = {
      ok: true as const,
      ...(has(0) ? { pasid: 5 } : {}),
      ...(has(1) ? { via: 'STE' } : {}),
      ...(has(2) ? { message: 'm' } : {}),
    };
    out.push(ok);
    out.push({
      ok: false,
      message: 'why',
      ...(has(0) ? { pasid: 5 } : {}),
      ...(has(1) ? { via: 'STE' } : {}),
      ...(has(3) ? { errno: 'EBUSY' as const } : {}),
      ...(has(4) ? { fault: 'C_BAD_CD' } : {}),
    });
  }
  return out;
}

describe('toResult', () => {
  it('gives what the field-by-field reference gives, keys in spec order included', () => {
    for (const out of outcomes()) {
      for (const effects of [null, [], fx]) {
        const step = { op: 'dma' as const, dev: 'd0' };
        const ref = anyResult(3, 'dma', out, effects !== null && effects.length > 0 ? effects : null);
        expect(JSON.stringify(toResult(3, step, out, effects))).toBe(JSON.stringify(ref));
        expect(Object.keys(toResult(3, step, out, effects))).toEqual(Object.keys(ref));
      }
    }
  });
});
