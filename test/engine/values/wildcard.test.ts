import { containsWildcard, wildcardMatch } from '../../../src/engine/values/index.js';

describe('wildcardMatch', () => {
  it.each<[string, string, boolean]>([
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
    ['??', 'ab', true],
    ['??', 'abc', false],
    ['*-prod', 'web-prod', true],
    ['a*', 'a', true],
    ['', 'a', false],
    ['a**', 'abc', true],
    ['*a', 'bbbba', true],
    ['kube-*', 'kube-system', true],
    ['kube-*', 'kube-', true],
    ['kube-*', 'kub', false],
    ['*-system', 'kube-system', true],
    ['*-system', 'kube-public', false],
    ['a*b*c', 'aXXcYYb', false],
    ['my-bucket/In*/Ka*/Ban', 'my-bucket/India/State1/Karnataka/Area1/Ban', true],
    ['my-bucket/In*/Ka*/Ban', 'my-bucket/India/Karnataka/Bangalore', false],
    ['my-?-bucket', 'my-1-bucket', true],
    // `?` is exactly one character, never zero.
    ['my-?-bucket', 'my--bucket', false],
    ['abc????', 'abcde', false],
    ['abc????', 'abcdefg', true],
    ['mnop*?', 'mnop', false],
    ['mnop*?', 'mnopq', true],
    ['mnop*?and', 'mnopand', false],
    ['mnop*?and', 'mnopqand', true],
    ['abc?efg', 'abc/efg', true],
    // `.` has no special meaning.
    ['kube.system', 'kube-system', false],
    ['system:serviceaccount:*:default', 'system:serviceaccount:ns1:default', true],
    ['ü?', 'üé', true],
    ['Pod', 'pod', false],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(wildcardMatch(pattern, value)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ['a*', true],
    ['a?', true],
    ['*Role', true],
    ['Pod?', true],
    ['abc', false],
    ['a.b', false],
  ])('containsWildcard(%j) = %s', (text, expected) => {
    expect(containsWildcard(text)).toBe(expected);
  });
});
