import { containsWildcard, wildcardMatch } from '../../../src/engine/values/index.js';

describe('wildcardMatch', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['?*', '', false],
    ['?*', 'a', true],
    ['?', 'a', true],
    ['?', '', false],
    ['?', 'ab', false],
    ['*:latest', 'nginx:latest', true],
    ['*:latest', 'nginx:1.2', false],
    ['!*', '!x', true],
    ['registry.io/*', 'registry.io/app:v1', true],
    ['registry.io/*', 'docker.io/app', false],
    ['*tiller*', 'helm-tiller-v2', true],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
    ['', '', true],
    ['', 'x', false],
    ['**', 'x', true],
    ['*.*', 'a.b.c', true],
    ['a.c', 'abc', false],
    ['?', '😀', true],
    ['kube-api-access-*', 'kube-api-access-x1z', true],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });

  it('detects wildcard characters', () => {
    expect(containsWildcard('a*')).toBe(true);
    expect(containsWildcard('a?')).toBe(true);
    expect(containsWildcard('abc')).toBe(false);
  });
});
