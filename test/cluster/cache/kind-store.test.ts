/** The per-kind store: indexes answer label selectors without scanning the kind; lists are sorted and memoized. */
import type { KubeObject } from '../../../src/api/kube.js';
import { matchesSelector, parseLabelSelector } from '../../../src/cluster/cache/api-path.js';
import { KindStore } from '../../../src/cluster/cache/kind-store.js';

const REF = { group: 'apps', version: 'v1', resource: 'deployments' };

/** An object that counts how often its labels are read (a scan reads every object's labels). */
function counted(namespace: string, name: string, labels: Record<string, string>, reads: { n: number }): KubeObject {
  const metadata = { namespace, name, resourceVersion: '1' };
  Object.defineProperty(metadata, 'labels', { enumerable: true, get: () => (reads.n++, labels) });
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata };
}

function fill(reads: { n: number }): KindStore {
  const store = new KindStore(REF);
  for (let i = 0; i < 1000; i++) {
    const labels: Record<string, string> = { app: `app-${i % 100}`, tier: i % 2 === 0 ? 'front' : 'back' };
    if (i % 250 === 0) labels.rare = 'yes';
    store.upsert(counted(`ns-${i % 10}`, `d-${String(i).padStart(4, '0')}`, labels, reads));
  }
  return store;
}

describe('KindStore.select', () => {
  const reads = { n: 0 };
  const store = fill(reads);
  const everything = store.list();

  test.each([
    // [selector, namespace, most label reads allowed]
    ['app=app-7', undefined, 10],
    ['app=app-7,tier=back', undefined, 10],
    ['tier=front,rare=yes', undefined, 4],
    ['app in (app-1,app-2)', undefined, 20],
    ['rare=yes', 'ns-0', 4],
    ['app=app-7', 'ns-7', 10],
    ['app=none', undefined, 0],
    ['!rare', 'ns-3', 100],
    ['tier!=front', undefined, 1000],
    ['rare', undefined, 1000],
  ])('%s in %s reads at most %i objects and answers like a scan', (text, namespace, maxReads) => {
    const selector = parseLabelSelector(text);
    if (selector === undefined) throw new Error('bad selector');
    const want = everything.filter((o) => (namespace === undefined || o.metadata.namespace === namespace) && matchesSelector(o.metadata.labels, selector));
    reads.n = 0;
    const got = store.select(namespace, selector);
    expect(reads.n).toBeLessThanOrEqual(maxReads);
    expect(got.map((o) => o.metadata.name)).toEqual(want.map((o) => o.metadata.name));
  });
});

describe('KindStore', () => {
  const obj = (namespace: string | undefined, name: string, labels: Record<string, string> = {}, rv = '1'): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...(namespace ? { namespace } : {}), name, labels, resourceVersion: rv },
  });

  test('lists sorted by namespace then name; the same array until that kind changes; only the changed namespace is re-sorted', () => {
    const store = new KindStore(REF);
    for (const [ns, name] of [['b', 'z'], ['a', 'y'], ['b', 'a'], ['a', 'b']]) store.upsert(obj(ns, name));
    const all = store.list();
    expect(all.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['a/b', 'a/y', 'b/a', 'b/z']);
    expect(store.list()).toBe(all);
    const inA = store.list('a');
    const inB = store.list('b');
    store.upsert(obj('b', 'm'));
    expect(store.list()).not.toBe(all);
    expect(store.list('a')).toBe(inA);
    expect(store.list('b')).not.toBe(inB);
    expect(store.list('b').map((o) => o.metadata.name)).toEqual(['a', 'm', 'z']);
    expect(store.list('none')).toEqual([]);
  });

  test('replacing an object moves it between label sets; removing drops it everywhere', () => {
    const store = new KindStore(REF);
    store.upsert(obj('a', 'x', { app: 'web' }));
    const g = store.generation;
    const { previous } = store.upsert(obj('a', 'x', { app: 'api' }, '2'));
    expect(previous?.metadata.labels).toEqual({ app: 'web' });
    expect(store.generation).toBeGreaterThan(g);
    expect(store.select(undefined, [{ op: 'eq', key: 'app', value: 'web' }])).toEqual([]);
    expect(store.select(undefined, [{ op: 'eq', key: 'app', value: 'api' }]).map((o) => o.metadata.name)).toEqual(['x']);
    expect(store.size).toBe(1);
    expect(store.remove(obj('a', 'x'))?.metadata.resourceVersion).toBe('2');
    expect(store.remove(obj('a', 'x'))).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.select(undefined, [{ op: 'eq', key: 'app', value: 'api' }])).toEqual([]);
    expect(store.get('a', 'x')).toBeUndefined();
  });

  test('cluster-scoped objects live under no namespace; resourceVersion tracks the newest upsert', () => {
    const store = new KindStore(REF);
    store.upsert(obj(undefined, 'n1', {}, '7'));
    store.upsert(obj(undefined, 'n0', {}, '5'));
    expect(store.get(undefined, 'n1')?.metadata.name).toBe('n1');
    expect(store.get('default', 'n1')).toBeUndefined();
    expect(store.resourceVersion).toBe('7');
    expect(store.kind).toBe('Deployment');
  });

  test('memoized answers last until the next change', () => {
    const store = new KindStore(REF);
    let computed = 0;
    const ask = () => store.memoized('/q', () => ({ n: ++computed }));
    const first = ask();
    expect(ask()).toBe(first);
    store.upsert(obj('a', 'x'));
    expect(ask()).not.toBe(first);
    expect(computed).toBe(2);
  });
});
