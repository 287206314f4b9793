import { containsWildcard, wildcardMatch } from '../../../src/engine/match/index.js';

describe('wildcardMatch', () => {
  const cases: [pattern: string, text: string, expected: boolean][] = [
    ['*', 'anything', true],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['kube-*', 'kube-system', true],
    ['kube-*', 'kube-', true],
    ['kube-*', 'kub', false],
    ['*-system', 'kube-system', true],
    ['*-system', 'kube-public', false],
    ['a*b*c', 'aXXbYYc', true],
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
  ];
  it.each(cases)('%j vs %j -> %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it.each([
    ['a*', true],
    ['a?', true],
    ['abc', false],
    ['a.b', false],
  ])('containsWildcard(%j) = %s', (text, expected) => {
    expect(containsWildcard(text)).toBe(expected);
  });
});
