/**
 * How the In-family operators read a condition key and value as lists of strings. Kyverno stringifies
 * every element with Go's fmt.Sprint and accepts a string value holding a JSON array of strings
 * (ConfigMap data often stores lists that way).
 */
import { goSprint } from '../values/index.js';

export type KeyShape = { kind: 'scalar'; item: string } | { kind: 'set'; items: string[] };

/** Strings, numbers and booleans are single items, arrays are sets; maps and null are not handled. */
export function keyShape(key: unknown): KeyShape | undefined {
  if (typeof key === 'string') return { kind: 'scalar', item: key };
  if (typeof key === 'number' || typeof key === 'boolean') return { kind: 'scalar', item: goSprint(key) };
  if (Array.isArray(key)) return { kind: 'set', items: key.map(goSprint) };
  return undefined;
}

/**
 * A string value as a list. Valid JSON must decode into an array of strings (`null` is an empty list,
 * null elements are empty strings, anything else is a type error). Text that is not JSON is a
 * one-element list when `lenient`, else a type error (the deprecated In/NotIn are strict).
 */
export function stringValueList(value: string, lenient: boolean): string[] | undefined {
  let decoded: unknown;
  try {
    decoded = JSON.parse(value);
  } catch {
    return lenient ? [value] : undefined;
  }
  if (decoded === null) return [];
  if (!Array.isArray(decoded)) return undefined;
  const out: string[] = [];
  for (const item of decoded) {
    if (item === null) out.push('');
    else if (typeof item === 'string') out.push(item);
    else return undefined;
  }
  return out;
}
