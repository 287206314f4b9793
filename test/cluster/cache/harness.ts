/** A cluster cache wired to a fresh fake API server, and the waiting helpers the cache tests share. */
import { KubeConfig } from '@kubernetes/client-node';
import { type CacheChange, type ClusterCache, type ClusterCacheOptions, createClusterCache } from '../../../src/cluster/cache/index.js';
import { type FakeApiServer, startFakeApiServer } from '../../support/fake-apiserver/index.js';

export const INGRESSES = { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' } as const;

export interface Harness {
  server: FakeApiServer;
  cache: ClusterCache;
  changes: CacheChange[];
  problems: unknown[];
  /** The cache's clock (ms); tests move it to age broken informers. */
  clock: { now: number };
  close(): Promise<void>;
}

export async function harness(options: Partial<Omit<ClusterCacheOptions, 'kubeConfig'>> = {}): Promise<Harness> {
  // Bookmarks keep healthy watches from looking stale to a short watchdog.
  const server = await startFakeApiServer({ bookmarkIntervalMs: 50 });
  server.addResource({ ...INGRESSES, kind: 'Ingress', namespaced: true, statusSubresource: true, custom: false });
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath);
  const clock = { now: 1_000_000 };
  const problems: unknown[] = [];
  const cache = createClusterCache({
    kubeConfig: kc,
    backoff: { initialMs: 20, maxMs: 80 },
    now: () => clock.now,
    onProblem: (p) => problems.push(p.error),
    ...options,
  });
  const changes: CacheChange[] = [];
  cache.onChange((c) => changes.push(c));
  return {
    server,
    cache,
    changes,
    problems,
    clock,
    async close() {
      await cache.stop();
      await server.close();
    },
  };
}

export async function until(check: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

export const cm = (namespace: string, name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { namespace, name, labels },
  data,
});

export const ingress = (namespace: string, name: string, host: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { namespace, name, labels },
  spec: { rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
});
