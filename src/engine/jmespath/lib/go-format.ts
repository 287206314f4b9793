/** Go's number-to-text conversions that Kyverno's functions rely on. */

/** Expands JS exponent notation ("1.5e-7") into plain decimal digits, as Go's 'f' format prints. */
export function toPlainDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, intPart, fracPart = '', expText] = match;
  const exp = Number(expText);
  const digits = intPart + fracPart;
  const point = intPart.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/\.?0+$/, '');
  return sign + out;
}

/**
 * strconv.FormatFloat(n, 'f', -1, 32): Kyverno stringifies numeric regex arguments through float32,
 * so large integers lose precision exactly as they do there.
 */
export function formatFloat32(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  const f = Math.fround(n);
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return '0';
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = Number(f.toPrecision(precision));
    if (Math.fround(candidate) === f) return toPlainDecimal(String(candidate));
  }
  return toPlainDecimal(String(f));
}

/** Go's `%v` for a float64: shortest round-trip digits (used where Kyverno re-parses a number as a quantity). */
export function formatFloat64(n: number): string {
  return toPlainDecimal(String(n));
}
