/** The report writer against the fake API server: create, update, split, delete, leader-only, retries, cleanup. */
import type { KubeConfig } from '@kubernetes/client-node';
import { nameKeyOf, resourceKeyOf } from '../../../src/report/writer/index.js';
import type { FakeApiServer } from '../../support/fake-apiserver/index.js';
import { CLUSTER_POLICY_REPORTS, POLICY_REPORTS, clusterReports, entry, harnessWriter, names, reportServer, reportsIn, until, writes } from './harness.js';

let server: FakeApiServer;
let kubeConfig: KubeConfig;

beforeEach(async () => {
  ({ server, kubeConfig } = await reportServer());
});
afterEach(async () => {
  await server.close();
});

describe('reportWriter: rendering into the cluster', () => {
  test('recorded entries become PolicyReports per namespace and policy and a ClusterPolicyReport, with summaries', async () => {
    const { writer, problems } = harnessWriter(kubeConfig);
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    writer.record('uid-b', 'require-labels', [entry({ name: 'b', uid: 'uid-b', result: 'fail' }), entry({ name: 'b', uid: 'uid-b', rule: 'check-owner', result: 'warn' })]);
    writer.record('uid-c', 'require-labels', [entry({ name: 'c', uid: 'uid-c', namespace: 'prod', result: 'skip' })]);
    writer.record('uid-c', 'disallow-latest', [entry({ policy: 'disallow-latest', name: 'c', uid: 'uid-c', namespace: 'prod', result: 'error' })]);
    writer.record('uid-ns', 'require-labels', [entry({ kind: 'Namespace', namespace: '', name: 'prod', uid: 'uid-ns', result: 'fail' })]);
    await writer.flush();

    expect(problems).toEqual([]);
    const byKey = Object.fromEntries([...reportsIn(server), ...clusterReports(server)].map((r) => [`${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`, r.summary]));
    expect(byKey).toEqual({
      'PolicyReport/default/tollgate-cpol-require-labels-0': { pass: 1, fail: 1, warn: 1, error: 0, skip: 0 },
      'PolicyReport/prod/tollgate-cpol-require-labels-0': { pass: 0, fail: 0, warn: 0, error: 0, skip: 1 },
      'PolicyReport/prod/tollgate-cpol-disallow-latest-0': { pass: 0, fail: 0, warn: 0, error: 1, skip: 0 },
      'ClusterPolicyReport//tollgate-cpol-require-labels-0': { pass: 0, fail: 1, warn: 0, error: 0, skip: 0 },
    });
    const report = server.get(POLICY_REPORTS, 'tollgate-cpol-require-labels-0', 'default');
    expect(report?.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'tollgate', 'reports.tollgate.io/policy': 'require-labels' });
    expect(writer.stats()).toEqual({ groups: 4, entries: 6, reports: 4, pending: 0 });
    // Nothing changed: a second flush writes nothing.
    server.clearRequests();
    await writer.flush();
    expect(writes(server)).toEqual([]);
  });

  test('a new evaluation replaces the pair\'s results: the report is updated with PUT; [] removes the pair', async () => {
    const { writer } = harnessWriter(kubeConfig);
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    writer.record('uid-b', 'require-labels', [entry({ name: 'b', uid: 'uid-b' })]);
    await writer.flush();
    server.clearRequests();

    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'pass', seconds: 1_700_000_100 })]);
    await writer.flush();
    expect(writes(server)).toEqual(['PUT /namespaces/default/policyreports/tollgate-cpol-require-labels-0 200']);
    expect(reportsIn(server, 'default')[0].summary).toEqual({ pass: 2, fail: 0, warn: 0, error: 0, skip: 0 });

    writer.record('uid-a', 'require-labels', []);
    await writer.flush();
    const [report] = reportsIn(server, 'default');
    expect(report.summary.pass).toBe(1);
    expect(report.results.map((r) => r.resources[0].name)).toEqual(['b']);
  });

  test('a large group is split under maxReportBytes, and shards that are no longer needed are deleted', async () => {
    const { writer, problems } = harnessWriter(kubeConfig, { maxReportBytes: 8 * 1024, maxWritesPerSecond: 100 });
    for (let i = 0; i < 120; i++) writer.record(`uid-${i}`, 'require-labels', [entry({ name: `pod-${String(i).padStart(3, '0')}`, uid: `uid-${i}`, result: i % 3 === 0 ? 'fail' : 'pass' })]);
    await writer.flush();
    expect(problems).toEqual([]);
    const shards = reportsIn(server, 'default');
    expect(shards.length).toBeGreaterThan(2);
    for (const s of shards) expect(JSON.stringify(s).length).toBeLessThan(8 * 1024 + 600); // + server metadata
    expect(shards.reduce((n, s) => n + s.results.length, 0)).toBe(120);
    expect(shards.reduce((n, s) => n + s.summary.fail, 0)).toBe(40);

    for (let i = 3; i < 120; i++) writer.forgetResource(`uid-${i}`);
    await writer.flush();
    expect(names(reportsIn(server, 'default'))).toEqual(['tollgate-cpol-require-labels-0']);
    expect(reportsIn(server, 'default')[0].summary).toEqual({ pass: 2, fail: 1, warn: 0, error: 0, skip: 0 });
  });

  test('forgetting the last resource of a report deletes it; forgetting a policy deletes only its reports', async () => {
    const { writer } = harnessWriter(kubeConfig);
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    writer.record('uid-a', 'disallow-latest', [entry({ policy: 'disallow-latest', name: 'a', uid: 'uid-a' })]);
    writer.record('uid-b', 'disallow-latest', [entry({ policy: 'disallow-latest', name: 'b', namespace: 'prod', uid: 'uid-b' })]);
    writer.record('uid-n', 'disallow-latest', [entry({ policy: 'disallow-latest', kind: 'Namespace', namespace: '', name: 'prod', uid: 'uid-n' })]);
    await writer.flush();
    expect(names([...reportsIn(server), ...clusterReports(server)])).toEqual(['tollgate-cpol-disallow-latest-0', 'tollgate-cpol-disallow-latest-0', 'tollgate-cpol-disallow-latest-0', 'tollgate-cpol-require-labels-0']);

    writer.forgetResource('uid-b');
    await writer.flush();
    expect(reportsIn(server, 'prod')).toEqual([]);

    writer.forgetPolicy('disallow-latest');
    await writer.flush();
    expect(names(reportsIn(server))).toEqual(['tollgate-cpol-require-labels-0']);
    expect(clusterReports(server)).toEqual([]);
    expect(writer.stats()).toEqual({ groups: 1, entries: 1, reports: 1, pending: 0 });
  });

  test('an admission CREATE keyed by name is replaced by the uid-keyed evaluation; forgetting the resource drops both', async () => {
    const { writer } = harnessWriter(kubeConfig);
    const created = entry({ name: 'a', result: 'fail' });
    writer.record(resourceKeyOf(created.resource), 'require-labels', [created]);
    expect(resourceKeyOf(created.resource)).toBe('v1/Pod/default/a');
    await writer.flush();
    expect(reportsIn(server)[0].results.map((r) => r.resources[0].uid)).toEqual([undefined]);

    const scanned = entry({ name: 'a', uid: 'uid-a', result: 'pass' });
    writer.record(resourceKeyOf(scanned.resource), 'require-labels', [scanned]);
    await writer.flush();
    expect(reportsIn(server)[0].results.map((r) => [r.resources[0].uid, r.result])).toEqual([['uid-a', 'pass']]);

    // Both forms present again (a CREATE of the same name while the uid entry lingers): the ref forgets both.
    writer.record(nameKeyOf(created.resource), 'require-labels', [created]);
    writer.forgetResource(scanned.resource);
    await writer.flush();
    expect(reportsIn(server)).toEqual([]);
  });
});

