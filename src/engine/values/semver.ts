/**
 * Semantic versions with the strict rules of github.com/blang/semver/v4's Parse, which Kyverno uses both for
 * the numeric condition operators and (through ranges, see semver-range.ts) for semver_compare.
 */

export interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: Array<string | bigint>;
}

const NUMERIC = /^[0-9]+$/;
const ALNUM = /^[0-9A-Za-z-]+$/;

function numberPart(text: string): bigint | undefined {
  if (!NUMERIC.test(text) || (text.length > 1 && text[0] === '0')) return undefined;
  return BigInt(text);
}

/** semver.Parse: strict "MAJOR.MINOR.PATCH[-pre][+build]". */
export function parseSemver(text: string): SemVersion | undefined {
  const parts = text.split('.');
  if (parts.length < 3) return undefined;
  const [majorText, minorText] = parts;
  let patchText = parts.slice(2).join('.');
  let build: string[] = [];
  const plus = patchText.indexOf('+');
  if (plus >= 0) {
    build = patchText.slice(plus + 1).split('.');
    patchText = patchText.slice(0, plus);
  }
  let preText: string[] = [];
  const dash = patchText.indexOf('-');
  if (dash >= 0) {
    preText = patchText.slice(dash + 1).split('.');
    patchText = patchText.slice(0, dash);
  }
  const major = numberPart(majorText);
  const minor = numberPart(minorText);
  const patch = numberPart(patchText);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  const pre: Array<string | bigint> = [];
  for (const id of preText) {
    if (id === '') return undefined;
    if (NUMERIC.test(id)) {
      const n = numberPart(id);
      if (n === undefined) return undefined;
      pre.push(n);
    } else if (ALNUM.test(id)) pre.push(id);
    else return undefined;
  }
  if (build.some((id) => !ALNUM.test(id))) return undefined;
  return { major, minor, patch, pre };
}

const cmp = <T extends bigint | string>(a: T, b: T): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** Version.Compare: -1/0/1 as a is lower/equal/higher than b; build metadata is ignored. */
export function compareSemver(a: SemVersion, b: SemVersion): -1 | 0 | 1 {
  for (const key of ['major', 'minor', 'patch'] as const) {
    const c = cmp(a[key], b[key]);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 && b.pre.length === 0) return 0;
  if (a.pre.length === 0) return 1;
  if (b.pre.length === 0) return -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (typeof x === 'bigint' && typeof y === 'string') return -1;
    if (typeof x === 'string' && typeof y === 'bigint') return 1;
    const c = typeof x === 'bigint' ? cmp(x, y as bigint) : cmp(x, y as string);
    if (c !== 0) return c;
  }
  return cmp(BigInt(a.pre.length), BigInt(b.pre.length));
}
