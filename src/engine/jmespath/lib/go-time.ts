/**
 * Go's time.Time as Kyverno's time functions see it: an instant plus the fixed zone offset it was parsed
 * with, parsed with Go reference layouts ("2006-01-02T15:04:05Z07:00") and printed as RFC 3339.
 */
import { type Civil, civilFromSeconds, daysFromCivil } from './civil.js';
import { SECOND } from './duration.js';
import { nextLayoutChunk, type LayoutChunk } from './go-layout.js';

export interface GoTime {
  /** Unix seconds (integer). */
  seconds: number;
  /** Nanoseconds within the second, 0..999999999. */
  nanos: number;
  /** Zone offset east of UTC, in seconds. */
  offset: number;
}

export const RFC3339 = '2006-01-02T15:04:05Z07:00';

const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

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

export type ParseResult = { ok: true; time: GoTime } | { ok: false; message: string };

interface Fields {
  year: number;
  month: number;
  day: number;
  yday: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  pm?: boolean;
  am?: boolean;
  utc: boolean;
  offset?: number;
  zoneName?: string;
}

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** getnum: one or two digits, exactly two when `fixed`. */
function getNum(value: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(value, 0)) return undefined;
  if (!isDigitAt(value, 1)) return fixed ? undefined : [Number(value[0]), value.slice(1)];
  return [Number(value.slice(0, 2)), value.slice(2)];
}

function getNum3(value: string, fixed: boolean): [number, string] | undefined {
  let i = 0;
  while (i < 3 && isDigitAt(value, i)) i++;
  if (i === 0 || (fixed && i !== 3)) return undefined;
  return [Number(value.slice(0, i)), value.slice(i)];
}

function lookupName(value: string, names: readonly string[], short: boolean): [number, string] | undefined {
  for (let i = 0; i < names.length; i++) {
    const name = short ? names[i].slice(0, 3) : names[i];
    if (value.length >= name.length && value.slice(0, name.length).toLowerCase() === name.toLowerCase()) {
      return [i, value.slice(name.length)];
    }
  }
  return undefined;
}

/** Go's skip(): literal layout text must match, runs of spaces match runs of spaces. */
function skip(value: string, prefix: string): string | undefined {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === ' ') {
      if (v.length > 0 && v[0] !== ' ') return undefined;
      p = p.replace(/^ +/, '');
      v = v.replace(/^ +/, '');
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) return undefined;
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

/** parseTimeZone: a zone abbreviation such as "MST", "CEST", "ChST" or "GMT+3". */
function parseZoneName(value: string): number {
  if (value.length < 3) return 0;
  if (value.length >= 4 && (value.startsWith('ChST') || value.startsWith('MeST'))) return 4;
  if (value.startsWith('GMT')) {
    let n = 3;
    if (value[3] === '+' || value[3] === '-') {
      let j = 4;
      while (isDigitAt(value, j)) j++;
      if (j > 4) n = j;
    }
    return n;
  }
  if (value[0] === '+' || value[0] === '-') {
    let j = 1;
    while (isDigitAt(value, j)) j++;
    return j === 3 || j === 5 ? j : 0;
  }
  let n = 0;
  while (n < value.length && value[n] >= 'A' && value[n] <= 'Z') n++;
  if (n === 3) return 3;
  if (n === 4) return value[3] === 'T' ? 4 : 0;
  if (n === 5) return value[4] === 'T' ? 5 : 0;
  return 0;
}

