/** The cluster policy source against the fake API server (real HTTP, real list/watch protocol). */
import { KubeConfig } from '@kubernetes/client-node';
import type { JsonObject } from '../../src/api/json.js';
import type { PolicySource } from '../../src/policy/store/index.js';
import { type ClusterSourceProblem, clusterPolicySource } from '../../src/cluster/index.js';
import { CLUSTER_POLICIES, CONFIGMAPS, type FakeApiServer, POLICIES, startFakeApiServer } from '../support/fake-apiserver/index.js';

function cpol(name: string, action = 'Enforce', extra: JsonObject = {}): JsonObject & { metadata: JsonObject } {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name, managedFields: [{ manager: 'kubectl', operation: 'Apply' }], ...extra },
    spec: {
      validationFailureAction: action,
      rules: [{ name: 'check', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'm', pattern: { metadata: { name: '?*' } } } }],
    },
  };
}

function pol(namespace: string, name: string): JsonObject {
  return { ...cpol(name), kind: 'Policy', metadata: { name, namespace } };
}

/** No `match`: fails the schema. */
function broken(name: string): JsonObject {
  return { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name }, spec: { rules: [{ name: 'r', validate: { message: 'm' } }] } };
}

let server: FakeApiServer;
let source: PolicySource;
let problems: ClusterSourceProblem[];
let changes: number;

beforeEach(async () => {
  server = await startFakeApiServer();
  problems = [];
  changes = 0;
});
afterEach(async () => {
  await source?.close();
  await server.close();
});

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath);
  return kc;
}

async function startSource(): Promise<void> {
  source = clusterPolicySource(kubeConfig(), { backoff: { initialMs: 20, maxMs: 100 }, onProblem: (p) => problems.push(p) });
  source.onChange(() => changes++);
  await source.start();
}

function keys(): string[] {
  return source.current().policies.map((p) => `${p.key}:${p.policy.spec.validationFailureAction}`);
}

function readyOf(name: string, ref: typeof CLUSTER_POLICIES | typeof POLICIES = CLUSTER_POLICIES, namespace?: string): { status?: string; message?: string } | undefined {
  const obj = server.get(ref, name, namespace) as { status?: { conditions?: { type: string; status: string; message: string }[] } } | undefined;
  const c = obj?.status?.conditions?.find((x) => x.type === 'Ready');
  return c && { status: c.status, message: c.message };
}

