/** Version ranges of github.com/blang/semver/v4 (semver.ParseRange), which Kyverno's semver_compare uses. */
import { compareSemver, parseSemver, type SemVersion } from './semver.js';

const ZERO: SemVersion = { major: 0n, minor: 0n, patch: 0n, pre: [] };

export type SemverRange = (v: SemVersion) => boolean;

/** splitAndTrim: split on spaces, except a space right after an operator character. */
function splitAndTrim(s: string): string[] {
  const result: string[] = [];
  let last = 0;
  let lastChar = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ' ' && !['>', '<', '='].includes(lastChar)) {
      if (last < i - 1) result.push(s.slice(last, i));
      last = i + 1;
    } else if (s[i] !== ' ') lastChar = s[i];
  }
  if (last < s.length - 1) result.push(s.slice(last));
  return result.map((p) => p.replace(/ /g, ''));
}

function splitComparator(part: string): [string, string] {
  const i = part.search(/[0-9]/);
  if (i < 0) throw new Error(`Could not get version from string: "${part}"`);
  return [part.slice(0, i).trim(), part.slice(i)];
}

function expandWildcard(part: string): string[] {
  if (!part.includes('x')) return [part];
  const [op, version] = splitComparator(part);
  const pieces = version.split('.');
  const wildcard = pieces[pieces.length - 1] === 'x' ? pieces.length : 0;
  let flat = version.replace('.x.x', '.x').replace('.x', '.0');
  if (flat.split('.').length === 2) flat += '.0';
  const bump = (index: number): string => {
    const p = flat.split('.');
    p[index] = String(Number(p[index]) + 1);
    return p.join('.');
  };
  const increment = (): string => (wildcard === 3 ? bump(1) : wildcard === 2 ? bump(0) : '');
  switch (op) {
    case '>':
      return [`>=${increment()}`];
    case '>=':
      return [`>=${flat}`];
    case '<':
      return [`<${flat}`];
    case '<=':
      return [`<${increment()}`];
    case '':
    case '=':
    case '==':
      return [`>=${flat}`, `<${increment()}`];
    case '!=':
    case '!':
      return [`<${flat}`, `>=${increment()}`];
    default:
      return [part];
  }
}

function comparator(op: string): ((c: number) => boolean) | undefined {
  switch (op) {
    case '':
    case '=':
    case '==':
      return (c) => c === 0;
    case '!':
    case '!=':
      return (c) => c !== 0;
    case '>':
      return (c) => c > 0;
    case '>=':
      return (c) => c >= 0;
    case '<':
      return (c) => c < 0;
    case '<=':
      return (c) => c <= 0;
    default:
      return undefined;
  }
}

/** semver.ParseRange: space-separated ANDs, `||` ORs, operators and `x` wildcards; throws on bad input. */
export function parseSemverRange(text: string): SemverRange {
  const parts = splitAndTrim(text);
  const groups: string[][] = [];
  let current: string[] = [];
  parts.forEach((p, i) => {
    if (p === '||') {
      if (i === 0) throw new Error("First element in range is '||'");
      groups.push(current);
      current = [];
    } else current.push(p);
  });
  if (parts.length === 0 || parts[parts.length - 1] === '||') throw new Error("Last element in range is '||'");
  groups.push(current);
  const ors = groups.map((group) => {
    const ands = group.flatMap(expandWildcard).map((part) => {
      const [op, version] = splitComparator(part);
      const test = comparator(op);
      if (!test) throw new Error(`Could not parse comparator "${op}" in "${part}"`);
      const v = parseSemver(version);
      if (!v) throw new Error(`Could not parse version "${version}" in "${part}"`);
      return (x: SemVersion) => test(compareSemver(x, v));
    });
    return (x: SemVersion) => ands.every((f) => f(x));
  });
  return (x) => ors.some((f) => f(x));
}

/** semver_compare: an unparsable version counts as 0.0.0, as Kyverno ignores that error. */
export function semverSatisfies(version: string, range: string): boolean {
  return parseSemverRange(range)(parseSemver(version) ?? ZERO);
}