function parseOffset(chunk: LayoutChunk, value: string): [number, string] | undefined {
  const sign = value[0];
  if (sign !== '+' && sign !== '-') return undefined;
  const { kind } = chunk;
  let hh: string;
  let mm = '00';
  let ss = '00';
  let rest: string;
  if (kind === 'tzHour') {
    if (value.length < 3) return undefined;
    hh = value.slice(1, 3);
    rest = value.slice(3);
  } else if (kind === 'tzColon' || kind === 'tzColonSeconds') {
    if (value.length < 6 || value[3] !== ':') return undefined;
    hh = value.slice(1, 3);
    mm = value.slice(4, 6);
    rest = value.slice(6);
    if (kind === 'tzColonSeconds') {
      if (value.length < 9 || value[6] !== ':') return undefined;
      ss = value.slice(7, 9);
      rest = value.slice(9);
    }
  } else {
    if (value.length < 5) return undefined;
    hh = value.slice(1, 3);
    mm = value.slice(3, 5);
    rest = value.slice(5);
    if (kind === 'tzSeconds') {
      if (value.length < 7) return undefined;
      ss = value.slice(5, 7);
      rest = value.slice(7);
    }
  }
  if (![hh, mm, ss].every((part) => /^\d\d$/.test(part))) return undefined;
  const h = Number(hh);
  const m = Number(mm);
  const s = Number(ss);
  if (h > 24 || m > 60 || s > 60) return undefined;
  const offset = (h * 3600 + m * 60 + s) * (sign === '-' ? -1 : 1);
  return [offset, rest];
}

