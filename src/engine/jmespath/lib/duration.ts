/** Go's time.Duration: nanoseconds as a bigint, parsed and printed exactly as time.ParseDuration/Duration.String. */

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
  ['\u00b5s', MICROSECOND],
  ['\u03bcs', MICROSECOND],
  ['ms', MILLISECOND],
  ['s', SECOND],
  ['m', MINUTE],
  ['h', HOUR],
]);

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Parses `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` (or a bare "0"); undefined when Go would return an error. */
export function parseGoDuration(text: string): bigint | undefined {
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

function fraction(v: bigint, precision: number): { text: string; rest: bigint } {
  let text = '';
  let printed = false;
  let rest = v;
  for (let i = 0; i < precision; i++) {
    const digit = rest % 10n;
    printed = printed || digit !== 0n;
    if (printed) text = String(digit) + text;
    rest /= 10n;
  }
  return { text: printed ? `.${text}` : '', rest };
}

/** Duration.String(): "1h2m3.5s", "1.5ms", "0s", "-24h0m0s". */
export function formatGoDuration(d: bigint): string {
  const negative = d < 0n;
  let u = negative ? -d : d;
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return '0s';
    let unit: string;
    let precision: number;
    if (u < MICROSECOND) {
      unit = 'ns';
      precision = 0;
    } else if (u < MILLISECOND) {
      unit = '\u00b5s';
      precision = 3;
    } else {
      unit = 'ms';
      precision = 6;
    }
    const { text, rest } = fraction(u, precision);
    out = `${rest}${text}${unit}`;
  } else {
    const { text, rest } = fraction(u, 9);
    u = rest;
    out = `${u % 60n}${text}s`;
    u /= 60n;
    if (u > 0n) {
      out = `${u % 60n}m${out}`;
      u /= 60n;
      if (u > 0n) out = `${u}h${out}`;
    }
  }
  return negative ? `-${out}` : out;
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
