/** Exact decimals (value = unscaled × 10^-scale): the subset of Go's inf.Dec that quantities need. */
export interface Decimal {
  unscaled: bigint;
  /** Digits after the decimal point; negative for trailing zeros folded into the exponent. */
  scale: number;
}

export const pow10 = (n: number): bigint => 10n ** BigInt(n);

export function rescale(d: Decimal, scale: number): bigint {
  return scale >= d.scale ? d.unscaled * pow10(scale - d.scale) : d.unscaled / pow10(d.scale - scale);
}

export function decAdd(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { unscaled: rescale(a, scale) + rescale(b, scale), scale };
}

export function decNeg(a: Decimal): Decimal {
  return { unscaled: -a.unscaled, scale: a.scale };
}

export function decMul(a: Decimal, b: Decimal): Decimal {
  return { unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale };
}

export function decCmp(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** inf.Dec QuoRound(x, y, scale, RoundDown): the quotient truncated toward zero at `scale`. */
export function decQuoDown(x: Decimal, y: Decimal, scale: number): Decimal {
  const exp = y.scale - x.scale + scale;
  const unscaled = exp >= 0 ? (x.unscaled * pow10(exp)) / y.unscaled : x.unscaled / (y.unscaled * pow10(-exp));
  return { unscaled, scale };
}

/** Quantizes to `scale`, rounding away from zero (inf.RoundUp). */
export function decRoundUp(d: Decimal, scale: number): Decimal {
  if (d.scale <= scale) return { unscaled: d.unscaled * pow10(scale - d.scale), scale };
  const divisor = pow10(d.scale - scale);
  const negative = d.unscaled < 0n;
  const abs = negative ? -d.unscaled : d.unscaled;
  let q = abs / divisor;
  if (abs % divisor !== 0n) q += 1n;
  return { unscaled: negative ? -q : q, scale };
}

export function isIntegral(d: Decimal): boolean {
  return d.scale <= 0 || d.unscaled % pow10(d.scale) === 0n;
}

