/**
 * Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity), exact.
 * The value is `mantissa * 10^-scale`; binary suffixes multiply the mantissa by a power of two, so every
 * parseable quantity is represented without rounding and comparisons never suffer float error (`0.1` vs `100m`).
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** Value in base units is mantissa * 10^-scale (scale >= 0). */
  readonly mantissa: bigint;
  readonly scale: number;
  /** Suffix family the quantity was written with (kept for formatting results of arithmetic). */
  readonly format: QuantityFormat;
}

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

// Sign, digits with at most one dot (at least one digit overall), then a suffix.
const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;

/** Parses a quantity string; undefined when it is not a valid Kubernetes quantity. */
export function parseQuantity(input: string): Quantity | undefined {
  const m = SHAPE.exec(input);
  if (m === null) return undefined;
  const [, sign, intPart, fracPart = '', suffix] = m;
  if (intPart.length === 0 && fracPart.length === 0) return undefined;
  let mantissa = BigInt((intPart || '0') + fracPart);
  if (sign === '-') mantissa = -mantissa;
  let exp10 = -fracPart.length;
  let format: QuantityFormat;
  const bin = BINARY[suffix];
  if (bin !== undefined) {
    mantissa *= 1n << BigInt(bin);
    format = 'BinarySI';
  } else if (Object.hasOwn(DECIMAL, suffix)) {
    exp10 += DECIMAL[suffix];
    format = 'DecimalSI';
  } else {
    const e = /^[eE]([+-]?\d+)$/.exec(suffix);
    if (e === null) return undefined;
    exp10 += Number(e[1]);
    format = 'DecimalExponent';
  }
  // Kubernetes rejects absurd exponents; keep ours bounded too so bigint powers stay small.
  if (Math.abs(exp10) > 1000) return undefined;
  return normalize(mantissa, exp10, format);
}

function normalize(mantissa: bigint, exp10: number, format: QuantityFormat): Quantity {
  if (exp10 > 0) return { mantissa: mantissa * 10n ** BigInt(exp10), scale: 0, format };
  let scale = -exp10;
  // Drop trailing zeros so equal values have the same representation.
  while (scale > 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    scale -= 1;
  }
  return { mantissa, scale, format };
}

function aligned(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.mantissa * 10n ** BigInt(scale - a.scale), b.mantissa * 10n ** BigInt(scale - b.scale), scale];
}

export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const [x, y, scale] = aligned(a, b);
  return normalize(x + y, -scale, a.format);
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  const [x, y, scale] = aligned(a, b);
  return normalize(x - y, -scale, a.format);
}

/** Multiplies by a (possibly fractional) decimal number given as a quantity-like value. */
export function multiplyQuantities(a: Quantity, b: Quantity): Quantity {
  return normalize(a.mantissa * b.mantissa, -(a.scale + b.scale), a.format);
}

/** Nearest float value in base units (for callers that need a plain number). */
export function quantityToNumber(q: Quantity): number {
  return Number(q.mantissa) / 10 ** q.scale;
}

/** Exact decimal rendering in base units, e.g. `0.5`, `1073741824`, `-3`. */
export function quantityToDecimalString(q: Quantity): string {
  const neg = q.mantissa < 0n;
  const digits = (neg ? -q.mantissa : q.mantissa).toString();
  if (q.scale === 0) return (neg ? '-' : '') + digits;
  const padded = digits.padStart(q.scale + 1, '0');
  const int = padded.slice(0, padded.length - q.scale);
  const frac = padded.slice(padded.length - q.scale);
  return `${neg ? '-' : ''}${int}.${frac}`;
}
