import { compareSemver, parseSemver } from '../../../src/engine/values/index.js';

function compare(a: string, b: string): number | undefined {
  const x = parseSemver(a);
  const y = parseSemver(b);
  return x && y ? compareSemver(x, y) : undefined;
}

describe('compareSemver', () => {
  it.each([
    ['1.2.3', '1.2.3', 0],
    ['1.2.3', '1.2.4', -1],
    ['1.0.0', '2.0.0', -1],
    ['1.10.0', '1.9.9', 1],
    ['1.10.0', '1.9.0', 1],
    ['2.0.0', '10.0.0', -1],
    ['1.25.0', '1.24.9', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.2', '1.0.0-beta.11', -1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['1.0.0+build.1', '1.0.0+build.2', 0],
  ] as const)('%s vs %s -> %d', (a, b, expected) => {
    expect(compare(a, b)).toBe(expected);
    expect(compare(b, a)).toBe(-expected || 0);
  });
});

describe('parseSemver (strict, as blang/semver Parse)', () => {
  it.each([
    ['1.2.3', true],
    ['0.0.0', true],
    ['1.2.3-rc.1', true],
    ['1.2.3-0a', true],
    ['1.2.3+build.5', true],
    ['1.2.3-beta+exp.sha.5114f85', true],
    ['1.2', false],
    ['1.0', false],
    ['1', false],
    ['v1.2.3', false],
    ['01.2.3', false],
    ['1.2.3-01', false],
    ['1.2.3-', false],
    ['1.0.0+', false],
    ['1.2.3.4', false],
    ['1.x.0', false],
    [' 1.2.3', false],
    ['1.2.3 ', false],
    ['a.b.c', false],
    ['abc', false],
    ['', false],
  ])('%j -> %s', (input, valid) => {
    expect(parseSemver(input) !== undefined).toBe(valid);
  });
});
