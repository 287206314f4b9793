/** Field readers for Go's time.Parse: numbers, names, literal text, zone names and offsets. */
import type { LayoutChunk } from './go-layout.js';

export const LONG_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** getnum: one or two digits, exactly two when `fixed`. */
export function getNum(value: string, fixed: boolean): [number, string] | undefined {
  if (!isDigitAt(value, 0)) return undefined;
  if (!isDigitAt(value, 1)) return fixed ? undefined : [Number(value[0]), value.slice(1)];
  return [Number(value.slice(0, 2)), value.slice(2)];
}

export function getNum3(value: string, fixed: boolean): [number, string] | undefined {
  let i = 0;
  while (i < 3 && isDigitAt(value, i)) i++;
  if (i === 0 || (fixed && i !== 3)) return undefined;
  return [Number(value.slice(0, i)), value.slice(i)];
}

export function lookupName(value: string, names: readonly string[], short: boolean): [number, string] | undefined {
  for (let i = 0; i < names.length; i++) {
    const name = short ? names[i].slice(0, 3) : names[i];
    if (value.length >= name.length && value.slice(0, name.length).toLowerCase() === name.toLowerCase()) {
      return [i, value.slice(name.length)];
    }
  }
  return undefined;
}

/** Go's skip(): literal layout text must match, runs of spaces match runs of spaces. */
export function skip(value: string, prefix: string): string | undefined {
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
export function parseZoneName(value: string): number {
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

export function parseOffset(chunk: LayoutChunk, value: string): [number, string] | undefined {
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

export function fractionNanos(digits: string): number {
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

export function isoToNumeric(kind: LayoutChunk['kind']): LayoutChunk['kind'] {
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
