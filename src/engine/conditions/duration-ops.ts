/**
 * Deprecated DurationGreaterThan(OrEquals) / DurationLessThan(OrEquals): both sides must be a Go
 * duration string or a number of seconds (truncated to whole seconds, as Go converts it).
 */
import { parseDuration } from '../values/index.js';
import { secondsToNs } from './duration-pair.js';
import { compareNumbers, type NumericOp } from './numeric.js';

function toNs(side: unknown): number | undefined {
  if (typeof side === 'number') return secondsToNs(side);
  if (typeof side === 'string') return parseDuration(side);
  return undefined;
}

export function evaluateDurationOp(op: NumericOp, key: unknown, value: unknown): boolean {
  const k = toNs(key);
  if (k === undefined) return false;
  const v = toNs(value);
  return v !== undefined && compareNumbers(op, k, v);
}
