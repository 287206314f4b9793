/** time.Parse with Go reference layouts, UTC as the default location (see go-layout for the layout tokens). */
import { civilFromSeconds, daysFromCivil, daysIn } from './civil.js';
import { nextLayoutChunk } from './go-layout.js';
import type { GoTime } from './go-time.js';

import {
  fractionNanos,
  getNum,
  getNum3,
  isDigitAt,
  isoToNumeric,
  LONG_DAYS,
  LONG_MONTHS,
  lookupName,
  parseOffset,
  parseZoneName,
  skip,
} from './go-time-fields.js';

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
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) return { ok: false, message: `parsing time "${value}": day out of range` };
  const local = daysFromCivil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
  const offset = f.utc ? 0 : (f.offset ?? 0);
  return { ok: true, time: { seconds: local - offset, nanos: f.nanos, offset } };
}

