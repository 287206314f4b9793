/**
 * Kyverno's time functions: RFC 3339 in and out, Go reference layouts for time_parse/time_since, Go duration
 * strings. "Now" is the EngineEnv clock of the evaluation; time_now reports it in UTC (the zone Kyverno runs in).
 */
import { activeEnv } from '../env-context.js';
import { formatDuration, parseDurationBig } from '../../values/index.js';
import { FunctionError } from '../lib/errors.js';
import {
  civilOf,
  compareTimes,
  formatRFC3339,
  fromNanos,
  type GoTime,
  parseGoTime,
  RFC3339,
  timeFromMillis,
  toNanos,
} from '../lib/go-time.js';
import { arg, type KyvernoFunction, str, T } from './define.js';

/** Nanoseconds from Go's zero time (January 1, year 1 UTC) to the Unix epoch: Truncate counts from there. */
const ZERO_TIME_TO_UNIX = 62_135_596_800n * 1_000_000_000n;

function parseWith(fn: string, layout: string, value: string): GoTime {
  const result = parseGoTime(layout, value);
  if (!result.ok) throw new FunctionError(fn, result.message);
  return result.time;
}

const timeArg = (fn: string, args: Parameters<KyvernoFunction['handler']>[0], i: number): GoTime =>
  parseWith(fn, RFC3339, str(fn, args, i));

function durationArg(fn: string, args: Parameters<KyvernoFunction['handler']>[0], i: number): bigint {
  const text = str(fn, args, i);
  const d = parseDurationBig(text);
  if (d === undefined) throw new FunctionError(fn, `time: invalid duration "${text}"`);
  return d;
}

const now = (fn: string): GoTime => timeFromMillis(activeEnv(fn).now());

const s1 = [arg(T.string)];
const s2 = [arg(T.string), arg(T.string)];
const s3 = [arg(T.string), arg(T.string), arg(T.string)];

export const timeFunctions: KyvernoFunction[] = [
  {
    name: 'time_since',
    signature: s3,
    handler: (a) => {
      const layout = str('time_since', a, 0) || RFC3339;
      const start = parseWith('time_since', layout, str('time_since', a, 1));
      const endText = str('time_since', a, 2);
      const end = endText === '' ? now('time_since') : parseWith('time_since', layout, endText);
      return formatDuration(toNanos(end) - toNanos(start));
    },
  },
  { name: 'time_now', signature: [], handler: () => formatRFC3339(now('time_now')) },
  { name: 'time_now_utc', signature: [], handler: () => formatRFC3339(now('time_now_utc')) },
  {
    name: 'time_to_cron',
    signature: s1,
    handler: (a) => {
      const c = civilOf(timeArg('time_to_cron', a, 0));
      return `${c.minute} ${c.hour} ${c.day} ${c.month} ${c.weekday}`;
    },
  },
  {
    name: 'time_add',
    signature: s2,
    handler: (a) => {
      const t = timeArg('time_add', a, 0);
      const d = durationArg('time_add', a, 1);
      return formatRFC3339(fromNanos(toNanos(t) + d, t.offset));
    },
  },
  {
    name: 'time_parse',
    signature: s2,
    handler: (a) => {
      const layout = str('time_parse', a, 0);
      const value = str('time_parse', a, 1);
      if (/^[+-]?\d+$/.test(layout)) {
        // A numeric layout means "epoch seconds".
        if (!/^[+-]?\d+$/.test(value)) throw new FunctionError('time_parse', `strconv.ParseInt: parsing "${value}": invalid syntax`);
        return formatRFC3339({ seconds: Number(value), nanos: 0, offset: 0 });
      }
      return formatRFC3339(parseWith('time_parse', layout, value));
    },
  },
  {
    name: 'time_utc',
    signature: s1,
    handler: (a) => formatRFC3339({ ...timeArg('time_utc', a, 0), offset: 0 }),
  },
  {
    name: 'time_diff',
    signature: s2,
    handler: (a) => formatDuration(toNanos(timeArg('time_diff', a, 1)) - toNanos(timeArg('time_diff', a, 0))),
  },
  {
    name: 'time_before',
    signature: s2,
    handler: (a) => compareTimes(timeArg('time_before', a, 0), timeArg('time_before', a, 1)) < 0,
  },
  {
    name: 'time_after',
    signature: s2,
    handler: (a) => compareTimes(timeArg('time_after', a, 0), timeArg('time_after', a, 1)) > 0,
  },
  {
    name: 'time_between',
    signature: s3,
    handler: (a) => {
      const t = timeArg('time_between', a, 0);
      return compareTimes(t, timeArg('time_between', a, 1)) > 0 && compareTimes(t, timeArg('time_between', a, 2)) < 0;
    },
  },
  {
    name: 'time_truncate',
    signature: s2,
    handler: (a) => {
      const t = timeArg('time_truncate', a, 0);
      const d = durationArg('time_truncate', a, 1);
      if (d <= 0n) return formatRFC3339(t);
      const sinceZero = toNanos(t) + ZERO_TIME_TO_UNIX;
      let rem = sinceZero % d;
      if (rem < 0n) rem += d;
      return formatRFC3339(fromNanos(toNanos(t) - rem, t.offset));
    },
  },
];
