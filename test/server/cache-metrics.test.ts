/** The cluster cache's Prometheus metrics, read from its status at scrape time. */
import { Registry } from 'prom-client';
import { registerCacheMetrics, type CacheKindStatus } from '../../src/server/cache-metrics.js';

test('objects, synced, relists, watch restarts and time since the last event, by kind', async () => {
  const registry = new Registry();
  let status: CacheKindStatus[] = [
    { ref: { group: '', version: 'v1', resource: 'namespaces' }, synced: true, objects: 12, relists: 1, watchRestarts: 2, msSinceLastEvent: 1500 },
    { ref: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' }, synced: false, objects: 0, relists: 0, watchRestarts: 0, msSinceLastEvent: undefined },
  ];
  registerCacheMetrics(registry, () => status);
  const text = await registry.metrics();
  expect(text).toContain('tollgate_cache_objects{kind="namespaces"} 12');
  expect(text).toContain('tollgate_cache_synced{kind="ingresses.networking.k8s.io"} 0');
  expect(text).toContain('tollgate_cache_relists_total{kind="namespaces"} 1');
  expect(text).toContain('tollgate_cache_watch_restarts_total{kind="namespaces"} 2');
  expect(text).toContain('tollgate_cache_seconds_since_last_event{kind="namespaces"} 1.5');
  expect(text).not.toContain('tollgate_cache_seconds_since_last_event{kind="ingresses.networking.k8s.io"}');
  // A kind that is no longer cached disappears at the next scrape.
  status = status.slice(0, 1);
  expect(await registry.metrics()).not.toContain('ingresses');
});
