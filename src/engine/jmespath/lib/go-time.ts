/**
 * Go's time.Time as Kyverno's time functions see it: an instant plus the fixed zone offset it was parsed
 * with, parsed with Go reference layouts ("2006-01-02T15:04:05Z07:00") and printed as RFC 3339.
 */
import { type Civil, civilFromSeconds } from './civil.js';
import { SECOND } from '../../values/index.js';

export interface GoTime {
  /** Unix seconds (integer). */
  seconds: number;
  /** Nanoseconds within the second, 0..999999999. */
  nanos: number;
  /** Zone offset east of UTC, in seconds. */
  offset: number;
}

export const RFC3339 = '2006-01-02T15:04:05Z07:00';

export { parseGoTime, type ParseResult } from './go-time-parse.js';

export function timeFromMillis(ms: number): GoTime {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6), offset: 0 };
}

export function toNanos(t: GoTime): bigint {
  return BigInt(t.seconds) * SECOND + BigInt(t.nanos);
}

export function fromNanos(ns: bigint, offset: number): GoTime {
  let seconds = ns / SECOND;
  let nanos = ns % SECOND;
  if (nanos < 0n) {
    nanos += SECOND;
    seconds -= 1n;
  }
  return { seconds: Number(seconds), nanos: Number(nanos), offset };
}

export function compareTimes(a: GoTime, b: GoTime): number {
  const x = toNanos(a);
  const y = toNanos(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

export function civilOf(t: GoTime): Civil {
  return civilFromSeconds(t.seconds + t.offset);
}

/** t.Format(time.RFC3339): whole seconds, "Z" for a zero offset. */
export function formatRFC3339(t: GoTime): string {
  const c = civilOf(t);
  const year = c.year < 0 ? `-${pad(c.year, 4)}` : pad(c.year, 4);
  let zone = 'Z';
  if (t.offset !== 0) {
    const abs = Math.abs(t.offset);
    zone = `${t.offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}:${pad(Math.floor((abs % 3600) / 60), 2)}`;
  }
  return `${year}-${pad(c.month, 2)}-${pad(c.day, 2)}T${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}${zone}`;
}

/** time.Time JSON encoding (RFC 3339 with nanoseconds, trailing zeros trimmed). */
export function formatRFC3339Nano(t: GoTime): string {
  const base = formatRFC3339(t);
  if (t.nanos === 0) return base;
  const frac = `.${String(t.nanos).padStart(9, '0')}`.replace(/0+$/, '');
  const zoneAt = base.length - (t.offset === 0 ? 1 : 6);
  return base.slice(0, zoneAt) + frac + base.slice(zoneAt);
}
