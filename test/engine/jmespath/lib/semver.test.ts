import { compareSemver, parseSemver, semverSatisfies } from '../../../../src/engine/jmespath/lib/semver.js';

describe('semver', () => {
  test.each<[string, string, number]>([
    ['1.0.0', '2.0.0', -1],
    ['1.10.0', '1.9.0', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
  ])('%s vs %s', (a, b, expected) => {
    const x = parseSemver(a);
    const y = parseSemver(b);
    expect(x && y && compareSemver(x, y)).toBe(expected);
  });

  test.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0-', '1.0.0-01', '1.0.0+', 'a.b.c'])('%s is not a version', (v) => {
    expect(parseSemver(v)).toBeUndefined();
  });

  test.each<[string, string, boolean]>([
    ['1.2.3', '1.2.3', true],
    ['1.2.3', '=1.2.3', true],
    ['1.2.3', '!=1.2.3', false],
    ['1.2.5', '1.2.x', true],
    ['1.3.0', '1.2.x', false],
    ['1.9.9', '1.x', true],
    ['2.0.0', '<=1.x', false],
    ['1.9.0', '<=1.x', true],
    ['2.0.0', '>1.x', true],
    ['1.5.0', '>1.x', false],
    ['1.2.0', '<1.2.x', false],
    ['1.5.0', '>=1.0.0 <2.0.0 || >=3.0.0', true],
    ['2.5.0', '>=1.0.0 <2.0.0 || >=3.0.0', false],
    ['1.5.0', '>= 1.0.0', true],
  ])('%s satisfies %s: %s', (version, range, expected) => {
    expect(semverSatisfies(version, range)).toBe(expected);
  });

  test.each(['', '~1.0.0', '^1.0.0', '|| 1.0.0', '1.0.0 ||', '>=1.0', 'x'])('%j is not a range', (range) => {
    expect(() => semverSatisfies('1.0.0', range)).toThrow();
  });
});
