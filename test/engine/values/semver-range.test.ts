import { semverSatisfies } from '../../../src/engine/values/index.js';

describe('semverSatisfies (blang/semver ranges)', () => {
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
