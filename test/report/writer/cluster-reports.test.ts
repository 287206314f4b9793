/** The serve wiring: cache DELETED and policy removal drop entries; ready() gates writes; stop() flushes last. */
import type { KubeConfig } from '@kubernetes/client-node';
import { type ClusterCache, createClusterCache } from '../../../src/cluster/cache/index.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { createPolicyStore, staticSource } from '../../../src/policy/store/index.js';
import { clusterReports, resourceKeyOf } from '../../../src/report/writer/index.js';
import type { FakeApiServer } from '../../support/fake-apiserver/index.js';
import { entry, reportServer, reportsIn, until } from './harness.js';

const PODS = { group: '', version: 'v1', resource: 'pods' } as const;
const policy = (name: string) =>
  parsePolicies(`apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: { name: ${name} }\nspec:\n  rules:\n    - name: r\n      match: { any: [ { resources: { kinds: [Pod] } } ] }\n      validate: { message: m, pattern: { metadata: { name: "?*" } } }\n`, 'p.yaml').policies;

let server: FakeApiServer;
let kubeConfig: KubeConfig;
let cache: ClusterCache;
beforeEach(async () => {
  ({ server, kubeConfig } = await reportServer());
  cache = createClusterCache({ kubeConfig, backoff: { initialMs: 20, maxMs: 80 } });
  cache.setKinds([PODS]);
  await cache.start();
});
afterEach(async () => {
  await cache.stop();
  await server.close();
});

describe('clusterReports', () => {
  test('a Pod deleted from the cluster and a policy removed from the set lose their entries', async () => {
    const source = staticSource('test', [...policy('require-labels'), ...policy('disallow-latest')]);
    const store = createPolicyStore([source]);
    const reports = clusterReports({ kubeConfig, cache, policies: store, isLeader: () => true, now: () => 1_700_000_000_000, flushIntervalMs: 20 });
    reports.start();
    try {
      const pod = server.put(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: {} });
      const uid = String(pod.metadata.uid);
      const other = entry({ name: 'other', uid: 'uid-other' });
      for (const p of ['require-labels', 'disallow-latest']) {
        reports.writer.record(uid, p, [entry({ policy: p, name: 'web', uid })]);
        reports.writer.record(resourceKeyOf(other.resource), p, [{ ...other, policy: p }]);
      }
      await until(() => reportsIn(server).length === 2);

      server.delete(PODS, 'web', 'default');
      await until(() => reportsIn(server).every((r) => r.results.length === 1));
      expect(reportsIn(server).map((r) => r.results[0].resources[0].name)).toEqual(['other', 'other']);

      source.set(policy('require-labels'));
      await until(() => reportsIn(server).length === 1);
      expect(reportsIn(server)[0].metadata.name).toBe('tollgate-cpol-require-labels-0');
    } finally {
      await reports.stop();
    }
  });

  test('nothing is listed or written before ready(); stop() writes what is pending', async () => {
    const store = createPolicyStore([staticSource('test', policy('require-labels'))]);
    const ready = { value: false };
    const reports = clusterReports({ kubeConfig, cache, policies: store, isLeader: () => true, ready: () => ready.value, now: () => 1_700_000_000_000, flushIntervalMs: 10_000 });
    reports.start();
    reports.writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await reports.writer.flush();
    expect(server.requests.filter((r) => r.path.includes('wgpolicyk8s.io'))).toEqual([]);
    ready.value = true;
    await reports.stop();
    expect(reportsIn(server)).toHaveLength(1);
  });
});
