/**
 * Semantic version comparison, tolerant like blang/semver's ParseTolerant (which Kyverno uses):
 * optional leading `v`, surrounding spaces, missing minor/patch treated as 0.
 */

export interface SemVer {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: string[];
}

const NUMERIC = /^(0|[1-9]\d*)$/;
const IDENT = /^[0-9A-Za-z-]+$/;

export function parseSemver(input: string): SemVer | undefined {
  let s = input.trim();
  if (s.startsWith('v') || s.startsWith('V')) s = s.slice(1);
  const plus = s.indexOf('+');
  if (plus >= 0) {
    const build = s.slice(plus + 1).split('.');
    if (build.some((b) => !IDENT.test(b))) return undefined;
    s = s.slice(0, plus);
  }
  let pre: string[] = [];
  const dash = s.indexOf('-');
  if (dash >= 0) {
    pre = s.slice(dash + 1).split('.');
    s = s.slice(0, dash);
    if (pre.some((p) => !IDENT.test(p) || (/^\d+$/.test(p) && !NUMERIC.test(p)))) return undefined;
  }
  const core = s.split('.');
  if (core.length === 0 || core.length > 3) return undefined;
  // Tolerant: leading zeros in the core are accepted and dropped.
  if (core.some((c) => !/^\d+$/.test(c))) return undefined;
  while (core.length < 3) core.push('0');
  return { major: BigInt(core[0]), minor: BigInt(core[1]), patch: BigInt(core[2]), pre };
}

function cmp<T>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparePre(a: string[], b: string[]): -1 | 0 | 1 {
  // A version without prerelease ranks above one with it.
  if (a.length === 0 || b.length === 0) return cmp(b.length, a.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    const xn = NUMERIC.test(x);
    const yn = NUMERIC.test(y);
    let c: -1 | 0 | 1;
    if (xn && yn) c = cmp(BigInt(x), BigInt(y));
    else if (xn) c = -1;
    else if (yn) c = 1;
    else c = cmp(x, y);
    if (c !== 0) return c;
  }
  return cmp(a.length, b.length);
}

/** -1/0/1 as a is lower/equal/higher than b; undefined when either is not a version. */
export function compareSemver(a: string, b: string): -1 | 0 | 1 | undefined {
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x === undefined || y === undefined) return undefined;
  return cmp(x.major, y.major) || cmp(x.minor, y.minor) || cmp(x.patch, y.patch) || comparePre(x.pre, y.pre);
}
