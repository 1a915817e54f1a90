/**
 * Primitive checks shared by the scenario parser. Each returns the clean value or throws a
 * ScenarioError naming the path. Values are read through `own()` only, so nothing inherited
 * from a prototype (or planted on one) is ever mistaken for a field.
 */
import { ScenarioError, keyPath, quote } from './parse-errors.ts';

/** An untrusted JSON object, read only through `own()`. */
export type Obj = Readonly<Record<string, unknown>>;

/** Keys that could reach Object.prototype if some later code copied them naively. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Ids: 1–32 chars of [A-Za-z0-9_.-] (spec §1). */
const ID_RE = /^[A-Za-z0-9_.-]{1,32}$/;
export const ID_PROBLEM = 'expected an id (1-32 characters of A-Z a-z 0-9 _ . -)';

/** The own property `key` of `obj`, or undefined. */
export function own(obj: Obj, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** `v` as an object (not null, not an array), or throws. */
export function expectObject(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, 'expected an object');
  return v as Obj;
}

/** `v` as an array no longer than `max`; the length is checked before anyone iterates. */
export function expectArray(v: unknown, path: string, max: number, what: string): readonly unknown[] {
  if (v === undefined) throw new ScenarioError(path, 'required');
  if (!Array.isArray(v)) throw new ScenarioError(path, 'expected an array');
  if (v.length > max) throw new ScenarioError(path, `too many ${what} (${v.length} > ${max})`);
  return v as readonly unknown[];
}

/** Rejects forbidden keys and keys outside `allowed`, in the object's own key order; `hint` follows "unknown key". */
export function checkKeys(obj: Obj, path: string, allowed: ReadonlySet<string>, hint = ''): void {
  for (const k of Object.keys(obj)) {
    if (FORBIDDEN_KEYS.has(k)) throw new ScenarioError(keyPath(path, k), 'forbidden key');
    if (!allowed.has(k)) throw new ScenarioError(keyPath(path, k), `unknown key${hint}`);
  }
}

/**
 * A fresh object with `obj`'s own keys in their original order (all already checked against a
 * whitelist, so assigning them is safe), values replaced by `clean` where given; undefined drops.
 */
export function rebuild(obj: Obj, clean: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    const v = Object.hasOwn(clean, k) ? clean[k] : normalize(obj[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** -0 → 0, so a cleaned scenario compares equal to its re-encoded self. */
function normalize(v: unknown): unknown {
  return v === 0 ? 0 : v;
}

/** A required id. */
export function reqId(obj: Obj, key: string, path: string): string {
  const v = own(obj, key);
  if (typeof v === 'string' && ID_RE.test(v)) return v;
  throw new ScenarioError(keyPath(path, key), v === undefined ? 'required' : ID_PROBLEM);
}

/** An optional id. */
export function optId(obj: Obj, key: string, path: string): string | undefined {
  return own(obj, key) === undefined ? undefined : reqId(obj, key, path);
}

/** A required reference (any string; the caller resolves it and reports unknown names). */
export function reqRef(obj: Obj, key: string, path: string): string {
  const v = own(obj, key);
  if (typeof v === 'string') return v;
  throw new ScenarioError(keyPath(path, key), v === undefined ? 'required' : 'expected a string');
}

/** An optional string of at most `max` UTF-16 code units. */
export function optText(obj: Obj, key: string, path: string, max: number): string | undefined {
  const v = own(obj, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ScenarioError(keyPath(path, key), 'expected a string');
  if (v.length > max) throw new ScenarioError(keyPath(path, key), `longer than ${max} characters (${v.length})`);
  return v;
}

/** An optional boolean. */
export function optBool(obj: Obj, key: string, path: string): boolean | undefined {
  const v = own(obj, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new ScenarioError(keyPath(path, key), 'expected true or false');
  return v;
}

/** An optional value from a closed set of strings. */
export function optEnum<T extends string>(obj: Obj, key: string, path: string, values: readonly T[]): T | undefined {
  const v = own(obj, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new ScenarioError(keyPath(path, key), `expected one of ${values.map((x) => `"${x}"`).join(', ')}`);
  }
  return v as T;
}

/** A required value from a closed set of strings. */
export function reqEnum<T extends string>(obj: Obj, key: string, path: string, values: readonly T[]): T {
  const v = optEnum(obj, key, path, values);
  if (v === undefined) throw new ScenarioError(keyPath(path, key), 'required');
  return v;
}

/** An optional integer in [min, max]; `range` is how the message spells the bounds. */
export function optInt(
  obj: Obj,
  key: string,
  path: string,
  min: number,
  max: number,
  range?: string
): number | undefined {
  const v = own(obj, key);
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ScenarioError(keyPath(path, key), `expected an integer ${range ?? `${min}-${max}`}`);
  }
  return v === 0 ? 0 : v;
}

/** A required integer in [min, max]. */
export function reqInt(obj: Obj, key: string, path: string, min: number, max: number, range?: string): number {
  const v = optInt(obj, key, path, min, max, range);
  if (v === undefined) throw new ScenarioError(keyPath(path, key), 'required');
  return v;
}

/** Throws when a key that belongs to the other IOMMU kind is present. */
export function rejectKey(obj: Obj, key: string, path: string, problem: string): void {
  if (own(obj, key) !== undefined) throw new ScenarioError(keyPath(path, key), problem);
}

/** `unknown device "acel0"` and friends. */
export function unknownRef(path: string, what: string, name: string): ScenarioError {
  return new ScenarioError(path, `unknown ${what} ${quote(name)}`);
}
