/**
 * Kyverno's wildcard matching: `*` matches any run of characters (also empty), `?` exactly one;
 * everything else is literal. Works on code points so `?` matches one non-BMP character.
 */

export function containsWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

export function wildcardMatch(pattern: string, value: string): boolean {
  // A pattern always matches its own text (`*` and `?` match themselves too): the common exact case costs one compare.
  if (pattern === value || pattern === '*') return true;
  if (!containsWildcard(pattern)) return false;
  const p = Array.from(pattern);
  const v = Array.from(value);
  // Greedy two-pointer match with backtracking to the last star: linear in practice, no regex escaping.
  let pi = 0;
  let vi = 0;
  let star = -1;
  let mark = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === v[vi]))) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
