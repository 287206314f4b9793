import { search as librarySearch } from '@jmespath-community/jmespath';
import { AstCache, createJmespath, JmespathError } from '../../../src/engine/jmespath/index.js';
import { fixedEnv, jp, run } from './helpers.js';

describe('Kyverno evaluation semantics', () => {
  // [expression, data, expected value or error code]
  test.each<[string, unknown, { value: unknown } | { error: string }]>([
    ['a.b', { a: {} }, { error: 'not-found' }],
    ['a.b', {}, { error: 'not-found' }],
    ['a.b', { a: null }, { value: null }],
    ['a.b', { a: 'text' }, { value: null }],
    ['a.b.c', { a: { b: { c: 1 } } }, { value: 1 }],
    ["a.b || 'x'", {}, { value: 'x' }],
    ['a.b == `null`', {}, { value: true }],
    ['a.b | @', {}, { value: null }],
    ['a.b | length(@)', { a: { b: 'abc' } }, { value: 3 }],
    ['length(a.b)', {}, { error: 'invalid-argument' }],
    ['a && b', { a: true }, { error: 'not-found' }],
    ['a && b', { a: false }, { value: false }],
    ['a || b', { b: 2 }, { value: 2 }],
    ['!a', {}, { value: true }],
    ['[a, b]', { a: 1 }, { value: [1, null] }],
    ['{x: a, y: b}', { a: 1 }, { value: { x: 1, y: null } }],
    ['a[0]', {}, { error: 'not-found' }],
    ['a[0]', { a: [5] }, { value: 5 }],
    ['a[-1]', { a: [5, 6] }, { value: 6 }],
    ['a[5]', { a: [5] }, { value: null }],
    ['items[].x', { items: [{ x: 1 }, {}, { x: 3 }] }, { value: [1, 3] }],
    ['items[*].x', { items: [{ x: 1 }, { y: 2 }] }, { value: [1] }],
    ['items[?x > `1`].x', { items: [{ x: 1 }, { x: 2 }, {}] }, { value: [2] }],
    ['missing[?x].y', {}, { value: null }],
    ['missing[]', {}, { value: null }],
    ['a.*', {}, { value: null }],
    ['a.*.n', { a: { p: { n: 1 }, q: { n: 2 } } }, { value: [1, 2] }],
    ['a[]', { a: [[1, 2], 3, [4]] }, { value: [1, 2, 3, 4] }],
    ["'abc'[::-1]", null, { value: 'cba' }],
    ['a[1:3]', { a: [0, 1, 2, 3] }, { value: [1, 2] }],
    ['a[::0]', { a: [0] }, { error: 'evaluation' }],
    ['$.a', { a: 1 }, { value: 1 }],
    ['items[].{n: name, root: $.kind}', { kind: 'Pod', items: [{ name: 'x' }] }, { value: [{ n: 'x', root: 'Pod' }] }],
    ['let $x = a in $x.b', { a: { b: 2 } }, { value: 2 }],
    ['let $x = a, $y = b in [$x, $y]', { a: 1, b: 2 }, { value: [1, 2] }],
    ['$y', {}, { error: 'undefined-variable' }],
    ['a + b', { a: 1, b: 2 }, { value: 3 }],
    ['a * b - c', { a: 2, b: 3, c: 1 }, { value: 5 }],
    ['a // b', { a: 7, b: 2 }, { value: 3 }],
    ['a % b', { a: 7, b: 2 }, { value: 1 }],
    ['a + b', { a: 1, b: 'x' }, { value: null }],
    ['-a', { a: 2 }, { value: -2 }],
    ['a / `0`', { a: 1 }, { error: 'evaluation' }],
    ['`1` < `2`', null, { value: true }],
    ["'a' < 'b'", null, { value: null }],
    ['`[1, {"a": 2}]` == `[1, {"a": 2}]`', null, { value: true }],
    ['a ? b : c', { a: true, b: 1, c: 2 }, { value: 1 }],
    ['"app.kubernetes.io/name"', { 'app.kubernetes.io/name': 'web' }, { value: 'web' }],
  ])('%s on %j', (expression, data, expected) => {
    expect(run(expression, data)).toMatchObject(expected);
  });

  test.each<[string, unknown, unknown]>([
    ["join('-', ['a', 'b'])", null, 'a-b'],
    ["contains(@, 'b')", ['a', 'b'], true],
    ['keys(@)', { a: 1, b: 2 }, ['a', 'b']],
    ['values(@)', { a: 1, b: 2 }, [1, 2]],
    ['length(@)', 'abc', 3],
    ['to_string(@)', 5, '5'],
    ["to_number('2400')", null, 2400],
    ['max(@)', [3, 9, 2], 9],
    ['sort(@)', ['b', 'a'], ['a', 'b']],
    ['sort_by(@, &name)[].name', [{ name: 'b' }, { name: 'a' }], ['a', 'b']],
    ['map(&to_upper(@), @)', ['a', 'b'], ['A', 'B']],
    ['merge(`{"a": 1}`, `{"b": 2}`)', null, { a: 1, b: 2 }],
    ["starts_with(@, 'ab')", 'abc', true],
    ['not_null(a, b)', { b: 1 }, 1],
    ["to_array('x')", null, ['x']],
  ])('JMESPath built-in %s', (expression, data, expected) => {
    expect(run(expression, data)).toEqual({ value: expected });
  });

  it("uses Kyverno's definition where it replaces a built-in", () => {
    expect(run('items(@)', { a: 1 })).toMatchObject({ error: 'invalid-argument' });
    expect(run("trim(' x ')")).toMatchObject({ error: 'invalid-argument' });
    expect(run("sum(['1Ki', '1Ki'])")).toEqual({ value: '2Ki' });
  });
});

