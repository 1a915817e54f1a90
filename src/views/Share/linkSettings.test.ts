import { describe, expect, it } from 'vitest';
import { linkNotice, unknownSettings } from './linkSettings.ts';

describe('unknownSettings / linkNotice', () => {
  it('knows every theme, view list and the notes window, and no setting at all', () => {
    for (const theme of ['light', 'dark', 'projector']) expect(unknownSettings({ theme })).toStrictEqual([]);
    for (const view of ['0', 'p', 'psvbqc', 'qc', 'notes']) expect(unknownSettings({ view })).toStrictEqual([]);
    expect(unknownSettings({})).toStrictEqual([]);
    expect(linkNotice({ view: 'pq', theme: 'dark' })).toBeNull();
  });

  it('names an unknown theme and the themes there are', () => {
    expect(unknownSettings({ theme: 'neon' })).toStrictEqual(['theme "neon" is not a theme: light, dark, projector']);
    expect(unknownSettings({ theme: 'Dark' })).toHaveLength(1);
  });

  it('names an unknown view and what a view value may be', () => {
    const [said, ...rest] = unknownSettings({ view: 'bogus' });
    expect(rest).toStrictEqual([]);
    expect(said).toBe(
      'view "bogus" is not a list of views: letters from psvbqc (p PASID spaces, s SMMUv3 tables, v VT-d tables, ' +
        'b Bindings, q Queues, c Statechart; upper case: shown as a table), optionally after w (wide layout), ' +
        '0 for none, or notes (the speaker-notes window)'
    );
    expect(unknownSettings({ view: 'px' })).toHaveLength(1);
    expect(unknownSettings({ view: 'tables' })).toHaveLength(1);
  });

  it('says everything in one notice, repairs first', () => {
    expect(linkNotice({ theme: 'neon' })).toBe(
      'Link setting ignored: theme "neon" is not a theme: light, dark, projector.'
    );
    const both = linkNotice({ view: 'bogus', theme: 'neon' }, ['line breaks removed']);
    expect(both).toMatch(
      /^Opened a damaged link: line breaks removed\. Link settings ignored: view "bogus" .*; theme "neon" /
    );
    expect(linkNotice({}, ['line breaks removed'])).toBe('Opened a damaged link: line breaks removed.');
  });
});
