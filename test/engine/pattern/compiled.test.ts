import { compileMap, compileNode } from '../../../src/engine/pattern/compiled.js';
import { MatchState } from '../../../src/engine/pattern/types.js';
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

describe('compileNode', () => {
  test('a pattern rebuilt around an unchanged part reuses that part\'s compiled form', () => {
    const containers = [{ '=(securityContext)': { '=(privileged)': false } }];
    const first = compileNode({ spec: { containers } });
    const rebuilt = compileNode({ spec: { containers }, extra: 1 });
    const child = (node: ReturnType<typeof compileNode>) => {
      if (node.kind !== 'map') throw new Error('map expected');
      const spec = node.map.ordered.find((k) => k.key === 'spec')?.node;
      if (spec?.kind !== 'map') throw new Error('spec map expected');
      return spec.map.ordered[0].node;
    };
    expect(child(rebuilt)).toBe(child(first));
    expect(child(first)).toBe(compileNode(containers));
  });

  test.each([
    { pattern: 'a | b', kind: 'scalar' },
    { pattern: null, kind: 'scalar' },
    { pattern: 3, kind: 'scalar' },
    { pattern: [1], kind: 'array' },
    { pattern: { a: 1 }, kind: 'map' },
  ])('$pattern compiles to a $kind node', ({ pattern, kind }) => {
    expect(compileNode(pattern).kind).toBe(kind);
  });

  test('a scalar leaf keeps the operator language of validateValue', () => {
    const node = compileNode('>=2 & <5 | x*');
    if (node.kind !== 'scalar') throw new Error('scalar expected');
    expect([1, 2, 4, 5, 'xy', 'y'].map((v) => node.test(v))).toEqual([false, true, true, false, true, false]);
  });
});

describe('MatchState paths', () => {
  test('keys and indexes are joined only when asked, in Kyverno\'s format', () => {
    const st = new MatchState();
    expect(st.path()).toBe('/');
    st.enter('spec');
    st.enter('containers');
    st.enter(0);
    expect(st.path()).toBe('/spec/containers/0/');
    st.leave();
    st.leave();
    expect(st.path()).toBe('/spec/');
  });

  test('mismatch paths through lists and anchors', () => {
    const pattern = { spec: { containers: [{ name: '*', '=(securityContext)': { '=(privileged)': false } }] } };
    const resource = { spec: { containers: [{ name: 'a' }, { name: 'b', securityContext: { privileged: true } }] } };
    expect(matchPattern(resource, pattern)).toMatchObject({ kind: 'fail', path: '/spec/containers/1/securityContext/privileged/' });
  });
});

describe('metadata wildcard expansion keeps the other keys', () => {
  test('keys before and after a renamed wildcard key are all checked', () => {
    const pattern = { metadata: { labels: { team: '?*', 'app.kubernetes.io/*': 'web', tier: 'front' } } };
    const ok = { metadata: { labels: { team: 't', 'app.kubernetes.io/name': 'web', tier: 'front' } } };
    expect(matchPattern(ok, pattern)).toEqual({ kind: 'pass' });
    expect(matchPattern({ metadata: { labels: { 'app.kubernetes.io/name': 'web', tier: 'front' } } }, pattern)).toMatchObject({ kind: 'fail', path: '/metadata/labels/team/' });
    expect(matchPattern({ metadata: { labels: { team: 't', 'app.kubernetes.io/name': 'web', tier: 'back' } } }, pattern)).toMatchObject({ kind: 'fail', path: '/metadata/labels/tier/' });
    expect(matchPattern({ metadata: { labels: { team: 't', 'app.kubernetes.io/name': 'db', tier: 'front' } } }, pattern)).toMatchObject({ kind: 'fail', path: '/metadata/labels/app.kubernetes.io/name/' });
  });
});
