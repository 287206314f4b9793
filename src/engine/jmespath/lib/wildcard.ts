/** Kyverno's wildcard match: `*` is any run of characters (also empty), `?` exactly one; everything else literal. */
export function wildcardMatch(pattern: string, name: string): boolean {
  if (pattern === '') return name === '';
  if (pattern === '*') return true;
  const p = [...pattern];
  const s = [...name];
  // Greedy matching with a single backtrack point (the last star): linear for typical patterns.
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    if (pi < p.length && (p[pi] === '?' || (p[pi] !== '*' && p[pi] === s[si]))) {
      pi++;
      si++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      mark = si;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}
