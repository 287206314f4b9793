/**
 * Kyverno's duration coercion for Equals/NotEquals and the numeric operators: the pair compares as
 * durations when at least one side is a duration string and the other is a duration string or a number
 * of seconds. The bare string "0" does not count as a duration here (it would swallow plain zeros).
 */
import { parseDuration } from '../values/index.js';

const NS_PER_SECOND = 1e9;

function durationString(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '0') return undefined;
  return parseDuration(value);
}

/** Go converts the float to an integer Duration before scaling, so fractional seconds are dropped. */
export function secondsToNs(seconds: number): number {
  return Math.trunc(seconds) * NS_PER_SECOND;
}

/** Both sides in nanoseconds, or undefined when the pair is not a duration comparison. */
export function durationPair(key: unknown, value: unknown): [number, number] | undefined {
  let k = durationString(key);
  let v = durationString(value);
  if (k === undefined && v === undefined) return undefined;
  if (k === undefined) {
    if (typeof key !== 'number') return undefined;
    k = secondsToNs(key);
  }
  if (v === undefined) {
    if (typeof value !== 'number') return undefined;
    v = secondsToNs(value);
  }
  return [k, v];
}
