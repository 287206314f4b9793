/** The cluster cache against the fake API server through the real client: sync, lookups, lists, identity, kinds. */
import type { KubeObject } from '../../../src/api/kube.js';
import { CONFIGMAPS, NAMESPACES } from '../../support/fake-apiserver/index.js';
import { type Harness, INGRESSES, cm, harness, ingress, ns, until } from './harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function value(lookup: { found: boolean; value?: unknown }): unknown {
  if (!lookup.found) throw new Error(`not found: ${JSON.stringify(lookup)}`);
  return lookup.value;
}

interface ListShape {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string };
  items: KubeObject[];
}
const names = (list: unknown): string[] => (list as ListShape).items.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`);

describe('sync and readiness', () => {
  test('unready and unavailable until every informer has listed; then answers from memory without requests', async () => {
    h = await harness();
    h.server.put(NAMESPACES, ns('shop', { team: 'a' }));
    h.server.put(CONFIGMAPS, cm('shop', 'settings', { mode: 'strict' }));
    h.cache.setKinds([CONFIGMAPS]);
    h.server.failNext({ method: 'GET', path: /^\/api\/v1\/configmaps$/, watch: false, status: 503, times: 2 });
    expect(h.cache.ready()).toBe(false);
    expect(h.cache.snapshot.namespace('shop')).toEqual({ found: false, reason: 'unavailable' });
    await h.cache.start();
    expect(h.cache.ready()).toBe(false);
    expect(h.cache.snapshot.configMap('shop', 'settings')).toMatchObject({ found: false, reason: 'unavailable' });
    await until(() => h.cache.ready(), 'ready');
    expect(h.problems.length).toBeGreaterThanOrEqual(2);
    const requests = h.server.requests.length;
    expect(value(h.cache.snapshot.configMap('shop', 'settings'))).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', data: { mode: 'strict' } });
    expect(value(h.cache.snapshot.namespace('shop'))).toMatchObject({ kind: 'Namespace', metadata: { labels: { team: 'a' } } });
    expect(h.cache.snapshot.apiGet('/api/v1/namespaces/shop/configmaps/settings').found).toBe(true);
    expect(h.server.requests.length).toBe(requests);
    const status = h.cache.status();
    expect(status.map((s) => s.ref.resource).sort()).toEqual(['configmaps', 'namespaces']);
    expect(status.every((s) => s.synced && !s.broken)).toBe(true);
    expect(status.find((s) => s.ref.resource === 'configmaps')).toMatchObject({ objects: 1, relists: 0, watchRestarts: 2, msSinceLastEvent: 0 });
    h.clock.now += 1234;
    expect(h.cache.status().find((s) => s.ref.resource === 'configmaps')?.msSinceLastEvent).toBe(1234);
  });

  test('lists page by page and keeps plain JSON (timestamps stay strings)', async () => {
    h = await harness();
    for (let i = 0; i < 1200; i++) h.server.put(CONFIGMAPS, cm(`ns${i % 7}`, `cm-${i}`));
    h.cache.setKinds([CONFIGMAPS]);
    await h.cache.start();
    expect(h.cache.ready()).toBe(true);
    expect(h.cache.list(CONFIGMAPS)).toHaveLength(1200);
    const listRequests = h.server.requests.filter((r) => r.path === '/api/v1/configmaps' && !r.watch);
    expect(listRequests.map((r) => [r.query.limit, r.query.continue !== undefined])).toEqual([['500', false], ['500', true], ['500', true]]);
    expect(new Set(h.cache.list(CONFIGMAPS).map((o) => o.metadata.name)).size).toBe(1200);
    const one = h.cache.get(CONFIGMAPS, 'ns3', 'cm-3');
    expect(typeof one?.metadata.creationTimestamp).toBe('string');
    expect(h.cache.get(CONFIGMAPS, 'ns3', 'cm-4')).toBeUndefined();
  });
});

describe('lookups follow the watch', () => {
  test('adds, updates and deletes reach get, list, the snapshot and onChange', async () => {
    h = await harness();
    h.server.put(CONFIGMAPS, cm('shop', 'a', { v: '1' }));
    h.cache.setKinds([CONFIGMAPS]);
    await h.cache.start();
    h.server.put(CONFIGMAPS, cm('shop', 'b', { v: '1' }));
    h.server.put(CONFIGMAPS, cm('shop', 'a', { v: '2' }));
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'b') !== undefined && h.cache.get(CONFIGMAPS, 'shop', 'a')?.data !== undefined && (h.cache.get(CONFIGMAPS, 'shop', 'a')?.data as Record<string, string>).v === '2');
    expect(value(h.cache.snapshot.configMap('shop', 'a'))).toMatchObject({ data: { v: '2' } });
    h.server.delete(CONFIGMAPS, 'a', 'shop');
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'a') === undefined);
    expect(h.cache.snapshot.configMap('shop', 'a')).toEqual({ found: false, reason: 'not-found', message: 'configmaps "a" not found' });
    expect(h.cache.snapshot.apiGet('/api/v1/namespaces/shop/configmaps/a')).toMatchObject({ found: false, reason: 'not-found' });
    expect(h.cache.list(CONFIGMAPS, 'shop').map((o) => o.metadata.name)).toEqual(['b']);
    const seen = h.changes.filter((c) => c.ref.resource === 'configmaps').map((c) => `${c.type} ${c.object.metadata.name ?? ''}`);
    expect(seen).toEqual(['ADDED a', 'ADDED b', 'MODIFIED a', 'DELETED a']);
    expect(h.changes[h.changes.length - 1].object).toMatchObject({ data: { v: '2' } });
  });
});

describe('apiGet', () => {
  async function withIngresses(): Promise<void> {
    h = await harness();
    h.server.put(INGRESSES, ingress('shop', 'web', 'shop.example.com', { app: 'web', tier: 'front' }));
    h.server.put(INGRESSES, ingress('shop', 'api', 'api.example.com', { app: 'api', tier: 'front' }));
    h.server.put(INGRESSES, ingress('blog', 'web', 'blog.example.com', { app: 'web' }));
    h.server.put(INGRESSES, ingress('blog', 'admin', 'admin.example.com', { app: 'admin', legacy: 'true' }));
    h.cache.setKinds([INGRESSES]);
    await h.cache.start();
  }

  test.each([
    ['/apis/networking.k8s.io/v1/ingresses', ['blog/admin', 'blog/web', 'shop/api', 'shop/web']],
    ['/apis/networking.k8s.io/v1/namespaces/shop/ingresses', ['shop/api', 'shop/web']],
    ['/apis/networking.k8s.io/v1/namespaces/none/ingresses', []],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=app%3Dweb', ['blog/web', 'shop/web']],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=app=web,tier=front', ['shop/web']],
    ['/apis/networking.k8s.io/v1/namespaces/blog/ingresses?labelSelector=app=web', ['blog/web']],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=app in (web,api)', ['blog/web', 'shop/api', 'shop/web']],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=!legacy', ['blog/web', 'shop/api', 'shop/web']],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=legacy', ['blog/admin']],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=tier!=front', ['blog/admin', 'blog/web']],
    ['/apis/networking.k8s.io/v1/ingresses?labelSelector=app=nothing', []],
  ])('lists %s', async (path, want) => {
    await withIngresses();
    const list = value(h.cache.snapshot.apiGet(path)) as ListShape;
    expect(names(list)).toEqual(want);
    expect(list).toMatchObject({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressList', metadata: { resourceVersion: String(h.server.resourceVersion()) } });
  });

  test('single objects, not-found, and what the cache cannot answer', async () => {
    await withIngresses();
    const web = h.cache.snapshot.apiGet('/apis/networking.k8s.io/v1/namespaces/shop/ingresses/web');
    expect(value(web)).toBe(h.cache.get(INGRESSES, 'shop', 'web'));
    expect(value(web)).toMatchObject({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', spec: { rules: [{ host: 'shop.example.com' }] } });
    expect(h.cache.snapshot.apiGet('/apis/networking.k8s.io/v1/namespaces/shop/ingresses/nope')).toEqual({ found: false, reason: 'not-found', message: 'ingresses.networking.k8s.io "nope" not found' });
    expect(h.cache.snapshot.apiGet('/api/v1/namespaces/nope')).toEqual({ found: false, reason: 'not-found', message: 'namespaces "nope" not found' });
    expect(h.cache.snapshot.namespace('nope')).toEqual({ found: false, reason: 'not-found', message: 'namespaces "nope" not found' });
    for (const path of [
      '/api/v1/namespaces/shop/configmaps',
      '/apis/apps/v1/deployments',
      '/apis/networking.k8s.io/v1/ingresses?fieldSelector=metadata.name=web',
      '/apis/networking.k8s.io/v1/namespaces/shop/ingresses/web/status',
      '/healthz',
    ]) {
      expect(h.cache.snapshot.apiGet(path)).toMatchObject({ found: false, reason: 'unavailable' });
    }
  });

  test('the same path gets the same list object until an object of that kind changes', async () => {
    await withIngresses();
    const path = '/apis/networking.k8s.io/v1/ingresses';
    const selected = '/apis/networking.k8s.io/v1/ingresses?labelSelector=app=web';
    const first = value(h.cache.snapshot.apiGet(path));
    const firstSelected = value(h.cache.snapshot.apiGet(selected));
    expect(value(h.cache.snapshot.apiGet(path))).toBe(first);
    expect(value(h.cache.snapshot.apiGet(selected))).toBe(firstSelected);
    // Another kind changing leaves the answer alone.
    h.server.put(NAMESPACES, ns('other'));
    await until(() => h.cache.snapshot.namespace('other').found);
    expect(value(h.cache.snapshot.apiGet(path))).toBe(first);
    h.server.put(INGRESSES, ingress('shop', 'new', 'new.example.com'));
    await until(() => h.cache.get(INGRESSES, 'shop', 'new') !== undefined);
    const second = value(h.cache.snapshot.apiGet(path));
    expect(second).not.toBe(first);
    expect(names(second)).toEqual(['blog/admin', 'blog/web', 'shop/api', 'shop/new', 'shop/web']);
    expect(names(first)).toEqual(['blog/admin', 'blog/web', 'shop/api', 'shop/web']);
    expect(value(h.cache.snapshot.apiGet(path))).toBe(second);
    // Unchanged objects are the same references in the new list: nothing was copied.
    expect((second as ListShape).items[0]).toBe((first as ListShape).items[0]);
  });
});

describe('stored objects', () => {
  test('are frozen all the way down, and a change replaces the object', async () => {
    h = await harness();
    h.server.put(INGRESSES, ingress('shop', 'web', 'shop.example.com'));
    h.cache.setKinds([INGRESSES]);
    await h.cache.start();
    const before = h.cache.get(INGRESSES, 'shop', 'web');
    if (before === undefined) throw new Error('missing');
    expect(Object.isFrozen(before)).toBe(true);
    expect(Object.isFrozen(before.metadata)).toBe(true);
    const rules = (before.spec as { rules: { host: string }[] }).rules;
    expect(Object.isFrozen(rules) && Object.isFrozen(rules[0])).toBe(true);
    expect(() => {
      rules[0].host = 'evil.example.com';
    }).toThrow(TypeError);
    const list = value(h.cache.snapshot.apiGet('/apis/networking.k8s.io/v1/ingresses')) as ListShape;
    expect(Object.isFrozen(list) && Object.isFrozen(list.items)).toBe(true);
    h.server.put(INGRESSES, ingress('shop', 'web', 'changed.example.com'));
    await until(() => h.cache.get(INGRESSES, 'shop', 'web') !== before);
    expect(rules[0].host).toBe('shop.example.com');
    expect(h.cache.get(INGRESSES, 'shop', 'web')).toMatchObject({ spec: { rules: [{ host: 'changed.example.com' }] } });
  });

  test('are pruned of managedFields and the last-applied annotation by default', async () => {
    h = await harness();
    const applied = cm('shop', 'a', { v: '1' });
    h.server.put(CONFIGMAPS, {
      ...applied,
      metadata: { ...applied.metadata, managedFields: [{ manager: 'kubectl', operation: 'Apply' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' } },
    });
    h.cache.setKinds([CONFIGMAPS]);
    await h.cache.start();
    h.server.put(CONFIGMAPS, { ...cm('shop', 'b'), metadata: { namespace: 'shop', name: 'b', managedFields: [{ manager: 'x' }] } });
    await until(() => h.cache.get(CONFIGMAPS, 'shop', 'b') !== undefined);
    for (const name of ['a', 'b']) expect('managedFields' in (h.cache.get(CONFIGMAPS, 'shop', name)?.metadata ?? {})).toBe(false);
    expect(h.cache.get(CONFIGMAPS, 'shop', 'a')?.metadata.annotations).toEqual({ keep: 'me' });
  });

  test('a custom prune decides what is kept, but the identity the indexes need stays', async () => {
    h = await harness({ prune: (_ref, o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { uid: o.metadata.uid } }) });
    h.server.put(CONFIGMAPS, cm('shop', 'a', { big: 'x'.repeat(1000) }, { app: 'web' }));
    h.cache.setKinds([CONFIGMAPS]);
    await h.cache.start();
    const a = h.cache.get(CONFIGMAPS, 'shop', 'a');
    expect(a?.data).toBeUndefined();
    expect(a?.metadata).toMatchObject({ name: 'a', namespace: 'shop', labels: { app: 'web' } });
    expect(names(value(h.cache.snapshot.apiGet('/api/v1/configmaps?labelSelector=app=web')))).toEqual(['shop/a']);
  });
});

describe('setKinds', () => {
  test('starts and stops informers to match; Namespaces are always cached', async () => {
    h = await harness();
    h.server.put(CONFIGMAPS, cm('shop', 'a'));
    h.server.put(INGRESSES, ingress('shop', 'web', 'shop.example.com'));
    await h.cache.start();
    expect(h.cache.ready()).toBe(true);
    expect(h.cache.status().map((s) => s.ref.resource)).toEqual(['namespaces']);
    expect(h.cache.snapshot.configMap('shop', 'a')).toEqual({ found: false, reason: 'unavailable' });

    h.cache.setKinds([CONFIGMAPS, INGRESSES, NAMESPACES]);
    expect(h.cache.ready()).toBe(false);
    await until(() => h.cache.ready(), 'ready with the new kinds');
    expect(h.cache.snapshot.configMap('shop', 'a').found).toBe(true);
    expect(h.cache.get(INGRESSES, 'shop', 'web')).toBeDefined();
    await h.server.waitForWatches(1, CONFIGMAPS);

    h.cache.setKinds([INGRESSES]);
    await until(() => h.server.watchCount(CONFIGMAPS) === 0, 'configmaps watch closed');
    expect(h.cache.snapshot.configMap('shop', 'a')).toEqual({ found: false, reason: 'unavailable' });
    expect(h.cache.snapshot.apiGet('/api/v1/namespaces/shop/configmaps/a')).toEqual({ found: false, reason: 'unavailable' });
    expect(h.cache.status().map((s) => s.ref.resource).sort()).toEqual(['ingresses', 'namespaces']);
    expect(h.server.watchCount(INGRESSES)).toBe(1);
    expect(h.server.watchCount(NAMESPACES)).toBe(1);
    const events = h.changes.length;
    h.server.put(CONFIGMAPS, cm('shop', 'late'));
    await new Promise((r) => setTimeout(r, 50));
    expect(h.changes.length).toBe(events);
  });

  test('a kind the API server does not serve does not hold readiness back; it stays unavailable and keeps retrying', async () => {
    h = await harness();
    const widgets = { group: 'example.com', version: 'v1', resource: 'widgets' };
    h.cache.setKinds([widgets, CONFIGMAPS]);
    await h.cache.start();
    await until(() => h.problems.length >= 2, 'retries');
    expect(h.cache.ready()).toBe(true);
    h.clock.now += 60_000;
    expect(h.cache.ready()).toBe(true);
    expect(h.cache.status().find((s) => s.ref.resource === 'widgets')).toMatchObject({ synced: false, broken: true, objects: 0 });
    expect(h.cache.snapshot.apiGet('/apis/example.com/v1/widgets')).toEqual({ found: false, reason: 'unavailable' });
    // Once the CRD is installed, the retries pick it up.
    h.server.addResource({ ...widgets, kind: 'Widget', namespaced: false, statusSubresource: false, custom: true });
    h.server.put(widgets, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    await until(() => h.cache.status().find((s) => s.ref.resource === 'widgets')?.synced === true, 'widgets synced after CRD install');
    expect(h.cache.get(widgets, undefined, 'w')).toBeDefined();
    expect(value(h.cache.snapshot.apiGet('/apis/example.com/v1/widgets/w'))).toMatchObject({ kind: 'Widget' });
    expect(value(h.cache.snapshot.apiGet('/apis/example.com/v1/widgets'))).toMatchObject({ kind: 'WidgetList', items: [{ metadata: { name: 'w' } }] });
  });

  test('stop() closes every watch', async () => {
    h = await harness();
    h.cache.setKinds([CONFIGMAPS]);
    await h.cache.start();
    await h.server.waitForWatches(2);
    await h.cache.stop();
    expect(h.cache.ready()).toBe(false);
    await until(() => h.server.watchCount() === 0, 'watches closed');
  });
});
