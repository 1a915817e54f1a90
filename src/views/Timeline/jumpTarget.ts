/**
 * What the "Go to step" box asks for. Number('') and Number('  ') are 0, so reading the box with
 * Number() alone sent an emptied box to step 0: an empty or non-numeric entry asks for nothing.
 */

/** The step `text` names (a whole number in 0 … length), or null when it names none. */
export function jumpTarget(text: string, length: number): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n <= length ? n : null;
}
