/**
 * Kubernetes resource quantities ("500m", "1.5Gi", "1e3") with k8s.io/apimachinery's parsing, comparison,
 * arithmetic and canonical printing. Values are exact decimals, so `0.1` equals `100m` without float error;
 * like apimachinery, anything finer than a nano unit is rounded up when parsed.
 */
import { type Decimal, decAdd, decCmp, decMul, decNeg, decQuoDown, decRoundUp, isIntegral, pow10 } from './decimal.js';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  value: Decimal;
  /** Suffix family, which decides how results of arithmetic are printed. */
  format: QuantityFormat;
}

const DECIMAL_SUFFIXES = new Map<string, number>([
  ['n', -9], ['u', -6], ['m', -3], ['', 0], ['k', 3], ['M', 6], ['G', 9], ['T', 12], ['P', 15], ['E', 18],
]);
const BINARY_SUFFIXES = new Map<string, number>([['Ki', 10], ['Mi', 20], ['Gi', 30], ['Ti', 40], ['Pi', 50], ['Ei', 60]]);
const DECIMAL_BY_EXPONENT = new Map([...DECIMAL_SUFFIXES].map(([k, v]) => [v, k]));
const BINARY_BY_EXPONENT = new Map([...BINARY_SUFFIXES].map(([k, v]) => [v, k]));
const SUFFIX_CHARS = 'eEinumkKMGTP';
const NANO_SCALE = 9;
const INT64_MAX = (1n << 63n) - 1n;
// Bounds `1e999999999`, whose powers of ten would exhaust memory when compared.
const MAX_EXPONENT = 1000;

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

interface RawQuantity {
  positive: boolean;
  num: string;
  denom: string;
  suffix: string;
}

/** apimachinery's parseQuantityString: sign, digits, optional fraction, then the suffix. */
function splitQuantity(str: string): RawQuantity | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos = 1;
  }
  while (str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, num: '0', denom: '', suffix: '' };
  let i = pos;
  while (isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num === '') num = '0';
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    let j = pos;
    while (isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    pos = j;
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  if (pos < str.length) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: QuantityFormat } | undefined {
  const dec = DECIMAL_SUFFIXES.get(suffix);
  if (dec !== undefined) return { base: 10, exponent: dec, format: 'DecimalSI' };
  const bin = BINARY_SUFFIXES.get(suffix);
  if (bin !== undefined) return { base: 2, exponent: bin, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) return undefined;
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

/** resource.ParseQuantity; undefined where it returns an error. A missing number reads as 0 (`Ki`, `.`). */
export function parseQuantity(str: string): Quantity | undefined {
  if (str === '') return undefined;
  if (str === '0') return { value: { unscaled: 0n, scale: 0 }, format: 'DecimalSI' };
  const raw = splitQuantity(str);
  if (!raw) return undefined;
  const suffix = interpretSuffix(raw.suffix);
  if (!suffix) return undefined;
  const { num, denom, positive } = raw;
  let { format } = suffix;
  // Fast path (int64Amount): keeps the same scale Go keeps, which later divisions depend on.
  let precision = -1;
  let scale = 0;
  let mantissa = 1n;
  if (format !== 'BinarySI') {
    scale = suffix.exponent;
    precision = 18 - (num.length + denom.length);
  } else if (suffix.exponent >= 0 && denom === '') {
    mantissa = 1n << BigInt(suffix.exponent);
    precision = 15 - num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -NANO_SCALE) {
      const product = BigInt(num + denom) * mantissa;
      if (product <= INT64_MAX) {
        return { value: { unscaled: positive ? product : -product, scale: -scale }, format };
      }
    }
  }
  let amount: Decimal = { unscaled: BigInt(num + denom), scale: denom.length };
  if (suffix.base === 10) amount = { unscaled: amount.unscaled, scale: amount.scale - suffix.exponent };
  else amount = { unscaled: amount.unscaled << BigInt(suffix.exponent), scale: amount.scale };
  if (amount.unscaled !== 0n) amount = decRoundUp(amount, NANO_SCALE);
  if (format === 'BinarySI' && amount.unscaled > 0n && amount.unscaled < pow10(amount.scale)) format = 'DecimalSI';
  return { value: positive ? amount : decNeg(amount), format };
}

/** Quantity.Cmp. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const c = decCmp(a.value, b.value);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** Quantity.Add: the receiver's format wins unless the receiver is zero. */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  return { value: decAdd(a.value, b.value), format: a.value.unscaled === 0n ? b.format : a.format };
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { value: decAdd(a.value, decNeg(b.value)), format: a.value.unscaled === 0n ? b.format : a.format };
}

export function multiplyQuantity(q: Quantity, factor: Decimal): Quantity {
  return { value: decMul(q.value, factor), format: q.format };
}

/** The quotient truncated toward zero at the finer of the two scales (Kyverno's quantity ÷ number). */
export function divideQuantity(q: Quantity, divisor: Decimal): Quantity {
  const scale = Math.max(q.value.scale, divisor.scale);
  return { value: decQuoDown(q.value, divisor, scale), format: q.format };
}

/** AsApproximateFloat64: unscaled × 10^exponent in float64. */
export function quantityToFloat(q: Quantity): number {
  const base = Number(q.value.unscaled);
  return q.value.scale === 0 ? base : base * Math.pow(10, -q.value.scale);
}

/** Exact decimal rendering in base units without trailing zeros, e.g. `0.5`, `1073741824`, `-3`. */
export function quantityToDecimalString(q: Quantity): string {
  const { unscaled, scale } = q.value;
  if (scale <= 0) return (unscaled * pow10(-scale)).toString();
  const neg = unscaled < 0n;
  const padded = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const int = padded.slice(0, padded.length - scale);
  const frac = padded.slice(padded.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac === '' ? '' : `.${frac}`}`;
}

function removeFactors(value: bigint, base: bigint): { amount: bigint; times: number } {
  const negative = value < 0n;
  let amount = negative ? -value : value;
  let times = 0;
  while (amount >= base && amount % base === 0n) {
    amount /= base;
    times++;
  }
  return { amount: negative ? -amount : amount, times };
}

/** Quantity.String(): the canonical form ("1536Mi", "500m", "2k", "12301"). */
export function formatQuantity(q: Quantity): string {
  const { value } = q;
  if (value.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = decCmp(value, { unscaled: -1024n, scale: 0 }) > 0 && decCmp(value, { unscaled: 1024n, scale: 0 }) < 0;
    if (small || !isIntegral(value)) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    const integer = value.scale >= 0 ? value.unscaled / pow10(value.scale) : value.unscaled * pow10(-value.scale);
    const { amount, times } = removeFactors(integer, 1024n);
    const suffix = BINARY_BY_EXPONENT.get(times * 10);
    if (suffix !== undefined) return `${amount}${suffix}`;
    return `${integer}`;
  }
  const stripped = removeFactors(value.unscaled, 10n);
  let amount = stripped.amount;
  let exponent = -value.scale + stripped.times;
  while (exponent % 3 !== 0) {
    amount *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  return suffix !== undefined ? `${amount}${suffix}` : `${amount}e${exponent}`;
}
