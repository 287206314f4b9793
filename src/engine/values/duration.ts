/**
 * Go's time.Duration: nanoseconds, parsed and printed exactly as time.ParseDuration and Duration.String do.
 * The bigint forms are exact; the number form is exact up to 2^53 ns (about 104 days), which covers
 * every comparison policies make.
 */

export const NANOSECOND = 1n;
export const MICROSECOND = 1000n;
export const MILLISECOND = 1_000_000n;
export const SECOND = 1_000_000_000n;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;

const MAX_DURATION = (1n << 63n) - 1n;

const UNITS = new Map<string, bigint>([
  ['ns', NANOSECOND],
  ['us', MICROSECOND],
  ['\u00b5s', MICROSECOND], // micro sign
  ['\u03bcs', MICROSECOND], // greek mu
  ['ms', MILLISECOND],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Parses `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` (or a bare "0") into nanoseconds; undefined where Go returns an error. */
export function parseDurationBig(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || isDigit(s[0]))) return undefined;
    let i = 0;
    while (isDigit(s[i])) i++;
    const intDigits = s.slice(0, i);
    s = s.slice(i);
    let fracDigits = '';
    if (s.startsWith('.')) {
      s = s.slice(1);
      let j = 0;
      while (isDigit(s[j])) j++;
      fracDigits = s.slice(0, j);
      s = s.slice(j);
    }
    // Go requires at least one digit on either side of the dot.
    if (intDigits === '' && fracDigits === '') return undefined;
    let u = 0;
    while (u < s.length && s[u] !== '.' && !isDigit(s[u])) u++;
    if (u === 0) return undefined;
    const unit = UNITS.get(s.slice(0, u));
    if (unit === undefined) return undefined;
    s = s.slice(u);
    let value = BigInt(intDigits === '' ? '0' : intDigits) * unit;
    if (fracDigits !== '') {
      // Go scales the fraction through float64, which stays nanosecond-accurate up to hours.
      const digits = fracDigits.slice(0, 18);
      value += BigInt(Math.trunc(Number(digits) * (Number(unit) / 10 ** digits.length)));
    }
    total += value;
    if (total > MAX_DURATION + (negative ? 1n : 0n)) return undefined;
  }
  return negative ? -total : total;
}

/** Same as parseDurationBig, as a number of nanoseconds. */
export function parseDuration(text: string): number | undefined {
  const ns = parseDurationBig(text);
  return ns === undefined ? undefined : Number(ns);
}

/** Duration.String(): "1h2m3.5s", "1.5ms", "0s", "-24h0m0s". */
export function formatDuration(ns: number | bigint): string {
  let v = typeof ns === 'bigint' ? ns : BigInt(Math.trunc(ns));
  if (v === 0n) return '0s';
  const negative = v < 0n;
  if (negative) v = -v;
  let out: string;
  if (v < SECOND) {
    if (v < MICROSECOND) out = `${v}ns`;
    else if (v < MILLISECOND) out = `${fraction(v, 3)}\u00b5s`;
    else out = `${fraction(v, 6)}ms`;
  } else {
    const hours = v / HOUR;
    const minutes = (v % HOUR) / MINUTE;
    out = `${fraction(v % MINUTE, 9)}s`;
    if (hours > 0n || minutes > 0n) out = `${minutes}m${out}`;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return negative ? `-${out}` : out;
}

/** `value / 10^digits` written with its trailing fractional zeros removed. */
function fraction(value: bigint, digits: number): string {
  const div = 10n ** BigInt(digits);
  const int = value / div;
  const frac = (value % div).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac === '' ? int.toString() : `${int}.${frac}`;
}

/** Duration.Seconds(): whole seconds plus the nanosecond remainder, computed as Go does. */
export function durationSeconds(d: bigint): number {
  const sec = d / SECOND;
  const nsec = d % SECOND;
  return Number(sec) + Number(nsec) / 1e9;
}

/** time.Duration(x) for a float64 x: truncates toward zero like Go's conversion. */
export function durationFromFloat(nanos: number): bigint {
  if (!Number.isFinite(nanos)) return nanos > 0 ? MAX_DURATION : -MAX_DURATION - 1n;
  return BigInt(Math.trunc(nanos));
}
