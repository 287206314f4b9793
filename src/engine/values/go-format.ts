/**
 * How Go turns numbers into text, for the places where Kyverno's result depends on it. Kyverno decodes
 * integral resource numbers as int64 and the rest as float64, and the two print differently, so the
 * `formatNumber*` helpers mirror that split.
 */

/** strconv.FormatFloat(f, 'g', -1, 64), i.e. `%v`: exponent form when the decimal exponent is < -4 or >= 21 in JS but >= 6 in Go. */
export function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // toExponential() without digits gives the shortest round-trip digits, like Go's shortest formatting.
  const [mant, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? `0${abs}` : String(abs)}`;
  }
  // In this exponent range JS prints plain decimal digits exactly as Go does.
  return String(n);
}

function specialText(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

function integerString(v: number): string {
  // Avoid JS exponent notation for large integers.
  return Number.isSafeInteger(v) ? v.toString() : BigInt(v).toString();
}

/** `fmt.Sprintf("%f", v)` for floats, decimal for integers (what Kyverno feeds to duration/quantity parsing). */
export function formatNumberF(v: number): string {
  if (Number.isInteger(v)) return integerString(v);
  if (!Number.isFinite(v)) return specialText(v);
  return v.toFixed(6);
}

/** `strconv.FormatFloat(v, 'E', -1, 64)` for floats, decimal for integers (what wildcard matching sees). */
export function formatNumberE(v: number): string {
  if (Number.isInteger(v)) return integerString(v);
  if (!Number.isFinite(v)) return specialText(v);
  const [mant, exp] = v.toExponential().split('e');
  const e = Number(exp);
  const digits = Math.abs(e).toString().padStart(2, '0');
  return `${mant}E${e < 0 ? '-' : '+'}${digits}`;
}

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

/** Shortest round-trip digits of a float64 in plain decimal (where Kyverno re-parses a number as a quantity). */
export function formatFloat64(n: number): string {
  return toPlainDecimal(String(n));
}
