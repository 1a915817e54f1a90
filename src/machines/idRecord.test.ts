import { describe, expect, it } from 'vitest';
import { idRecord, withId } from './idRecord.ts';

describe('idRecord', () => {
  it('reads a missing Object.prototype name as undefined, not as an inherited function', () => {
    const rec = idRecord<number>([['nic0', 1]]);
    for (const id of ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'])
      expect(rec[id]).toBeUndefined();
    expect(rec.nic0).toBe(1);
  });

  it('stores "__proto__" as an own key, in a copy too', () => {
    const rec = withId(idRecord<number>([['__proto__', 1]]), 'toString', 2);
    expect(Object.getPrototypeOf(rec)).toBeNull();
    expect(Object.entries(rec)).toStrictEqual([
      ['__proto__', 1],
      ['toString', 2],
    ]);
  });
});
