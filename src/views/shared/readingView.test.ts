import { describe, expect, it } from 'vitest';
import { currentReadingView, reportVisible } from './readingView.ts';

describe('readingView', () => {
  it('is the view with the most height on screen, and none when every view has left', () => {
    reportVisible('smmu', 300);
    expect(currentReadingView()).toBe('smmu');
    reportVisible('bindings', 540);
    expect(currentReadingView()).toBe('bindings');
    reportVisible('bindings', 120);
    expect(currentReadingView()).toBe('smmu');
    reportVisible('smmu', 0);
    expect(currentReadingView()).toBe('bindings');
    reportVisible('bindings', -5);
    expect(currentReadingView()).toBeNull();
  });
});
