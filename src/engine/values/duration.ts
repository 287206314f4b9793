/**
 * Go `time.Duration` parsing and formatting. Durations are NANOSECONDS as a JS number: exact up to
 * 2^53 ns (about 104 days), which covers every comparison policies make; parsing itself is done in
 * bigint so fractions are truncated exactly as Go does.
 */

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const INT64_MAX = (1n << 63n) - 1n;

/** Parses Go duration syntax (`1h30m`, `300ms`, `1.5h`, `-2m`, `0`) into nanoseconds; undefined if invalid. */
export function parseDuration(input: string): number | undefined {
  const ns = parseDurationBig(input);
  return ns === undefined ? undefined : Number(ns);
}

/** Same as parseDuration but exact, as a bigint of nanoseconds. */
export function parseDurationBig(input: string): bigint | undefined {
  let s = input;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?([^\d.]+)/;
  while (s !== '') {
    const m = part.exec(s);
    if (m === null) return undefined;
    const [whole, intDigits, fracDigits = '', unitName] = m;
    // Go requires at least one digit on either side of the dot.
    if (intDigits === '' && fracDigits === '') return undefined;
    const unit = UNITS[unitName];
    if (unit === undefined) return undefined;
    let v = BigInt(intDigits || '0') * unit;
    if (fracDigits !== '') {
      v += (BigInt(fracDigits) * unit) / 10n ** BigInt(fracDigits.length);
    }
    total += v;
    if (total > INT64_MAX + (neg ? 1n : 0n)) return undefined;
    s = s.slice(whole.length);
  }
  return neg ? -total : total;
}

/** Formats nanoseconds like Go's Duration.String(): `1h30m0s`, `1.5s`, `300ms`, `0s`. */
export function formatDuration(ns: number | bigint): string {
  let v = typeof ns === 'bigint' ? ns : BigInt(Math.trunc(ns));
  if (v === 0n) return '0s';
  const neg = v < 0n;
  if (neg) v = -v;
  let out: string;
  if (v < 1_000_000_000n) {
    if (v < 1_000n) out = `${v}ns`;
    else if (v < 1_000_000n) out = `${fraction(v, 3)}µs`;
    else out = `${fraction(v, 6)}ms`;
  } else {
    const hours = v / UNITS.h;
    const minutes = (v % UNITS.h) / UNITS.m;
    const secondsNs = v % UNITS.m;
    out = `${fraction(secondsNs, 9)}s`;
    if (hours > 0n || minutes > 0n) out = `${minutes}m${out}`;
    if (hours > 0n) out = `${hours}h${out}`;
  }
  return neg ? `-${out}` : out;
}

/** `value / 10^digits` written with its trailing fractional zeros removed. */
function fraction(value: bigint, digits: number): string {
  const div = 10n ** BigInt(digits);
  const int = value / div;
  const frac = (value % div).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac === '' ? int.toString() : `${int}.${frac}`;
}
