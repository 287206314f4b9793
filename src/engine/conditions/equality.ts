/**
 * Equals / NotEquals (and the deprecated Equal / NotEqual). The key's type picks the comparison;
 * a value of another type never matches, except the documented coercions (numeric strings, durations,
 * quantities). NotEquals is the exact negation, so a type mismatch makes it hold.
 */
import { isRecord } from '../../api/json.js';
import { compareQuantities, deepEqualJson, goParseFloat, parseQuantity, wildcardMatch } from '../values/index.js';
import { durationPair } from './duration-pair.js';

export function evaluateEquals(key: unknown, value: unknown): boolean {
  if (typeof key === 'boolean') return typeof value === 'boolean' && key === value;
  if (typeof key === 'number') return numberEquals(key, value);
  if (typeof key === 'string') return stringEquals(key, value);
  if (Array.isArray(key)) return Array.isArray(value) && deepEqualJson(key, value);
  if (isRecord(key)) return isRecord(value) && deepEqualJson(key, value);
  // null / absent key: Kyverno has no handler for nil and reports "not equal".
  return false;
}

export function evaluateNotEquals(key: unknown, value: unknown): boolean {
  return !evaluateEquals(key, value);
}

function numberEquals(key: number, value: unknown): boolean {
  if (typeof value === 'number') return key === value;
  if (typeof value === 'string') {
    const parsed = goParseFloat(value);
    return parsed !== undefined && parsed === key;
  }
  return false;
}

function stringEquals(key: string, value: unknown): boolean {
  // Durations first: they are the only strings that may equal a plain number (seconds).
  const durations = durationPair(key, value);
  if (durations !== undefined) return durations[0] === durations[1];
  const keyQuantity = parseQuantity(key);
  if (keyQuantity !== undefined && typeof value === 'string') {
    // Once the key reads as a quantity the value must be one too: "1" never wildcard-matches "1*".
    const valueQuantity = parseQuantity(value);
    return valueQuantity !== undefined && compareQuantities(keyQuantity, valueQuantity) === 0;
  }
  // Only the value acts as the wildcard pattern.
  return typeof value === 'string' && wildcardMatch(value, key);
}
