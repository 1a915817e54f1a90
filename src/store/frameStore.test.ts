import { beforeEach, describe, expect, it } from 'vitest';
import { emptyChanges, emptyViewChanges, SimModel, ViewState } from '../client/index.ts';
import { frameStore, publishFrame, resetFrameStore, selectCursor, selectVersion } from './frameStore.ts';

beforeEach(() => resetFrameStore());

describe('frameStore', () => {
  it('publishFrame() replaces the frame and notifies transient subscribers once', () => {
    const seen: number[] = [];
    const off = frameStore.subscribe((s) => seen.push(selectVersion(s)));
    const model = new SimModel();
    const views = new ViewState();
    publishFrame({ version: 1, model, changes: emptyChanges(), views, viewChanges: emptyViewChanges() });
    publishFrame({ version: 2, model, changes: emptyChanges(), views, viewChanges: emptyViewChanges() });
    off();
    expect(seen).toEqual([1, 2]);
    expect(selectCursor(frameStore.getState())).toBe(0);
  });
});
