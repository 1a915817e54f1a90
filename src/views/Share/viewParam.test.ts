import { describe, expect, it } from 'vitest';
import { ALL_DIAGRAMS } from '../../store/index.ts';
import { ALL_VIEWS, DEFAULT_LAYOUT, isKnownView, layoutFromParam, viewParam } from './viewParam.ts';
import type { ViewLayout } from './viewParam.ts';

const layout = (over: Partial<ViewLayout>): ViewLayout => ({ ...DEFAULT_LAYOUT, ...over });

describe('viewParam / layoutFromParam', () => {
  it('leaves the setting out for the default layout: every view open, as diagrams, not wide', () => {
    expect(viewParam(DEFAULT_LAYOUT)).toBeUndefined();
    expect(layoutFromParam(undefined)).toStrictEqual(DEFAULT_LAYOUT);
  });

  it('round-trips any set of open views (the letters older links carry mean what they meant)', () => {
    const some = layout({ views: { ...ALL_VIEWS, smmu: false, statechart: false } });
    expect(viewParam(some)).toBe('pvbq');
    expect(layoutFromParam('pvbq')).toStrictEqual(some);
    const none = layoutFromParam('0');
    expect(none && viewParam(none)).toBe('0');
  });

  it('carries table mode (upper case) and the wide layout (w), so a link reopens the layout', () => {
    const tables = layout({ modes: { ...ALL_DIAGRAMS, smmu: 'table', bindings: 'table' }, wide: true });
    expect(viewParam(tables)).toBe('wpSvBqc');
    expect(layoutFromParam('wpSvBqc')).toStrictEqual(tables);
    expect(viewParam(layout({ wide: true }))).toBe('wpsvbqc');
    expect(layoutFromParam('w0')).toStrictEqual({
      views: Object.fromEntries(Object.keys(ALL_VIEWS).map((k) => [k, false])),
      modes: ALL_DIAGRAMS,
      wide: true,
    });
    // A closed view's mode is not part of the link.
    const closedTable = layout({ views: { ...ALL_VIEWS, vtd: false }, modes: { ...ALL_DIAGRAMS, vtd: 'table' } });
    expect(layoutFromParam(viewParam(closedTable))?.modes.vtd).toBe('diagram');
  });

  it('ignores values that are not layouts', () => {
    expect(layoutFromParam('notes')).toBeNull();
    expect(layoutFromParam('pp x')).toBeNull();
    expect(layoutFromParam('pP')).toBeNull();
    expect(layoutFromParam('pw')).toBeNull();
    expect(isKnownView('notes')).toBe(true);
    expect(isKnownView('wS')).toBe(true);
    expect(isKnownView('x')).toBe(false);
  });
});
