/** The namespace cache against the fake API server (real HTTP, real list/watch protocol). */
import { KubeConfig } from '@kubernetes/client-node';
import { namespaceCache, type NamespaceCache } from '../../src/cluster/index.js';
import { NAMESPACES, startFakeApiServer, type FakeApiServer } from '../support/fake-apiserver/index.js';

let server: FakeApiServer;
let cache: NamespaceCache;

beforeEach(async () => {
  server = await startFakeApiServer();
});
afterEach(async () => {
  await cache?.stop();
  await server.close();
});

function start(): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath);
  cache = namespaceCache(kc, { backoff: { initialMs: 20, maxMs: 100 } });
  return cache.start();
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, managedFields: [{ manager: 'kubectl' }] } });

describe('namespace cache', () => {
  test('answers namespace lookups and namespace GETs from memory once listed; other lookups stay unavailable', async () => {
    server.put(NAMESPACES, ns('shop', { 'istio-injection': 'enabled' }));
    const kc = new KubeConfig();
    kc.loadFromFile(server.kubeconfigPath);
    cache = namespaceCache(kc);
    expect(cache.snapshot.namespace('shop')).toEqual({ found: false, reason: 'unavailable' });
    await cache.start();
    await until(() => cache.ready());
    const shop = cache.snapshot.namespace('shop');
    expect(shop.found && shop.value.metadata.labels).toEqual({ 'istio-injection': 'enabled' });
    expect(shop.found && 'managedFields' in shop.value.metadata).toBe(false);
    expect(cache.snapshot.namespace('nope')).toMatchObject({ found: false, reason: 'not-found' });
    expect(cache.snapshot.apiGet('/api/v1/namespaces/shop')).toMatchObject({ found: true, value: { metadata: { name: 'shop' } } });
    expect(cache.snapshot.apiGet('/api/v1/namespaces/shop/configmaps')).toEqual({ found: false, reason: 'unavailable' });
    expect(cache.snapshot.configMap('shop', 'x')).toEqual({ found: false, reason: 'unavailable' });
    const requestsAfterSync = server.requests.length;
    cache.snapshot.namespace('shop');
    expect(server.requests.length).toBe(requestsAfterSync);
  });

  test('follows label changes, new namespaces and deletions through the watch', async () => {
    server.put(NAMESPACES, ns('shop'));
    await start();
    await until(() => cache.ready());
    server.put(NAMESPACES, ns('shop', { 'istio-injection': 'enabled' }));
    server.put(NAMESPACES, ns('blog'));
    await until(() => {
      const shop = cache.snapshot.namespace('shop');
      return shop.found && shop.value.metadata.labels?.['istio-injection'] === 'enabled' && cache.snapshot.namespace('blog').found;
    });
    server.delete(NAMESPACES, 'blog');
    await until(() => !cache.snapshot.namespace('blog').found);
  });

  test('a failing first list keeps it unready and unavailable, then it recovers', async () => {
    server.put(NAMESPACES, ns('shop'));
    server.failNext({ method: 'GET', path: /\/api\/v1\/namespaces$/, watch: false, status: 503, times: 2 });
    await start();
    expect(cache.snapshot.namespace('shop')).toMatchObject({ found: false, reason: 'unavailable' });
    await until(() => cache.ready() && cache.snapshot.namespace('shop').found);
  });
});