async function until(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; policies ${JSON.stringify(source ? keys() : [])}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const statusPatches = (): number => server.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/status')).length;

describe('clusterPolicySource', () => {
  it('serves the initial list of both kinds, is ready only after it, and writes Ready=True', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    server.put(POLICIES, pol('team', 'p'));
    source = clusterPolicySource(kubeConfig());
    expect(source.ready()).toBe(false);
    await source.start();
    expect(source.ready()).toBe(true);
    expect(source.current().policies.map((p) => [p.key, p.policy.kind, p.source?.file, p.rules.map((r) => r.name)])).toEqual([
      ['a', 'ClusterPolicy', 'cluster:ClusterPolicy/a', ['check', 'autogen-check', 'autogen-cronjob-check']],
      ['team/p', 'Policy', 'cluster:Policy/team/p', ['check', 'autogen-check', 'autogen-cronjob-check']],
    ]);
    // managedFields never reach the converted policy.
    expect(source.current().policies[0].policy.metadata.managedFields).toBeUndefined();
    await until(() => readyOf('a')?.status === 'True' && readyOf('p', POLICIES, 'team')?.status === 'True', 'Ready conditions');
    expect(server.requests.filter((r) => r.method === 'PATCH').map((r) => r.contentType)).toEqual(['application/merge-patch+json', 'application/merge-patch+json']);
  });

  it('follows live add, update and delete, and a status write never causes a reload', async () => {
    await startSource();
    const steps: [string, () => void, string[]][] = [
      ['add', () => server.put(CLUSTER_POLICIES, cpol('a')), ['a:Enforce']],
      ['add policy', () => server.put(POLICIES, pol('ns1', 'p')), ['a:Enforce', 'ns1/p:Enforce']],
      ['update', () => server.put(CLUSTER_POLICIES, cpol('a', 'Audit')), ['a:Audit', 'ns1/p:Enforce']],
      ['delete', () => server.delete(CLUSTER_POLICIES, 'a'), ['ns1/p:Enforce']],
    ];
    for (const [label, act, expected] of steps) {
      const before = changes;
      act();
      await until(() => changes > before, label);
      expect([label, keys()]).toEqual([label, expected]);
    }
    // Both remaining/earlier objects had their status written; the resulting MODIFIED events changed nothing.
    await until(() => readyOf('p', POLICIES, 'ns1')?.status === 'True', 'status of p');
    const settled = changes;
    const writes = statusPatches();
    await new Promise((r) => setTimeout(r, 150));
    expect(changes).toBe(settled);
    expect(statusPatches()).toBe(writes);
  });

  it('reports an invalid policy in its status, leaves it out, and recovers when it is fixed', async () => {
    server.put(CLUSTER_POLICIES, broken('bad'));
    await startSource();
    expect(keys()).toEqual([]);
    expect([...new Set(source.current().errors.map((e) => `${e.kind} ${e.file} ${e.policy}`))]).toEqual(['schema cluster:ClusterPolicy/bad bad']);
    await until(() => readyOf('bad')?.status === 'False', 'Ready=False');
    expect(readyOf('bad')?.message).toMatch(/^spec\.rules\[0\]/);
    const before = changes;
    server.put(CLUSTER_POLICIES, cpol('bad'));
    await until(() => changes > before, 'the fix');
    expect(keys()).toEqual(['bad:Enforce']);
    expect(source.current().errors).toEqual([]);
    await until(() => readyOf('bad')?.status === 'True', 'Ready=True');
  });

  it('writes status only when the condition changes', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    await startSource();
    await until(() => readyOf('a')?.status === 'True', 'Ready');
    const writes = statusPatches();
    // A label change is a change of content (reload) but not of the condition.
    const before = changes;
    server.put(CLUSTER_POLICIES, cpol('a', 'Enforce', { labels: { team: 'x' } }));
    await until(() => changes > before, 'label change');
    await new Promise((r) => setTimeout(r, 100));
    expect(statusPatches()).toBe(writes);
    // Someone overwrites the condition: it is put back.
    server.put(CLUSTER_POLICIES, { ...cpol('a', 'Enforce', { labels: { team: 'x' } }), status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Failed', message: 'tampered' }] } });
    await until(() => readyOf('a')?.status === 'True', 'condition restored');
    expect(statusPatches()).toBe(writes + 1);
  });

  it('recovers after the watch connection drops, catching up on changes made meanwhile', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    await startSource();
    await server.waitForWatches(2);
    const before = changes;
    // Synchronous: the change happens before any reconnect, so it must come from the resumed watch.
    server.dropWatches();
    server.put(CLUSTER_POLICIES, cpol('b'));
    await until(() => changes > before, 'catch-up after drop');
    expect(keys()).toEqual(['a:Enforce', 'b:Enforce']);
    await server.waitForWatches(2);
    const after = changes;
    server.put(CLUSTER_POLICIES, cpol('c'));
    await until(() => changes > after, 'live after reconnect');
    expect(keys()).toEqual(['a:Enforce', 'b:Enforce', 'c:Enforce']);
  });

  it('relists after 410 Gone: deletions and changes missed while disconnected are applied', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    server.put(CLUSTER_POLICIES, cpol('b'));
    await startSource();
    await server.waitForWatches(2);
    const lists = server.requests.filter((r) => r.method === 'GET' && !r.watch && r.path.endsWith('/clusterpolicies')).length;
    const before = changes;
    server.dropWatches();
    server.delete(CLUSTER_POLICIES, 'a');
    server.put(CLUSTER_POLICIES, cpol('b', 'Audit'));
    server.put(CONFIGMAPS, { metadata: { name: 'unrelated', namespace: 'default' } });
    server.compact();
    await until(() => changes > before && keys().join() === 'b:Audit', 'relist');
    expect(server.requests.filter((r) => r.method === 'GET' && !r.watch && r.path.endsWith('/clusterpolicies')).length).toBe(lists + 1);
    expect(source.ready()).toBe(true);
  });

  it('is not ready while listing fails, retries with backoff, then becomes ready', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    server.failNext({ method: 'GET', path: /clusterpolicies$/, watch: false, status: 500, times: 3 });
    await startSource();
    expect(source.ready()).toBe(false);
    await until(() => source.ready(), 'ready after retries');
    expect(keys()).toEqual(['a:Enforce']);
    const retries = problems.filter((p) => p.type === 'watch').map((p) => (p.type === 'watch' ? p.retryInMs : 0));
    expect(retries).toEqual([20, 40, 80]);
  });

  it('restarts a watch the server refuses (not 410), keeping the cached policies', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    await startSource();
    await server.waitForWatches(2);
    server.failNext({ method: 'GET', path: /clusterpolicies$/, watch: true, status: 503, times: 2 });
    server.endWatches();
    const before = changes;
    server.put(CLUSTER_POLICIES, cpol('b'));
    await until(() => changes > before, 'catch-up after refused watches');
    expect(keys()).toEqual(['a:Enforce', 'b:Enforce']);
    expect(problems.filter((p) => p.type === 'watch' && p.kind === 'ClusterPolicy')).toHaveLength(2);
  });

  it('never mutates the objects it is given (normalisation works on a copy)', async () => {
    const obj = cpol('a', 'enforce');
    const { convertPolicyObject } = await import('../../src/cluster/index.js');
    const frozen = structuredClone(obj);
    const result = convertPolicyObject('ClusterPolicy', frozen);
    expect(result.policies[0].policy.spec.validationFailureAction).toBe('Enforce');
    expect(frozen).toEqual(obj);
  });
});
