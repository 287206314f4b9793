/**
 * How Go (and so Kyverno) turns JSON numbers into strings and back. Resource numbers arrive in Kyverno as
 * int64 when integral and float64 otherwise, and the two print differently, so we mirror that split.
 */

/** Go `strconv.ParseFloat(s, 64)` for decimal input and inf/nan; undefined when Go would error. */
export function goParseFloat(s: string): number | undefined {
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return Number(s);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special === null) return undefined;
  if (special[2].toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

/** Go `fmt.Sprintf("%f", v)` for floats, decimal for integers (what Kyverno feeds to duration/quantity parsing). */
export function numberForParsing(v: number): string {
  if (Number.isInteger(v)) return integerString(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  return v.toFixed(6);
}

/** Go `strconv.FormatFloat(v, 'E', -1, 64)` for floats, decimal for integers (what wildcard matching sees). */
export function numberForMatching(v: number): string {
  if (Number.isInteger(v)) return integerString(v);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
  const [mant, exp] = v.toExponential().split('e');
  const e = Number(exp);
  const digits = Math.abs(e).toString().padStart(2, '0');
  return `${mant}E${e < 0 ? '-' : '+'}${digits}`;
}

function integerString(v: number): string {
  // Avoid JS exponent notation for large integers.
  return Number.isSafeInteger(v) ? v.toString() : BigInt(v).toString();
}
