/** The fake API server speaks the protocol client-node expects: CRUD, status, selectors, watch, bookmarks, 410. */
import {
  AdmissionregistrationV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { CLUSTER_POLICIES, CONFIGMAPS, type FakeApiServer, startFakeApiServer } from './fake-apiserver/index.js';

let server: FakeApiServer;
let kc: KubeConfig;
let custom: CustomObjectsApi;

beforeEach(async () => {
  server = await startFakeApiServer({ bookmarkIntervalMs: 50 });
  kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath);
  custom = kc.makeApiClient(CustomObjectsApi);
});
afterEach(async () => {
  await server.close();
});

const cpol = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name, labels },
  spec: { rules: [] },
});
const ref = { group: 'kyverno.io', version: 'v1', plural: 'clusterpolicies' };

interface Seen {
  type: string;
  rv: string;
  name?: string;
  code?: number;
}

/** Opens a raw watch and collects its events until `done`. */
function collect(path: string, query: Record<string, string | boolean | number>): { events: Seen[]; ended: Promise<unknown>; abort: () => void } {
  const events: Seen[] = [];
  let abort: () => void = () => undefined;
  const ended = new Promise((resolve) => {
    void new Watch(kc)
      .watch(
        path,
        query,
        (type, obj: { metadata?: { resourceVersion?: string; name?: string }; code?: number }) =>
          events.push({ type, rv: obj.metadata?.resourceVersion ?? '', ...(obj.metadata?.name ? { name: obj.metadata.name } : {}), ...(obj.code ? { code: obj.code } : {}) }),
        resolve,
      )
      .then((c) => (abort = () => c.abort()));
  });
  return { events, ended, abort: () => abort() };
}

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('fake API server: REST', () => {
  it('creates, gets, lists with resourceVersion, replaces with preconditions and deletes', async () => {
    const created = (await custom.createClusterCustomObject({ ...ref, body: cpol('a') })) as { metadata: { resourceVersion: string; uid: string; generation: number } };
    expect(created.metadata.uid).toMatch(/-/);
    expect(created.metadata.generation).toBe(1);
    await expect(custom.createClusterCustomObject({ ...ref, body: cpol('a') })).rejects.toMatchObject({ code: 409 });
    const list = (await custom.listClusterCustomObject(ref)) as { kind: string; metadata: { resourceVersion: string }; items: { kind: string }[] };
    expect(list.kind).toBe('ClusterPolicyList');
    expect(list.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
    expect(list.items.map((i) => i.kind)).toEqual(['ClusterPolicy']);
    const replaced = (await custom.replaceClusterCustomObject({ ...ref, name: 'a', body: { ...cpol('a'), spec: { background: false, rules: [] }, metadata: { name: 'a', resourceVersion: created.metadata.resourceVersion } } })) as { metadata: { generation: number } };
    expect(replaced.metadata.generation).toBe(2);
    await expect(custom.replaceClusterCustomObject({ ...ref, name: 'a', body: { ...cpol('a'), metadata: { name: 'a', resourceVersion: created.metadata.resourceVersion } } })).rejects.toMatchObject({ code: 409 });
    await custom.deleteClusterCustomObject({ ...ref, name: 'a' });
    await expect(custom.getClusterCustomObject({ ...ref, name: 'a' })).rejects.toMatchObject({ code: 404 });
  });

  it('writes status only through the status subresource (JSON patch and merge patch), without bumping generation', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    await custom.patchClusterCustomObjectStatus({ ...ref, name: 'a', body: [{ op: 'add', path: '/status', value: { ready: true } }] });
    let got = (await custom.getClusterCustomObject({ ...ref, name: 'a' })) as { status?: unknown; metadata: { generation: number } };
    expect(got.status).toEqual({ ready: true });
    expect(got.metadata.generation).toBe(1);
    await custom.patchClusterCustomObjectStatus({ ...ref, name: 'a', body: { status: { conditions: [{ type: 'Ready', status: 'True' }] } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    got = (await custom.getClusterCustomObject({ ...ref, name: 'a' })) as { status?: unknown; metadata: { generation: number } };
    expect(got.status).toEqual({ ready: true, conditions: [{ type: 'Ready', status: 'True' }] });
    // A main-resource write cannot change status.
    await custom.replaceClusterCustomObject({ ...ref, name: 'a', body: { ...cpol('a'), status: { ready: false } } });
    got = (await custom.getClusterCustomObject({ ...ref, name: 'a' })) as { status?: unknown; metadata: { generation: number } };
    expect(got.status).toEqual({ ready: true, conditions: [{ type: 'Ready', status: 'True' }] });
    const patches = server.requests.filter((r) => r.method === 'PATCH').map((r) => r.contentType);
    expect(patches).toEqual([PatchStrategy.JsonPatch, PatchStrategy.MergePatch]);
  });

  it.each([
    ['tier=web', ['a']],
    ['tier!=web', ['b', 'c']],
    ['tier in (web,db)', ['a', 'b']],
    ['tier notin (web)', ['b', 'c']],
    ['tier', ['a', 'b']],
    ['!tier', ['c']],
    ['tier=db,env=prod', ['b']],
  ])('lists with label selector %s', async (selector, names) => {
    server.put(CLUSTER_POLICIES, cpol('a', { tier: 'web' }));
    server.put(CLUSTER_POLICIES, cpol('b', { tier: 'db', env: 'prod' }));
    server.put(CLUSTER_POLICIES, cpol('c'));
    const list = (await custom.listClusterCustomObject({ ...ref, labelSelector: selector })) as { items: { metadata: { name: string } }[] };
    expect(list.items.map((i) => i.metadata.name)).toEqual(names);
  });

  it('serves namespaced built-in types, discovery for KubernetesObjectApi, and webhook configurations', async () => {
    const objects = KubernetesObjectApi.makeApiClient(kc);
    await objects.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns1' }, data: { a: '1' } } as never);
    expect(server.get(CONFIGMAPS, 'cm', 'ns1')).toMatchObject({ data: { a: '1' } });
    expect(server.list(CONFIGMAPS, 'ns2')).toEqual([]);
    const admission = kc.makeApiClient(AdmissionregistrationV1Api);
    await admission.createValidatingWebhookConfiguration({ body: { metadata: { name: 'tollgate' }, webhooks: [] } });
    const hooks = await admission.listValidatingWebhookConfiguration();
    expect(hooks.items.map((h) => h.metadata?.name)).toEqual(['tollgate']);
  });

  it('answers unknown paths with a 404 Status and injected failures with their status', async () => {
    await expect(custom.listClusterCustomObject({ group: 'nope.io', version: 'v1', plural: 'things' })).rejects.toMatchObject({ code: 404 });
    server.failNext({ method: 'GET', path: /clusterpolicies$/, status: 503 });
    await expect(custom.listClusterCustomObject(ref)).rejects.toMatchObject({ code: 503 });
    await expect(custom.listClusterCustomObject(ref)).resolves.toMatchObject({ items: [] });
  });
});

describe('fake API server: watch', () => {
  it('replays events after the given resourceVersion, then streams live changes', async () => {
    const first = server.put(CLUSTER_POLICIES, cpol('a'));
    server.put(CLUSTER_POLICIES, cpol('b'));
    const w = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(first.metadata.resourceVersion) });
    await server.waitForWatches(1, CLUSTER_POLICIES);
    server.put(CLUSTER_POLICIES, { ...cpol('a'), spec: { background: false, rules: [] } });
    server.delete(CLUSTER_POLICIES, 'b');
    await until(() => w.events.length >= 3);
    expect(w.events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED b', 'MODIFIED a', 'DELETED b']);
    expect(w.events.map((e) => Number(e.rv))).toEqual([...w.events.map((e) => Number(e.rv))].sort((x, y) => x - y));
    w.abort();
  });

  it('without a resourceVersion sends the current objects as ADDED', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    const w = collect('/apis/kyverno.io/v1/clusterpolicies', {});
    await until(() => w.events.length >= 1);
    expect(w.events).toEqual([expect.objectContaining({ type: 'ADDED', name: 'a' })]);
    w.abort();
  });

  it('sends bookmarks only when allowed, carrying the current resourceVersion', async () => {
    const plain = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(server.resourceVersion()) });
    const marked = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(server.resourceVersion()), allowWatchBookmarks: true });
    await server.waitForWatches(2);
    server.put(CONFIGMAPS, { metadata: { name: 'x', namespace: 'default' } });
    await until(() => marked.events.some((e) => e.type === 'BOOKMARK' && Number(e.rv) === server.resourceVersion()));
    expect(plain.events).toEqual([]);
    plain.abort();
    marked.abort();
  });

  it('answers a compacted resourceVersion with an ERROR event carrying a 410 Status, then ends the stream', async () => {
    const old = server.resourceVersion();
    server.put(CLUSTER_POLICIES, cpol('a'));
    server.compact();
    const w = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(old) });
    await w.ended;
    expect(w.events).toEqual([{ type: 'ERROR', rv: '', code: 410 }]);
    // The current resourceVersion is still watchable after compaction.
    const fresh = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(server.resourceVersion()) });
    await server.waitForWatches(1);
    fresh.abort();
  });

  it('ends the stream after timeoutSeconds, and drops or ends connections on demand', async () => {
    const timed = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(server.resourceVersion()), timeoutSeconds: 1 });
    await server.waitForWatches(1);
    await timed.ended;
    const dropped = collect('/apis/kyverno.io/v1/clusterpolicies', { resourceVersion: String(server.resourceVersion()) });
    await server.waitForWatches(1);
    server.dropWatches();
    await dropped.ended;
    expect(server.watchCount()).toBe(0);
  });

  it('feeds a client-node informer: initial list, then live add/update/delete', async () => {
    server.put(CLUSTER_POLICIES, cpol('a'));
    const informer = makeInformer(kc, '/apis/kyverno.io/v1/clusterpolicies', () => custom.listClusterCustomObject(ref));
    const log: string[] = [];
    informer.on('add', (o) => log.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => log.push(`update ${o.metadata?.name}`));
    informer.on('delete', (o) => log.push(`delete ${o.metadata?.name}`));
    await informer.start();
    server.put(CLUSTER_POLICIES, cpol('b'));
    server.put(CLUSTER_POLICIES, { ...cpol('a'), spec: { background: false, rules: [] } });
    server.delete(CLUSTER_POLICIES, 'b');
    await until(() => log.length >= 4);
    expect(log).toEqual(['add a', 'add b', 'update a', 'delete b']);
    await informer.stop();
  });
});
