import { describe, expect, it } from 'vitest';
import { mailText } from './mailText.ts';

describe('mailText', () => {
  it('adds a short link, leaves out a long one', () => {
    expect(mailText('T', () => 'http://x/#v1.a')).toBe('T\n\n(i is the 0-based step index.)\nReplay: http://x/#v1.a\n');
    expect(mailText('T', () => `http://x/#v1.${'a'.repeat(2000)}`)).toBe('T\n\n(i is the 0-based step index.)\n');
    expect(mailText('T', () => null)).toBe('T\n\n(i is the 0-based step index.)\n');
  });

  it('keeps the table and says why there is no link when the scenario cannot go into one', () => {
    const text = mailText('T', () => {
      throw new Error('link: payload inflates to more than 8388608 bytes');
    });
    expect(text).toBe(
      'T\n\n(i is the 0-based step index.)\n(No replay link: link: payload inflates to more than 8388608 bytes.)\n'
    );
  });
});