describe('reportWriter: leadership, failures and cleanup', () => {
  test('a follower writes nothing; when it becomes leader it lists the cluster, then writes', async () => {
    const { writer, leader } = harnessWriter(kubeConfig);
    leader.value = false;
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await writer.flush();
    expect(server.requests).toEqual([]);

    leader.value = true;
    await writer.flush();
    const calls = server.requests.map((r) => `${r.method} ${r.path.replace('/apis/wgpolicyk8s.io/v1alpha2', '')}`);
    expect(calls.slice(0, 2).sort()).toEqual(['GET /clusterpolicyreports', 'GET /policyreports']);
    expect(server.requests[0].query.labelSelector).toBe('app.kubernetes.io/managed-by=tollgate');
    expect(calls.slice(2)).toEqual(['POST /namespaces/default/policyreports']);
    expect(reportsIn(server)).toHaveLength(1);
  });

  test('the first flush as leader deletes stale Tollgate reports and corrects changed ones; foreign reports stay', async () => {
    const labels = { 'app.kubernetes.io/managed-by': 'tollgate' };
    server.put(POLICY_REPORTS, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'tollgate-cpol-old-policy-0', namespace: 'default', labels }, results: [] });
    server.put(CLUSTER_POLICY_REPORTS, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'ClusterPolicyReport', metadata: { name: 'tollgate-cpol-old-policy-0', labels }, results: [] });
    server.put(POLICY_REPORTS, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'tollgate-cpol-require-labels-0', namespace: 'default', labels }, results: [] });
    server.put(POLICY_REPORTS, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'kyverno-report', namespace: 'default', labels: { 'app.kubernetes.io/managed-by': 'kyverno' } }, results: [] });
    const { writer, problems } = harnessWriter(kubeConfig);
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await writer.flush();
    expect(problems).toEqual([]);
    expect(writes(server).sort()).toEqual([
      'DELETE /clusterpolicyreports/tollgate-cpol-old-policy-0 200',
      'DELETE /namespaces/default/policyreports/tollgate-cpol-old-policy-0 200',
      'PUT /namespaces/default/policyreports/tollgate-cpol-require-labels-0 200',
    ]);
    expect(names(reportsIn(server))).toEqual(['kyverno-report', 'tollgate-cpol-require-labels-0']);
    expect(reportsIn(server).find((r) => r.metadata.name === 'tollgate-cpol-require-labels-0')?.summary.pass).toBe(1);
  });

  test('after losing and regaining leadership it re-lists: what another leader changed meanwhile is corrected', async () => {
    const { writer, leader } = harnessWriter(kubeConfig);
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await writer.flush();
    leader.value = false;
    await writer.flush();
    server.delete(POLICY_REPORTS, 'tollgate-cpol-require-labels-0', 'default');
    leader.value = true;
    await writer.flush();
    expect(reportsIn(server)).toHaveLength(1);
  });

  test('a new leader holding the same entries lists the reports and rewrites none of them (digest annotation)', async () => {
    const first = harnessWriter(kubeConfig);
    const second = harnessWriter(kubeConfig);
    second.leader.value = false;
    for (const h of [first, second]) {
      h.writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
      h.writer.record('uid-n', 'require-labels', [entry({ kind: 'Namespace', namespace: '', name: 'prod', uid: 'uid-n' })]);
    }
    await first.writer.flush();
    expect(reportsIn(server)[0].metadata.annotations).toMatchObject({ 'reports.tollgate.io/digest': expect.stringMatching(/^[0-9a-f]{32}$/) });
    first.leader.value = false;
    second.leader.value = true;
    server.clearRequests();
    await second.writer.flush();
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    expect(second.writer.stats()).toMatchObject({ reports: 2, pending: 0 });
  });

  test('a 409 on PUT re-reads the object and writes again', async () => {
    const { writer, problems } = harnessWriter(kubeConfig);
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await writer.flush();
    // Someone else touches it: our resourceVersion is now stale.
    const current = server.get(POLICY_REPORTS, 'tollgate-cpol-require-labels-0', 'default');
    server.put(POLICY_REPORTS, { ...(current ?? {}), metadata: { ...(current?.metadata ?? {}), annotations: { touched: 'yes' } } });
    server.clearRequests();
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    await writer.flush();
    expect(problems).toEqual([]);
    expect(server.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['PUT 409', 'GET 200', 'PUT 200']);
    expect(reportsIn(server)[0].summary.fail).toBe(1);
  });

  test('a failed write (500) is reported, kept pending, and retried by the timer until it lands', async () => {
    const { writer, problems } = harnessWriter(kubeConfig, { flushIntervalMs: 30, retry: { initialMs: 50, maxMs: 200 } });
    server.failNext({ method: 'POST', path: /policyreports$/, status: 500, times: 2 });
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    writer.start();
    try {
      await until(() => reportsIn(server).length === 1);
    } finally {
      await writer.stop();
    }
    expect(writes(server)).toEqual([
      'POST /namespaces/default/policyreports 500',
      'POST /namespaces/default/policyreports 500',
      'POST /namespaces/default/policyreports 201',
    ]);
    expect(problems.map((p) => [p.action, p.report])).toEqual([
      ['create', 'PolicyReport/default/tollgate-cpol-require-labels-0'],
      ['create', 'PolicyReport/default/tollgate-cpol-require-labels-0'],
    ]);
    expect(reportsIn(server)[0].summary.fail).toBe(1);
    expect(writer.stats().pending).toBe(0);
  });

  test('a failed list (no report CRD yet) writes nothing and is retried', async () => {
    const { writer, problems } = harnessWriter(kubeConfig, { flushIntervalMs: 30, retry: { initialMs: 30, maxMs: 100 } });
    server.failNext({ method: 'GET', path: /policyreports$/, status: 404 });
    writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await writer.flush();
    expect(problems.map((p) => p.action)).toEqual(['list']);
    expect(writes(server)).toEqual([]);
    writer.start();
    try {
      await until(() => reportsIn(server).length === 1);
    } finally {
      await writer.stop();
    }
  });

  test('writes are rate-limited: never more than maxWritesPerSecond in any second', async () => {
    const { writer, problems } = harnessWriter(kubeConfig, { maxWritesPerSecond: 5 });
    for (let i = 0; i < 12; i++) writer.record(`uid-${i}`, 'require-labels', [entry({ name: 'a', namespace: `ns-${i}`, uid: `uid-${i}` })]);
    const samples: [number, number][] = [];
    const count = (): number => server.requests.filter((r) => r.method === 'POST').length;
    const sampler = setInterval(() => samples.push([Date.now(), count()]), 5);
    const started = Date.now();
    await writer.flush();
    clearInterval(sampler);
    samples.push([Date.now(), count()]);
    expect(problems).toEqual([]);
    expect(count()).toBe(12);
    // 5 now, 5 after one second, 2 after two.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    for (const [t1, c1] of samples) {
      for (const [t2, c2] of samples) if (t2 > t1 && t2 - t1 <= 900) expect(c2 - c1).toBeLessThanOrEqual(5);
    }
  });

  test('stop() interrupts a long rate-limited flush; the rest stays pending for the next run', async () => {
    const { writer } = harnessWriter(kubeConfig, { maxWritesPerSecond: 2, flushIntervalMs: 10_000 });
    for (let i = 0; i < 8; i++) writer.record(`uid-${i}`, 'require-labels', [entry({ name: 'a', namespace: `ns-${i}`, uid: `uid-${i}` })]);
    writer.start();
    const flushing = writer.flush();
    await until(() => reportsIn(server).length >= 2);
    const started = Date.now();
    await writer.stop();
    await flushing;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(reportsIn(server).length).toBeLessThan(8);
    expect(writer.stats().pending).toBeGreaterThan(0);
  });
});
