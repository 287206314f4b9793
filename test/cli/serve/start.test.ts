/** startServer in-process: the directory and a (fake) cluster as policy sources, over HTTPS. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../../../src/cli/serve/start.js';
import { resolveConfig, type Config } from '../../../src/config/index.js';
import { generateCertificates } from '../../../src/tls/index.js';
import { postJson, send } from '../../server/http-client.js';
import { fixedEnv, fixtureReview, labelled, LogCapture, podReview } from '../../server/support.js';
import { CLUSTER_POLICIES, NAMESPACES, startFakeApiServer, type FakeApiServer } from '../../support/fake-apiserver/index.js';

const certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['127.0.0.1'], now: new Date() });
let dir: string;
let api: FakeApiServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tollgate-start-'));
  writeFileSync(path.join(dir, 'tls.crt'), certs.serving.cert);
  writeFileSync(path.join(dir, 'tls.key'), certs.serving.key);
  api = await startFakeApiServer();
  // The kinds the shipped cross-resource policies read, as a real cluster serves them.
  api.addResource({ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, statusSubresource: true, custom: false });
  api.addResource({ group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true, statusSubresource: true, custom: false });
  api.addResource({ group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, statusSubresource: false, custom: false });
  api.addResource({ group: '', version: 'v1', resource: 'resourcequotas', kind: 'ResourceQuota', namespaced: true, statusSubresource: true, custom: false });
  api.addResource({ group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'policyreports', kind: 'PolicyReport', namespaced: true, statusSubresource: false, custom: true });
  api.addResource({ group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'clusterpolicyreports', kind: 'ClusterPolicyReport', namespaced: false, statusSubresource: false, custom: true });
});
afterAll(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

function config(extra: Record<string, string>): Config {
  const r = resolveConfig({ host: '127.0.0.1', port: '0', cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key'), ...extra }, {});
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

const denyNamedBad = {
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'cluster-no-bad-names' },
  spec: {
    validationFailureAction: 'Enforce',
    rules: [{ name: 'no-bad', match: { any: [{ resources: { kinds: ['Deployment'] } }] }, validate: { message: 'bad name', deny: { conditions: { any: [{ key: '{{ request.object.metadata.name }}', operator: 'Equals', value: 'bad' }] } } } }],
  },
};

test('with a kubeconfig, policies from the directory and from the cluster both apply', async () => {
  api.put(CLUSTER_POLICIES, denyNamedBad);
  const log = new LogCapture();
  let running: RunningServer | undefined;
  try {
    running = await startServer(config({ kubeconfig: api.kubeconfigPath }), { env: fixedEnv, logStream: log });
    const base = `https://127.0.0.1:${running.port}`;
    for (let i = 0; i < 100 && (await send(`${base}/readyz`, { ca: certs.ca.cert })).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    const ready = await send(`${base}/readyz`, { ca: certs.ca.cert });
    expect(ready.status).toBe(200);

    const fromCluster = await postJson(`${base}/validate`, fixtureReview({ object: labelled('bad') }), { ca: certs.ca.cert });
    expect(fromCluster.json<{ response: { allowed: boolean; status?: { message?: string } } }>().response).toMatchObject({ allowed: false, status: { message: expect.stringContaining('cluster-no-bad-names') } });
    const fromDirectory = await postJson(`${base}/validate`, fixtureReview(), { ca: certs.ca.cert });
    expect(fromDirectory.json<{ response: { status?: { message?: string } } }>().response.status?.message).toContain('require-labels');
    const good = await postJson(`${base}/validate`, fixtureReview({ object: labelled('good') }), { ca: certs.ca.cert });
    expect(good.json<{ response: { allowed: boolean; status?: unknown } }>().response).toMatchObject({ allowed: true });
    expect(log.lines.map((l) => l.msg)).toContain('watching ClusterPolicy and Policy objects in the cluster');
  } finally {
    await running?.close();
  }
});

test('with a kubeconfig, namespace labels come from the cluster: a Pod of a Deployment in an injection-enabled namespace gets the sidecar', async () => {
  api.put(NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mesh', labels: { 'istio-injection': 'enabled' } } });
  let running: RunningServer | undefined;
  try {
    running = await startServer(config({ kubeconfig: api.kubeconfigPath }), { env: fixedEnv, logStream: new LogCapture() });
    const base = `https://127.0.0.1:${running.port}`;
    for (let i = 0; i < 100 && (await send(`${base}/readyz`, { ca: certs.ca.cert })).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    const ready = await send(`${base}/readyz`, { ca: certs.ca.cert });
    expect(ready.json<{ checks: Record<string, boolean> }>().checks).toMatchObject({ policies: true, 'cluster-cache': true });
    const pod = { metadata: { generateName: 'web-7d4b9-', namespace: 'mesh', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9', uid: 'u', controller: true }] }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
    const out = (await postJson(`${base}/mutate`, podReview('ns-1', pod, { namespace: 'mesh' }), { ca: certs.ca.cert })).json<{ response: { patchType?: string; patch?: string } }>();
    expect(out.response.patchType).toBe('JSONPatch');
    const ops = JSON.parse(Buffer.from(out.response.patch ?? '', 'base64').toString('utf8')) as { path: string; value?: { name?: string } }[];
    expect(ops.find((o) => o.path === '/spec/containers/1')?.value?.name).toBe('istio-proxy');
    const elsewhere = (await postJson(`${base}/mutate`, podReview('ns-2', { ...pod, metadata: { ...pod.metadata, namespace: 'default' } }, { namespace: 'default' }), { ca: certs.ca.cert })).json<{ response: Record<string, unknown> }>();
    expect(elsewhere.response).toEqual({ uid: 'ns-2', allowed: true });
  } finally {
    await running?.close();
  }
});

test('with a kubeconfig, the elected leader generates for an admitted Namespace (shipped default-deny and quota policies)', async () => {
  const NETWORK_POLICIES = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' };
  const QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas' };
  const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
  const log = new LogCapture();
  let running: RunningServer | undefined;
  try {
    running = await startServer(config({ kubeconfig: api.kubeconfigPath }), { env: fixedEnv, logStream: log });
    const base = `https://127.0.0.1:${running.port}`;
    for (let i = 0; i < 100 && (await send(`${base}/readyz`, { ca: certs.ca.cert })).status !== 200; i++) await new Promise((r) => setTimeout(r, 50));
    // The API server stores the Namespace, then asks Tollgate: admission, and the leader creates what the rules say.
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-gen', labels: { team: 'gen' } } };
    api.put({ group: '', version: 'v1', resource: 'namespaces' }, namespace);
    const review = {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'gen-1', kind: { group: '', version: 'v1', kind: 'Namespace' }, resource: { group: '', version: 'v1', resource: 'namespaces' }, name: 'team-gen', operation: 'CREATE', userInfo: { username: 'alice' }, object: namespace },
    };
    const out = (await postJson(`${base}/validate`, review, { ca: certs.ca.cert })).json<{ response: { allowed: boolean } }>();
    expect(out.response.allowed).toBe(true);
    for (let i = 0; i < 200 && (api.list(NETWORK_POLICIES, 'team-gen').length === 0 || api.list(QUOTAS, 'team-gen').length === 0); i++) await new Promise((r) => setTimeout(r, 50));
    expect(api.list(NETWORK_POLICIES, 'team-gen').map((o) => o.metadata.labels)).toEqual([expect.objectContaining({ 'app.kubernetes.io/managed-by': 'tollgate' })]);
    expect(api.list(QUOTAS, 'team-gen')).toHaveLength(1);
    expect(api.list(LEASES, 'tollgate').map((l) => (l as { spec?: { holderIdentity?: string } }).spec?.holderIdentity)).toEqual([expect.any(String)]);
    expect(log.lines.map((l) => l.msg)).toContain('became the leader: background work runs here');
  } finally {
    await running?.close();
  }
});

test('with a kubeconfig, the leader scans existing resources and writes PolicyReports', async () => {
  const REPORTS = { group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'policyreports' };
  api.put({ group: '', version: 'v1', resource: 'pods' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'unlabelled', namespace: 'audit' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  let running: RunningServer | undefined;
  try {
    running = await startServer(config({ kubeconfig: api.kubeconfigPath }), { env: fixedEnv, logStream: new LogCapture() });
    const withResults = (): { results?: { policy: string; rule: string; result: string; resources: { name: string }[]; properties?: { process?: string } }[] }[] =>
      api.list(REPORTS, 'audit') as never;
    for (let i = 0; i < 200 && !withResults().some((r) => (r.results ?? []).some((x) => x.policy === 'require-labels')); i++) await new Promise((r) => setTimeout(r, 50));
    const results = withResults().flatMap((r) => r.results ?? []);
    expect(results).toContainEqual(
      expect.objectContaining({ policy: 'require-labels', rule: 'check-for-labels', result: 'fail', resources: [expect.objectContaining({ name: 'unlabelled' })], properties: { process: 'background scan' } }),
    );
  } finally {
    await running?.close();
  }
});

test('with a kubeconfig and two replicas, a follower\'s admission result reaches the leader\'s PolicyReport (ConfigMap hand-off)', async () => {
  const REPORTS = { group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'policyreports' };
  const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
  const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' };
  // Admission-only (background: false): no scan of the leader's can produce this result.
  const policies = mkdtempSync(path.join(tmpdir(), 'tollgate-handoff-'));
  const auditTeam = {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: 'audit-team' },
    spec: {
      validationFailureAction: 'Audit',
      background: false,
      rules: [{ name: 'check-team', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: 'label team is required', pattern: { metadata: { labels: { team: '?*' } } } } }],
    },
  };
  writeFileSync(path.join(policies, 'audit-team.json'), JSON.stringify(auditTeam));
  const replicas: RunningServer[] = [];
  try {
    const start = async (name: string): Promise<string> => {
      process.env.POD_NAME = name;
      const r = await startServer(config({ kubeconfig: api.kubeconfigPath, policies }), { env: fixedEnv, logStream: new LogCapture() });
      replicas.push(r);
      return `https://127.0.0.1:${r.port}`;
    };
    await start('tollgate-a');
    const holder = (): string | undefined => (api.list(LEASES, 'tollgate')[0] as { spec?: { holderIdentity?: string } } | undefined)?.spec?.holderIdentity;
    for (let i = 0; i < 200 && !holder()?.startsWith('tollgate-a'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(holder()).toMatch(/^tollgate-a-/);
    const follower = await start('tollgate-b');

    const review = podReview('handoff-1', { metadata: { name: 'web', namespace: 'handoff', uid: 'uid-handoff-web' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } }, { namespace: 'handoff', name: 'web' });
    const out = (await postJson(`${follower}/validate`, review, { ca: certs.ca.cert })).json<{ response: { allowed: boolean; warnings?: string[] } }>();
    expect(out.response.allowed).toBe(true);
    expect(out.response.warnings).toEqual([expect.stringContaining('policy audit-team.check-team')]);

    type Result = { policy: string; result: string; resources: { name: string }[]; properties?: { process?: string } };
    const results = (): Result[] => (api.list(REPORTS, 'handoff') as { results?: Result[] }[]).flatMap((r) => r.results ?? []);
    for (let i = 0; i < 300 && !results().some((x) => x.policy === 'audit-team'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(results()).toEqual([expect.objectContaining({ policy: 'audit-team', result: 'fail', resources: [expect.objectContaining({ name: 'web' })], properties: { process: 'admission review' } })]);
    // The leader deletes each hand-off object once applied.
    for (let i = 0; i < 100 && api.list(CONFIGMAPS, 'tollgate').length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(api.list(CONFIGMAPS, 'tollgate')).toEqual([]);
  } finally {
    delete process.env.POD_NAME;
    for (const r of replicas.reverse()) await r.close();
    rmSync(policies, { recursive: true, force: true });
  }
}, 30_000);

test('a kubeconfig that cannot be loaded is a startup error', async () => {
  await expect(startServer(config({ kubeconfig: path.join(dir, 'missing-kubeconfig') }), { env: fixedEnv, logStream: new LogCapture() })).rejects.toThrow(/cannot load the cluster configuration/);
});

test('a policy file added to the directory applies to the next requests, without a restart', async () => {
  const policies = mkdtempSync(path.join(tmpdir(), 'tollgate-policies-'));
  let running: RunningServer | undefined;
  try {
    running = await startServer(config({ policies }), { env: fixedEnv, logStream: new LogCapture() });
    const base = `https://127.0.0.1:${running.port}`;
    const allowed = async (): Promise<boolean> =>
      (await postJson(`${base}/validate`, fixtureReview({ object: labelled('bad') }), { ca: certs.ca.cert })).json<{ response: { allowed: boolean } }>().response.allowed;
    expect(await allowed()).toBe(true);
    writeFileSync(path.join(policies, 'p.json'), JSON.stringify(denyNamedBad));
    let now = true;
    for (let i = 0; i < 100 && now; i++) {
      await new Promise((r) => setTimeout(r, 50));
      now = await allowed();
    }
    expect(now).toBe(false);
  } finally {
    await running?.close();
    rmSync(policies, { recursive: true, force: true });
  }
});
