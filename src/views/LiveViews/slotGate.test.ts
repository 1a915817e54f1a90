import { describe, expect, it } from 'vitest';
import { gate, slotActive } from './slotGate.ts';
import type { GateInput } from './slotGate.ts';

const f1 = { version: 1 };
const f2 = { version: 2 };
const sel = { device: null, proc: null };
const cache = {};
const props = (frame: object, active: boolean, s: object = sel): GateInput => ({
  frame,
  cache,
  sel: s,
  focusKey: null,
  active,
});

describe('gate (memo comparator: true = keep the last rendering)', () => {
  it('keeps the last rendering while the slot is inactive, whatever changed', () => {
    expect(gate(props(f1, true), props(f2, false))).toBe(true);
    expect(gate(props(f1, false), props(f2, false))).toBe(true);
  });

  it('renders an active slot when the frame or the selection changed since its last rendering', () => {
    expect(gate(props(f1, true), props(f1, true))).toBe(true);
    expect(gate(props(f1, true), props(f2, true))).toBe(false);
    expect(gate(props(f1, true), props(f1, true, { ...sel }))).toBe(false);
  });

  it('renders a slot that becomes active, even on the frame it last rendered inactive (first mount)', () => {
    expect(gate(props(f1, false), props(f1, true))).toBe(false);
  });
});

describe('slotActive', () => {
  it('follows every frame on screen', () => {
    expect(slotActive(true, 7, -1)).toBe(true);
    expect(slotActive(true, 7, 6)).toBe(true);
  });

  it('follows an off-screen slot only once the current frame has settled', () => {
    expect(slotActive(false, 7, -1)).toBe(false);
    expect(slotActive(false, 7, 6)).toBe(false);
    expect(slotActive(false, 7, 7)).toBe(true);
  });
});
