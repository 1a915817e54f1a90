/**
 * Records of child actors keyed by ids the user chose: device, group and process names. Spec §1
 * allows any such string, "toString" and "__proto__" included, so these records have no
 * prototype: a missing id reads as undefined, never as an inherited function that would then be
 * sent events or rendered (a scenario with a device named "toString" blanked the page), and
 * storing "__proto__" makes an own key instead of replacing the prototype.
 */
export type IdRecord<T> = Record<string, T>;

/** A prototype-less record holding `entries`. */
export function idRecord<T>(entries: Iterable<readonly [string, T]> = []): IdRecord<T> {
  const rec = Object.create(null) as IdRecord<T>;
  for (const [id, value] of entries) rec[id] = value;
  return rec;
}

/** A copy of `rec` with `id` set to `value` (the copy has no prototype either). */
export function withId<T>(rec: IdRecord<T>, id: string, value: T): IdRecord<T> {
  const copy = idRecord(Object.entries(rec));
  copy[id] = value;
  return copy;
}
