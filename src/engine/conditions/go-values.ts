/**
 * Go value behaviour the operators depend on. Kyverno decodes condition keys and values from JSON, so
 * every number is a float64; these helpers reproduce how Go prints, parses and compares such values.
 */
import { isRecord } from '../../api/json.js';

/** `fmt.Sprint` of a JSON-decoded value: floats use `%g` with Go's shortest form (`1e+06`, not `1000000`). */
export function goSprint(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goFormatFloat(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`;
  if (isRecord(value)) {
    // Go prints maps with sorted keys.
    const keys = Object.keys(value).sort();
    return `map[${keys.map((k) => `${k}:${goSprint(value[k])}`).join(' ')}]`;
  }
  return String(value);
}

/** strconv.FormatFloat(f, 'g', -1, 64): exponent form when the decimal exponent is < -4 or >= 21 in JS but >= 6 in Go. */
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

const GO_DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GO_HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;
const GO_SPECIAL_FLOAT = /^([+-]?)(inf|infinity|nan)$/i;

/** Go float literals allow `_` only between digits (or right after a base prefix). */
function underscoresOk(s: string): boolean {
  const unsigned = s.replace(/^[+-]/, '');
  const hex = /^0[xX]/.test(unsigned);
  const body = hex ? `0${unsigned.slice(2)}` : unsigned;
  const misplaced = hex ? /(^|[^0-9a-fA-F])_|_($|[^0-9a-fA-F])/ : /(^|\D)_|_($|\D)/;
  return !misplaced.test(body);
}

/**
 * strconv.ParseFloat(s, 64): Go literal syntax (decimal, hex with a `p` exponent, `_` separators,
 * inf/nan), no surrounding spaces, no empty string; undefined where Go reports an error.
 */
export function goParseFloat(input: string): number | undefined {
  let s = input;
  if (s.includes('_')) {
    if (!underscoresOk(s)) return undefined;
    s = s.replaceAll('_', '');
  }
  if (GO_DECIMAL_FLOAT.test(s)) {
    const n = Number(s);
    // Go reports out-of-range values as an error (with ±Inf as the value).
    return Number.isFinite(n) ? n : undefined;
  }
  const hex = GO_HEX_FLOAT.exec(s);
  if (hex !== null) {
    const [, sign, int, frac = '', exp] = hex;
    if (int === '' && frac === '') return undefined;
    const n = parseInt(int + frac || '0', 16) * 2 ** (Number(exp) - 4 * frac.length);
    if (!Number.isFinite(n)) return undefined;
    return sign === '-' ? -n : n;
  }
  const special = GO_SPECIAL_FLOAT.exec(s);
  if (special !== null) {
    if (special[2].toLowerCase() === 'nan') return special[1] === '' ? NaN : undefined;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  return undefined;
}

/** reflect.DeepEqual over JSON-decoded values (maps by key set, arrays in order, numbers as float64). */
export function deepEqualJson(a: unknown, b: unknown): boolean {
  if (a === b) return !(typeof a === 'number' && Number.isNaN(a));
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqualJson(item, b[i]));
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && deepEqualJson(a[k], b[k]));
  }
  return false;
}

/** JSON `null`/absent become Go nil: condition keys and values that were never set behave the same. */
export function isNil(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}
