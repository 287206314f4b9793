/** strconv.ParseFloat, which Kyverno applies to strings compared with numbers. */

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
