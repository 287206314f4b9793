/**
 * GreaterThan, GreaterThanOrEquals, LessThan, LessThanOrEquals. Kyverno tries, in order: durations
 * (`1h` vs `30m`, or a duration vs seconds), resource quantities (`1Gi` vs `1024Mi`), plain numbers
 * (strings parsed as floats), then strict semantic versions. Anything else does not hold.
 */
import { compareQuantities, compareSemver, goParseFloat, parseQuantity, parseSemver } from '../values/index.js';
import { durationPair } from './duration-pair.js';

export type NumericOp = 'gt' | 'ge' | 'lt' | 'le';

/** Applies the operator to an ordering: negative when key < value, 0 when equal, positive when key > value. */
function holds(op: NumericOp, order: number): boolean {
  switch (op) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

/** Float comparison with Go semantics: NaN on either side makes every operator false. */
export function compareNumbers(op: NumericOp, a: number, b: number): boolean {
  switch (op) {
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

export function evaluateNumeric(op: NumericOp, key: unknown, value: unknown): boolean {
  if (typeof key === 'number') return numberKey(op, key, value);
  if (typeof key === 'string') return stringKey(op, key, value);
  return false;
}

function numberKey(op: NumericOp, key: number, value: unknown): boolean {
  if (typeof value === 'number') return compareNumbers(op, key, value);
  if (typeof value !== 'string') return false;
  const durations = durationPair(key, value);
  if (durations !== undefined) return compareNumbers(op, durations[0], durations[1]);
  const parsed = goParseFloat(value);
  return parsed !== undefined && compareNumbers(op, key, parsed);
}

function stringKey(op: NumericOp, key: string, value: unknown): boolean {
  const durations = durationPair(key, value);
  if (durations !== undefined) return compareNumbers(op, durations[0], durations[1]);
  if (typeof value === 'string') {
    const k = parseQuantity(key);
    const v = k === undefined ? undefined : parseQuantity(value);
    if (k !== undefined && v !== undefined) return holds(op, compareQuantities(k, v));
  }
  const keyNumber = goParseFloat(key);
  if (keyNumber !== undefined) return numberKey(op, keyNumber, value);
  // Kyverno parses versions with blang/semver's strict Parse: exactly MAJOR.MINOR.PATCH, no `v`, no leading zeros.
  const keyVersion = parseSemver(key);
  if (keyVersion !== undefined) {
    const valueVersion = typeof value === 'string' ? parseSemver(value) : undefined;
    return valueVersion !== undefined && holds(op, compareSemver(keyVersion, valueVersion));
  }
  return false;
}
