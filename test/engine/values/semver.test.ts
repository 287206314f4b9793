import { compareSemver } from '../../../src/engine/values/index.js';

describe('compareSemver', () => {
  it.each([
    ['1.2.3', '1.2.3', 0],
    ['v1.2.3', '1.2.3', 0],
    ['1.2.3', '1.2.4', -1],
    ['1.10.0', '1.9.9', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.2', '1.2.0', 0],
    ['1', '1.0.0', 0],
    ['v1.25', '1.24.9', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
    [' 1.2.3 ', '1.2.3', 0],
  ] as const)('%s vs %s -> %d', (a, b, expected) => {
    expect(compareSemver(a, b)).toBe(expected);
    expect(compareSemver(b, a)).toBe(-expected || 0);
  });

  it.each([
    ['abc', '1.0.0'],
    ['1.0.0', ''],
    ['1.2.3.4', '1.0.0'],
    ['1.x.0', '1.0.0'],
    ['1.0.0-01', '1.0.0'],
    ['1.0.0-', '1.0.0'],
  ])('%j vs %j is not comparable', (a, b) => {
    expect(compareSemver(a, b)).toBeUndefined();
  });
});