describe('search and query', () => {
  it('search returns null where query reports an unknown key', () => {
    const evaluator = jp();
    expect(evaluator.search('metadata.labels.app', { metadata: {} })).toBeNull();
    const outcome = evaluator.query('metadata.labels.app', { metadata: {} });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('not-found');
      expect(outcome.error.message).toContain('Unknown key "labels" in path');
    }
  });

  test.each<[string, string]>([
    ['a.[', 'syntax'],
    ['`{bad json`', 'syntax'],
    ['unknown_fn(a)', 'unknown-function'],
    ['length(`1`)', 'invalid-argument'],
    ["to_upper('a', 'b')", 'invalid-argument'],
    ["divide(`1`, `0`)", 'invalid-argument'],
  ])('search(%s) throws a JmespathError with code %s', (expression, code) => {
    const evaluator = jp();
    let caught: unknown;
    try {
      evaluator.search(expression, {});
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(JmespathError);
    const error = caught as JmespathError;
    expect(error.code).toBe(code);
    expect(error.expression).toBe(expression);
    expect(error.message).toContain(expression);
  });

  it('keeps each evaluator on its own clock even when interleaved', () => {
    const early = createJmespath(fixedEnv(Date.UTC(2020, 0, 1)));
    const late = createJmespath(fixedEnv(Date.UTC(2030, 0, 1)));
    expect(early.search('time_now_utc()', null)).toBe('2020-01-01T00:00:00Z');
    expect(late.search('time_now_utc()', null)).toBe('2030-01-01T00:00:00Z');
    expect(early.search('time_now_utc()', null)).toBe('2020-01-01T00:00:00Z');
  });

  it('never falls back to the process clock outside an evaluation', () => {
    jp();
    expect(() => librarySearch(null, 'time_now()')).toThrow(/no clock/);
  });
});

describe('AstCache', () => {
  it('compiles each expression once', () => {
    const cache = new AstCache(10);
    const compiled: string[] = [];
    const compileSpy = (e: string) => {
      compiled.push(e);
      return { type: 'Literal' as const, value: e };
    };
    cache.get('a', compileSpy);
    cache.get('a', compileSpy);
    cache.get('b', compileSpy);
    expect(compiled).toEqual(['a', 'b']);
    expect(cache.size).toBe(2);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new AstCache(2);
    cache.get('a');
    cache.get('b');
    cache.get('a');
    cache.get('c');
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('does not cache expressions that fail to compile', () => {
    const cache = new AstCache(5);
    expect(() => cache.get('a.[')).toThrow();
    expect(cache.has('a.[')).toBe(false);
  });

  it('is used by createJmespath', () => {
    const cache = new AstCache(5);
    const evaluator = createJmespath(fixedEnv(), { cache });
    expect(evaluator.search('a', { a: 1 })).toBe(1);
    expect(evaluator.search('a', { a: 2 })).toBe(2);
    expect(cache.size).toBe(1);
    expect(cache.has('a')).toBe(true);
  });
});
