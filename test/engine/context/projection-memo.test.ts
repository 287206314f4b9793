import type { ApiCall, ContextEntry } from '../../../src/api/policy.js';
import type { ClusterSnapshot, Lookup } from '../../../src/api/snapshot.js';
import { loadContextEntries } from '../../../src/engine/context/entries.js';
import { projectOnce, type Projection } from '../../../src/engine/context/projection-memo.js';
import { createJmespath } from '../../../src/engine/jmespath/index.js';

const jmespath = createJmespath({ now: () => Date.UTC(2026, 0, 2), random: () => 0.25 });

/** Counts the evaluations `projectOnce` asks for. */
function counter(value: unknown): { run: () => Projection; calls: () => number } {
  let calls = 0;
  return { run: () => ((calls++, { ok: true, value })), calls: () => calls };
}

describe('projectOnce', () => {
  test('hit on the same object and expression, miss on another object or expression', () => {
    const source = { items: [1, 2] };
    const c = counter(['built']);
    const first = projectOnce(source, 'items[]', c.run);
    expect(projectOnce(source, 'items[]', c.run)).toBe(first);
    expect(c.calls()).toBe(1);
    projectOnce(source, 'items[0]', c.run);
    expect(c.calls()).toBe(2);
    // An equal but different object (what a snapshot returns after a change) is a new entry.
    projectOnce({ items: [1, 2] }, 'items[]', c.run);
    expect(c.calls()).toBe(3);
  });

  test.each([
    ['an impure expression', { a: 1 }, 'time_now()'],
    ['a primitive source', 'text', 'length(@)'],
    ['a null source', null, '@'],
  ])('not memoized: %s', (_label, source, expression) => {
    const c = counter('x');
    projectOnce(source, expression, c.run);
    projectOnce(source, expression, c.run);
    expect(c.calls()).toBe(2);
  });

  test('failures are remembered too (the same pure expression fails the same way)', () => {
    const source = {};
    let calls = 0;
    const fail = (): Projection => (calls++, { ok: false, message: 'boom' });
    expect(projectOnce(source, 'to_number(@)', fail)).toEqual({ ok: false, message: 'boom' });
    expect(projectOnce(source, 'to_number(@)', fail)).toEqual({ ok: false, message: 'boom' });
    expect(calls).toBe(1);
  });

  test('shared results are frozen all the way down', () => {
    const out = projectOnce({}, 'x', () => ({ ok: true, value: { map: { a: ['ns/name'] } } }));
    if (!out.ok) throw new Error('expected a value');
    const value = out.value as { map: { a: string[] } };
    expect(Object.isFrozen(value) && Object.isFrozen(value.map) && Object.isFrozen(value.map.a)).toBe(true);
    expect(() => value.map.a.push('x')).toThrow(TypeError);
  });
});

/** A snapshot whose list object is replaced on `change()`, like the server's cache. */
function changingSnapshot(): { snapshot: ClusterSnapshot; change: (hosts: string[]) => void; gets: () => number } {
  let list = { items: [{ metadata: { name: 'a', namespace: 'x' }, spec: { host: 'a.example.com' } }] };
  let gets = 0;
  const snapshot: ClusterSnapshot = {
    namespace: () => ({ found: false, reason: 'unavailable' }),
    configMap: () => ({ found: false, reason: 'unavailable' }),
    apiGet: (): Lookup<unknown> => (gets++, { found: true, value: list }),
  };
  const change = (hosts: string[]): void => {
    list = { items: hosts.map((host, i) => ({ metadata: { name: `n${i}`, namespace: 'x' }, spec: { host } })) };
  };
  return { snapshot, change, gets: () => gets };
}

const apiCall = (call: ApiCall): ContextEntry[] => [{ name: 'hosts', apiCall: call }];

describe('apiCall projections through loadContextEntries', () => {
  const load = (snapshot: ClusterSnapshot, entries: ContextEntry[], data: Record<string, unknown> = {}): unknown => {
    const out = loadContextEntries(entries, data, { jmespath, snapshot });
    if (!out.ok) throw new Error(out.message);
    return out.data.hosts;
  };

  test('the same list gives the very same projection; a changed list a new one', () => {
    const { snapshot, change } = changingSnapshot();
    const entries = apiCall({ urlPath: '/apis/x/v1/things', jmesPath: 'items[].spec.host' });
    const first = load(snapshot, entries);
    expect(first).toEqual(['a.example.com']);
    expect(load(snapshot, entries)).toBe(first);
    change(['b.example.com', 'c.example.com']);
    const second = load(snapshot, entries);
    expect(second).toEqual(['b.example.com', 'c.example.com']);
    expect(second).not.toBe(first);
    expect(load(snapshot, entries)).toBe(second);
  });

  test('the key is the expression after variable substitution', () => {
    const { snapshot } = changingSnapshot();
    const entries = apiCall({ urlPath: '/apis/x/v1/things', jmesPath: "items[?metadata.namespace == '{{ ns }}'].spec.host" });
    const inX = load(snapshot, entries, { ns: 'x' });
    expect(inX).toEqual(['a.example.com']);
    expect(load(snapshot, entries, { ns: 'x' })).toBe(inX);
    expect(load(snapshot, entries, { ns: 'y' })).toEqual([]);
  });

  test('an impure projection is evaluated on every request', () => {
    const { snapshot } = changingSnapshot();
    const entries = apiCall({ urlPath: '/apis/x/v1/things', jmesPath: '{hosts: items[].spec.host, at: time_now_utc()}' });
    const a = load(snapshot, entries);
    const b = load(snapshot, entries);
    expect(a).toEqual(b);
    expect(a).not.toBe(b);
  });

  test('a failing projection still falls back to the entry default, substituted per request', () => {
    const { snapshot } = changingSnapshot();
    const entries = apiCall({ urlPath: '/apis/x/v1/things', jmesPath: "split(items, ',')", default: '{{ fallback }}' });
    expect(load(snapshot, entries, { fallback: 'one' })).toBe('one');
    expect(load(snapshot, entries, { fallback: 'two' })).toBe('two');
  });
});
