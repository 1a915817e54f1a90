import { describe, expect, it } from 'vitest';
import { ALL_VIEWS, viewParam, viewsFromParam } from './viewParam.ts';

describe('viewParam / viewsFromParam', () => {
  it('leaves the setting out when every view is open', () => {
    expect(viewParam(ALL_VIEWS)).toBeUndefined();
    expect(viewsFromParam(undefined)).toStrictEqual(ALL_VIEWS);
  });
  it('round-trips any set of open views', () => {
    const some = { ...ALL_VIEWS, smmu: false, statechart: false };
    expect(viewParam(some)).toBe('pvbq');
    expect(viewsFromParam('pvbq')).toStrictEqual(some);
    const none = viewsFromParam('0');
    expect(none && viewParam(none)).toBe('0');
  });
  it('ignores values that are not view lists', () => {
    expect(viewsFromParam('notes')).toBeNull();
    expect(viewsFromParam('pp x')).toBeNull();
  });
});
