/** Go's strings package semantics where they differ from JavaScript's built-ins. */

/** strings.Replace: `n < 0` replaces all; an empty `old` inserts around every character. */
export function goReplace(s: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return s;
  const limit = n < 0 ? Infinity : n;
  if (old === '') {
    const chars = [...s];
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (done < limit) {
        out += replacement;
        done++;
      }
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  let out = '';
  let start = 0;
  let done = 0;
  while (done < limit) {
    const at = s.indexOf(old, start);
    if (at < 0) break;
    out += s.slice(start, at) + replacement;
    start = at + old.length;
    done++;
  }
  return out + s.slice(start);
}

/** strings.Trim: drops leading and trailing characters that appear in `cutset`. */
export function goTrim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set(cutset);
  const chars = [...s];
  let start = 0;
  let end = chars.length;
  while (start < end && set.has(chars[start])) start++;
  while (end > start && set.has(chars[end - 1])) end--;
  return chars.slice(start, end).join('');
}

/** strings.Split: an empty separator splits into characters. */
export function goSplit(s: string, sep: string): string[] {
  return sep === '' ? [...s] : s.split(sep);
}

/** unicode simple case mapping: characters whose mapping is not a single character stay as they are. */
function mapChars(s: string, map: (c: string) => string): string {
  let out = '';
  for (const c of s) {
    const m = map(c);
    out += [...m].length === 1 ? m : c;
  }
  return out;
}

export const goToUpper = (s: string): string => mapChars(s, (c) => c.toUpperCase());
export const goToLower = (s: string): string => mapChars(s, (c) => c.toLowerCase());

/** strings.EqualFold under simple case folding. */
export function goEqualFold(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length !== y.length) return false;
  return x.every((c, i) => c === y[i] || goToLower(c) === goToLower(y[i]) || goToUpper(c) === goToUpper(y[i]));
}

/** strings.Compare (byte order of UTF-8 equals code point order). */
export function goCompare(a: string, b: string): number {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}
