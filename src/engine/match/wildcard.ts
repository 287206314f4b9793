/**
 * Kyverno's glob for names, namespaces, kinds, annotations and subjects:
 * `*` matches any run of characters (empty included), `?` exactly one character, everything else itself.
 * There is no escaping, and the wildcards match `/` too.
 */
export function wildcardMatch(pattern: string, text: string): boolean {
  // Iterate by code point so that `?` consumes one character, not one UTF-16 unit.
  const p = Array.from(pattern);
  const t = Array.from(text);
  let pi = 0;
  let ti = 0;
  // Greedy matching with a single backtrack point (the last `*`) is enough for `*`/`?` globs and stays linear-ish.
  let starPi = -1;
  let starTi = 0;
  while (ti < t.length) {
    if (pi < p.length && p[pi] === '*') {
      starPi = ++pi;
      starTi = ti;
      continue;
    }
    if (pi < p.length && (p[pi] === '?' || p[pi] === t[ti])) {
      pi++;
      ti++;
      continue;
    }
    if (starPi < 0) return false;
    starTi++;
    ti = starTi;
    pi = starPi;
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

export function containsWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}
