/**
 * AnyIn, AllIn, AnyNotIn, AllNotIn and the deprecated In / NotIn.
 *
 * A scalar key (string, number, bool) is looked up in the value; an array key is compared element-wise.
 * Elements match when either side, read as a wildcard pattern, matches the other. A string value may be
 * a single item, a JSON array of strings, or (not for In / NotIn) a numeric range like `8000-9000`.
 * A value of an unusable type makes every operator false, the negated ones included.
 */
import { operatorOf, validateValue } from '../pattern/index.js';
import { goSprint, wildcardMatch } from '../values/index.js';
import { keyShape, stringValueList } from './value-list.js';

export type MembershipOp = 'In' | 'NotIn' | 'AnyIn' | 'AllIn' | 'AnyNotIn' | 'AllNotIn';

const NEGATED: ReadonlySet<MembershipOp> = new Set<MembershipOp>(['NotIn', 'AnyNotIn', 'AllNotIn']);

function matchEither(a: string, b: string): boolean {
  return wildcardMatch(a, b) || wildcardMatch(b, a);
}

function contains(values: readonly string[], item: string): boolean {
  return values.some((v) => matchEither(item, v));
}

/** A value such as `8000-9000` or `1Gi-2Gi`, which Kyverno hands with the key to its pattern validator. */
function isRangePattern(value: string): boolean {
  return operatorOf(value) === '-';
}

export function evaluateMembership(op: MembershipOp, key: unknown, value: unknown): boolean {
  const shape = keyShape(key);
  if (shape === undefined) return false;
  if (shape.kind === 'scalar') {
    const found = scalarFound(shape.item, value, op === 'In' || op === 'NotIn');
    if (found === undefined) return false;
    return NEGATED.has(op) ? !found : found;
  }
  if (op === 'In' || op === 'NotIn') return legacySet(op, shape.items, value) ?? false;
  return set(op, shape.items, value) ?? false;
}

/** Whether a single key occurs in the value; undefined when the value has an unusable type. */
function scalarFound(key: string, value: unknown, legacy: boolean): boolean | undefined {
  if (Array.isArray(value)) return contains(value.map(goSprint), key);
  if (typeof value !== 'string') return undefined;
  if (wildcardMatch(value, key)) return true;
  if (!legacy && isRangePattern(value)) return validateValue(key, value);
  const list = stringValueList(value, !legacy);
  return list === undefined ? undefined : list.includes(key);
}

/** AnyIn / AllIn / AnyNotIn / AllNotIn with an array key; undefined on an unusable value type. */
function set(op: Exclude<MembershipOp, 'In' | 'NotIn'>, keys: string[], value: unknown): boolean | undefined {
  let values: string[];
  if (Array.isArray(value)) {
    // No keys: "any" is false and "all" is true whatever the list holds (commonly an empty `add[]` against an allow-list).
    if (keys.length === 0) return op === 'AllIn' || op === 'AllNotIn';
    values = value.map(goSprint);
  } else if (typeof value === 'number') {
    values = [goSprint(value)];
  } else if (typeof value === 'string') {
    if (keys.length === 1 && keys[0] === value) return !NEGATED.has(op);
    if (isRangePattern(value)) return rangeSet(op, keys, value);
    const list = stringValueList(value, true);
    if (list === undefined) return undefined;
    values = list;
  } else {
    return undefined;
  }
  switch (op) {
    case 'AnyIn':
      return keys.some((k) => contains(values, k));
    case 'AllIn':
      return keys.every((k) => contains(values, k));
    case 'AnyNotIn':
      return keys.some((k) => !contains(values, k));
    case 'AllNotIn':
      return keys.every((k) => !contains(values, k));
  }
}

function rangeSet(op: Exclude<MembershipOp, 'In' | 'NotIn'>, keys: string[], range: string): boolean {
  const inRange = (k: string): boolean => validateValue(k, range);
  switch (op) {
    case 'AnyIn':
      return keys.some(inRange);
    case 'AllIn':
      return keys.every(inRange);
    case 'AnyNotIn': {
      // Kyverno turns `a-b` into the not-in-range pattern `a!-b` (first dash only).
      const outside = range.replace('-', '!-');
      return keys.some((k) => validateValue(k, outside));
    }
    case 'AllNotIn':
      return !keys.some(inRange);
  }
}

/** Deprecated In / NotIn with an array key: exact string membership, no wildcards or ranges. */
function legacySet(op: 'In' | 'NotIn', keys: string[], value: unknown): boolean | undefined {
  let values: string[];
  if (Array.isArray(value)) {
    if (!value.every((v): v is string => typeof v === 'string')) return undefined;
    values = value;
  } else if (typeof value === 'string') {
    if (keys.length === 1 && keys[0] === value) return op === 'In';
    const list = stringValueList(value, false);
    if (list === undefined) return undefined;
    values = list;
  } else {
    return undefined;
  }
  const known = new Set(values);
  return op === 'In' ? keys.every((k) => known.has(k)) : keys.some((k) => !known.has(k));
}