function fractionNanos(digits: string): number {
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

/** time.Parse(layout, value) with UTC as the default location (unknown zone names get a zero offset, as in Go). */
export function parseGoTime(layout: string, value: string): ParseResult {
  const bad = (what: string): ParseResult => ({ ok: false, message: `parsing time "${value}" as "${layout}": cannot parse "${what}"` });
  const f: Fields = { year: 0, month: -1, day: -1, yday: -1, hour: 0, minute: 0, second: 0, nanos: 0, utc: false };
  let rest = layout;
  let v = value;
  for (;;) {
    const { prefix, chunk, suffix } = nextLayoutChunk(rest);
    const afterPrefix = skip(v, prefix);
    if (afterPrefix === undefined) return bad(v);
    v = afterPrefix;
    if (!chunk) {
      if (v.length > 0) return { ok: false, message: `parsing time "${value}": extra text: "${v}"` };
      break;
    }
    rest = suffix;
    const hold = v;
    let got: [number, string] | undefined;
    switch (chunk.kind) {
      case 'year':
        if (v.length < 2) return bad(hold);
        if (!/^\d\d/.test(v)) return bad(hold);
        f.year = Number(v.slice(0, 2));
        f.year += f.year >= 69 ? 1900 : 2000;
        v = v.slice(2);
        break;
      case 'longYear':
        if (v.length < 4 || !/^\d{4}/.test(v)) return bad(hold);
        f.year = Number(v.slice(0, 4));
        v = v.slice(4);
        break;
      case 'month':
      case 'longMonth':
        got = lookupName(v, LONG_MONTHS, chunk.kind === 'month');
        if (!got) return bad(hold);
        f.month = got[0] + 1;
        v = got[1];
        break;
      case 'numMonth':
      case 'zeroMonth':
        got = getNum(v, chunk.kind === 'zeroMonth');
        if (!got || got[0] <= 0 || got[0] > 12) return bad(hold);
        [f.month, v] = got;
        break;
      case 'weekDay':
      case 'longWeekDay':
        got = lookupName(v, LONG_DAYS, chunk.kind === 'weekDay');
        if (!got) return bad(hold);
        v = got[1];
        break;
      case 'day':
      case 'underDay':
      case 'zeroDay':
        if (chunk.kind === 'underDay' && v.startsWith(' ')) v = v.slice(1);
        got = getNum(v, chunk.kind === 'zeroDay');
        if (!got) return bad(hold);
        [f.day, v] = got;
        break;
      case 'underYearDay':
      case 'zeroYearDay':
        if (chunk.kind === 'underYearDay') v = v.replace(/^ {1,2}/, '');
        got = getNum3(v, chunk.kind === 'zeroYearDay');
        if (!got || got[0] < 1 || got[0] > 366) return bad(hold);
        [f.yday, v] = got;
        break;
      case 'hour':
        got = getNum(v, false);
        if (!got || got[0] > 23) return bad(hold);
        [f.hour, v] = got;
        break;
      case 'hour12':
      case 'zeroHour12':
        got = getNum(v, chunk.kind === 'zeroHour12');
        if (!got || got[0] > 12) return bad(hold);
        [f.hour, v] = got;
        break;
      case 'minute':
      case 'zeroMinute':
        got = getNum(v, chunk.kind === 'zeroMinute');
        if (!got || got[0] > 59) return bad(hold);
        [f.minute, v] = got;
        break;
      case 'second':
      case 'zeroSecond': {
        got = getNum(v, chunk.kind === 'zeroSecond');
        if (!got || got[0] > 59) return bad(hold);
        [f.second, v] = got;
        // Go accepts a fractional second after the seconds even when the layout has none.
        const next = nextLayoutChunk(rest).chunk;
        if (/^[.,]\d/.test(v) && next?.kind !== 'fraction') {
          let j = 1;
          while (isDigitAt(v, j)) j++;
          f.nanos = fractionNanos(v.slice(1, j));
          v = v.slice(j);
        }
        break;
      }
      case 'pm':
      case 'PM': {
        const text = v.slice(0, 2);
        const expect = chunk.kind === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
        if (text === expect[1]) f.pm = true;
        else if (text === expect[0]) f.am = true;
        else return bad(hold);
        v = v.slice(2);
        break;
      }
      case 'tzISO':
      case 'tzISOColon':
      case 'tzISOHour':
      case 'tzISOSeconds':
      case 'tzISOColonSeconds':
      case 'tz':
      case 'tzColon':
      case 'tzHour':
      case 'tzSeconds':
      case 'tzColonSeconds': {
        if (chunk.kind.startsWith('tzISO') && v.startsWith('Z')) {
          v = v.slice(1);
          f.utc = true;
          break;
        }
        const off = parseOffset({ kind: isoToNumeric(chunk.kind), digits: 0 }, v);
        if (!off) return bad(hold);
        [f.offset, v] = off;
        break;
      }
      case 'zoneName': {
        if (v.startsWith('UTC')) {
          f.utc = true;
          v = v.slice(3);
          break;
        }
        const n = parseZoneName(v);
        if (n === 0) return bad(hold);
        f.zoneName = v.slice(0, n);
        v = v.slice(n);
        break;
      }
      case 'fraction': {
        if (chunk.digits > 0) {
          if (v.length < chunk.digits + 1 || !/^[.,]/.test(v)) return bad(hold);
          const digits = v.slice(1, chunk.digits + 1);
          if (!/^\d+$/.test(digits)) return bad(hold);
          f.nanos = fractionNanos(digits);
          v = v.slice(chunk.digits + 1);
        } else if (/^[.,]\d/.test(v)) {
          let j = 1;
          while (isDigitAt(v, j)) j++;
          f.nanos = fractionNanos(v.slice(1, j));
          v = v.slice(j);
        }
        break;
      }
    }
  }
  if (f.pm && f.hour < 12) f.hour += 12;
  else if (f.am && f.hour === 12) f.hour = 0;
  if (f.yday >= 0) {
    const start = daysFromCivil(f.year, 1, 1);
    const date = civilFromSeconds((start + f.yday - 1) * 86400);
    if (date.year !== f.year || (f.month >= 0 && date.month !== f.month) || (f.day >= 0 && date.day !== f.day)) {
      return { ok: false, message: `parsing time "${value}": day-of-year does not match month or day` };
    }
    f.month = date.month;
    f.day = date.day;
  }
  if (f.month < 0) f.month = 1;
  if (f.day < 0) f.day = 1;
  const maxDay = new Map([[2, f.year % 4 === 0 && (f.year % 100 !== 0 || f.year % 400 === 0) ? 29 : 28], [4, 30], [6, 30], [9, 30], [11, 30]]).get(f.month) ?? 31;
  if (f.day < 1 || f.day > maxDay) return { ok: false, message: `parsing time "${value}": day out of range` };
  const local = daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
  const offset = f.utc ? 0 : (f.offset ?? 0);
  return { ok: true, time: { seconds: local - offset, nanos: f.nanos, offset } };
}

function isoToNumeric(kind: LayoutChunk['kind']): LayoutChunk['kind'] {
  switch (kind) {
    case 'tzISO':
      return 'tz';
    case 'tzISOColon':
      return 'tzColon';
    case 'tzISOHour':
      return 'tzHour';
    case 'tzISOSeconds':
      return 'tzSeconds';
    case 'tzISOColonSeconds':
      return 'tzColonSeconds';
    default:
      return kind;
  }
}
