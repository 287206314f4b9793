import { compileMap } from '../../../src/engine/pattern/compiled.js';
import { matchPattern } from '../../../src/engine/pattern/index.js';

describe('compileMap', () => {
  test.each([
    {
      name: 'anchors first (sorted), then global and nested-anchor keys, then plain keys',
      pattern: { spec: { x: 1 }, 'X(b)': null, '=(a)': 1, '<(g)': 2, list: [{ '(c)': 1 }], '(z)': 1, '^(e)': [{}] },
      order: ['(z)', '=(a)', 'X(b)', '^(e)', '<(g)', 'list', 'spec'],
      tracked: ['X(b)', '(z)', '^(e)'],
    },
    {
      name: 'add-if-not-present is a plain key in validation',
      pattern: { '+(a)': 1, b: 2 },
      order: ['+(a)', 'b'],
      tracked: [],
    },
  ])('$name', ({ pattern, order, tracked }) => {
    const compiled = compileMap(pattern);
    expect(compiled.ordered.map((k) => k.key)).toEqual(order);
    expect(compiled.tracked.map((k) => k.key)).toEqual(tracked);
  });

  test('compiles each pattern object once', () => {
    const pattern = { '=(a)': 1 };
    expect(compileMap(pattern)).toBe(compileMap(pattern));
    expect(compileMap({ '=(a)': 1 })).not.toBe(compileMap(pattern));
  });

  test('a compiled pattern gives the same outcome on every request', () => {
    const pattern = { spec: { '=(hostNetwork)': false, containers: [{ name: '?*' }] } };
    const good = { spec: { containers: [{ name: 'a' }] } };
    const bad = { spec: { hostNetwork: true, containers: [{ name: 'a' }] } };
    for (let i = 0; i < 3; i++) {
      expect(matchPattern(good, pattern)).toEqual({ kind: 'pass' });
      expect(matchPattern(bad, pattern)).toMatchObject({ kind: 'fail', path: '/spec/hostNetwork/' });
    }
  });
});

describe('metadata wildcard expansion', () => {
  const pattern = { metadata: { annotations: { '=(container.apparmor.security.beta.kubernetes.io/*)': 'runtime/default | localhost/*' } } };

  test.each([
    { name: 'no annotation matches the wildcard', annotations: { other: 'x' }, expected: 'pass' },
    { name: 'a matching annotation with an allowed value', annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'runtime/default' }, expected: 'pass' },
    { name: 'a matching annotation with a forbidden value', annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' }, expected: 'fail' },
  ])('$name', ({ annotations, expected }) => {
    // Twice: the first result must not leak into the second through any cache.
    expect(matchPattern({ metadata: { annotations } }, pattern).kind).toBe(expected);
    expect(matchPattern({ metadata: { annotations } }, pattern).kind).toBe(expected);
  });
});
