/**
 * The record behind useTallestHeight: the tallest height an element has had within one epoch and
 * at one width. Pure (no DOM), so it can be tested on its own.
 */

/** The tallest border-box height seen, and the epoch and width it holds for. */
export interface Tallest {
  epoch: unknown;
  width: number;
  height: number;
}

/** A border-box size (the app sets box-sizing: border-box, so min-height takes the height as is). */
export interface BoxSize {
  width: number;
  height: number;
}

/** Whether `last` still holds: same epoch, same width (a height seen at another width says nothing). */
export const holds = (last: Tallest | null, epoch: unknown, width: number): last is Tallest =>
  last !== null && last.epoch === epoch && last.width === width;

/** The record after the element was seen at `size` (`last` itself when nothing changed). */
export function nextTallest(last: Tallest | null, epoch: unknown, size: BoxSize): Tallest {
  if (!holds(last, epoch, size.width)) return { epoch, width: size.width, height: size.height };
  return size.height > last.height ? { ...last, height: size.height } : last;
}
