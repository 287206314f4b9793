/** Followers' admission records -> labelled ConfigMaps -> the leader's writer (and its reports); then deleted. */
import type { KubeConfig } from '@kubernetes/client-node';
import type { AdmissionRequest } from '../../../src/api/admission.js';
import { rulePass } from '../../../src/api/result.js';
import type { ClusterCache } from '../../../src/cluster/cache/index.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { createPolicyStore, staticSource } from '../../../src/policy/store/index.js';
import { admissionHandoff, clusterReports, HANDOFF_LABEL, handoffConsumer, type ReportProblem } from '../../../src/report/writer/index.js';
import type { AdmissionDecision } from '../../../src/server/types.js';
import type { FakeApiServer, KubeJson } from '../../support/fake-apiserver/index.js';
import { entry, harnessWriter, reportServer, reportsIn, until } from './harness.js';

const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' } as const;
const NS = 'tollgate';

let server: FakeApiServer;
let kubeConfig: KubeConfig;
beforeEach(async () => {
  ({ server, kubeConfig } = await reportServer());
});
afterEach(async () => {
  await server.close();
});

const handoffs = (): KubeJson[] => server.list(CONFIGMAPS, NS).filter((c) => (c.metadata.labels as Record<string, string> | undefined)?.[HANDOFF_LABEL] === 'true');
const recordsOf = (c: KubeJson): unknown => JSON.parse(String((c.data as Record<string, string>).entries));

// Entries are evaluated at 1_700_000_000 s (harness); the follower's clock and the leader's start just after.
const T0 = 1_700_000_000_000;

function follower(options: { maxBatchBytes?: number; now?: () => number } = {}) {
  const problems: ReportProblem[] = [];
  const clock = { value: T0 };
  const handoff = admissionHandoff({ kubeConfig, namespace: NS, identity: 'tollgate-b', isLeader: () => false, flushIntervalMs: 20, retry: { initialMs: 20, maxMs: 40 }, now: () => clock.value, onProblem: (p) => problems.push(p), ...options });
  return { handoff, problems, clock };
}

function leader(clock = { value: T0 + 60_000 }) {
  const h = harnessWriter(kubeConfig, { now: () => clock.value });
  const consumer = handoffConsumer({ kubeConfig, namespace: NS, writer: h.writer, isLeader: () => h.leader.value, intervalMs: 20, onProblem: (p) => h.problems.push(p) });
  return { ...h, consumer };
}

describe('admissionHandoff (follower)', () => {
  test('buffered records become one labelled ConfigMap, the latest record of a pair winning', async () => {
    const { handoff, problems } = follower();
    const a = entry({ name: 'a', uid: 'uid-a', result: 'fail' });
    const b = entry({ name: 'b', uid: 'uid-b' });
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    handoff.record('uid-b', 'require-labels', [b]);
    handoff.record('uid-a', 'require-labels', [a]);
    handoff.start();
    try {
      await until(() => handoffs().length === 1);
    } finally {
      await handoff.stop();
    }
    const [cm] = handoffs();
    expect(cm.metadata.name).toMatch(/^tollgate-admission-tollgate-b-\d+$/);
    expect(recordsOf(cm)).toEqual([
      { resourceKey: 'uid-b', policy: 'require-labels', at: T0, entries: [b] },
      { resourceKey: 'uid-a', policy: 'require-labels', at: T0, entries: [a] },
    ]);
    expect(problems).toEqual([]);
  });

  test('a failed create is retried (same batch, nothing dropped) and reported', async () => {
    // The retry delay needs a clock that runs.
    const { handoff, problems } = follower({ now: Date.now });
    server.failNext({ method: 'POST', path: /\/configmaps$/, status: 500, times: 2 });
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    handoff.start();
    try {
      await until(() => handoffs().length === 1);
    } finally {
      await handoff.stop();
    }
    const posts = server.requests.filter((r) => r.method === 'POST').map((r) => r.status);
    expect(posts).toEqual([500, 500, 201]);
    expect(problems.map((p) => p.action)).toEqual(['handoff-create', 'handoff-create']);
    expect(problems[0].report).toBe(handoffs()[0].metadata.name);
  });

  test('batches are split under maxBatchBytes, in order', async () => {
    const { handoff } = follower({ maxBatchBytes: 1500 });
    for (let i = 0; i < 6; i++) handoff.record(`uid-${i}`, 'require-labels', [entry({ name: `p${i}`, uid: `uid-${i}` })]);
    await handoff.stop();
    const cms = handoffs();
    expect(cms.length).toBeGreaterThan(1);
    for (const c of cms) expect(Buffer.byteLength(String((c.data as Record<string, string>).entries))).toBeLessThanOrEqual(1500);
    const keys = cms
      .sort((x, y) => Number(x.metadata.resourceVersion) - Number(y.metadata.resourceVersion))
      .flatMap((c) => (recordsOf(c) as { resourceKey: string }[]).map((r) => r.resourceKey));
    expect(keys).toEqual(['uid-0', 'uid-1', 'uid-2', 'uid-3', 'uid-4', 'uid-5']);
  });
  test('a record too large for any ConfigMap is reported and skipped; the others still go', async () => {
    const { handoff, problems } = follower();
    handoff.record('uid-big', 'require-labels', [entry({ name: 'big', uid: 'uid-big', message: 'x'.repeat(1024 * 1024) })]);
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await handoff.stop();
    expect(problems.map((p) => p.action)).toEqual(['handoff-oversize']);
    expect(handoffs().flatMap((c) => (recordsOf(c) as { resourceKey: string }[]).map((r) => r.resourceKey))).toEqual(['uid-a']);
  });
});

describe('handoffConsumer (leader)', () => {
  test('ingests a follower ConfigMap into the writer (which writes the report) and deletes it', async () => {
    const { handoff } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    await handoff.stop();
    expect(handoffs()).toHaveLength(1);

    const l = leader();
    await l.consumer.poll();
    expect(handoffs()).toEqual([]);
    expect(l.writer.stats().entries).toBe(1);
    await l.writer.flush();
    const [report] = reportsIn(server, 'default');
    expect(report.results.map((r) => [r.policy, r.result, r.resources[0].name])).toEqual([['require-labels', 'fail', 'a']]);
    expect(l.problems).toEqual([]);
  });

  test('applies ConfigMaps in creation order: the later record of a pair wins', async () => {
    const { handoff, clock } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    await handoff.stop();
    clock.value += 1000;
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'pass' })]);
    await handoff.stop();
    expect(handoffs()).toHaveLength(2);
    const l = leader();
    l.consumer.start();
    try {
      await until(() => handoffs().length === 0);
    } finally {
      await l.consumer.stop();
    }
    await l.writer.flush();
    expect(reportsIn(server, 'default')[0].results.map((r) => r.result)).toEqual(['pass']);
  });

  const malformed: [string, Record<string, string> | undefined, string][] = [
    ['no data', undefined, 'data.entries is missing'],
    ['not JSON', { entries: '[{' }, 'data.entries is not JSON'],
    ['not a list', { entries: '{}' }, 'data.entries is not a list'],
    ['a record without policy', { entries: JSON.stringify([{ resourceKey: 'k', entries: [] }]) }, 'record 0 is not a {resourceKey, policy, at, entries} record'],
    ['an entry with an unknown result', { entries: JSON.stringify([{ resourceKey: 'k', policy: 'p', entries: [{ ...entry(), result: 'maybe' }] }]) }, 'record 0 is not a {resourceKey, policy, at, entries} record'],
  ];
  test.each(malformed)('a malformed ConfigMap (%s) is deleted and reported; the good ones still apply', async (_, data, reason) => {
    server.put(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tollgate-admission-x-1', namespace: NS, labels: { [HANDOFF_LABEL]: 'true' } }, ...(data ? { data } : {}) });
    const { handoff } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await handoff.stop();
    const l = leader();
    await l.consumer.poll();
    expect(handoffs()).toEqual([]);
    expect(l.problems.map((p) => [p.action, p.report, (p.error as Error).message])).toEqual([['handoff-malformed', 'tollgate-admission-x-1', reason]]);
    expect(l.writer.stats().entries).toBe(1);
  });

  test('a follower consumes nothing; unlabelled ConfigMaps are left alone', async () => {
    server.put(CONFIGMAPS, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: NS }, data: { entries: '[]' } });
    const { handoff } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a' })]);
    await handoff.stop();
    const l = leader();
    l.leader.value = false;
    await l.consumer.poll();
    expect(handoffs()).toHaveLength(1);
    expect(server.requests.filter((r) => r.method === 'GET' && r.path.includes('configmaps'))).toEqual([]);
    l.leader.value = true;
    await l.consumer.poll();
    expect(handoffs()).toEqual([]);
    expect(server.list(CONFIGMAPS, NS).map((c) => c.metadata.name)).toEqual(['settings']);
  });

  test('a failed DELETE is retried without applying the ConfigMap twice', async () => {
    const { handoff } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    await handoff.stop();
    const l = leader();
    server.failNext({ method: 'DELETE', path: /\/configmaps\//, status: 500 });
    await l.consumer.poll();
    expect(handoffs()).toHaveLength(1);
    expect(l.problems.map((p) => p.action)).toEqual(['handoff-delete']);
    // A newer result recorded by the leader itself must survive the retried DELETE.
    l.writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'pass' })]);
    await l.consumer.poll();
    expect(handoffs()).toEqual([]);
    await l.writer.flush();
    expect(reportsIn(server, 'default')[0].results.map((r) => r.result)).toEqual(['pass']);
  });

  test('a late record loses to a later result the leader holds for the pair', async () => {
    const { handoff } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    await handoff.stop();
    const l = leader();
    // The leader's own background scan of the changed object, after the follower's admission.
    l.writer.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'pass', seconds: T0 / 1000 + 30 })]);
    await l.consumer.poll();
    expect(handoffs()).toEqual([]);
    await l.writer.flush();
    expect(reportsIn(server, 'default')[0].results.map((r) => r.result)).toEqual(['pass']);
  });

  test('a late record of a resource deleted since does not bring it back; one evaluated after the deletion does', async () => {
    const { handoff, clock } = follower();
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail' })]);
    await handoff.stop();
    const leaderClock = { value: T0 + 500 };
    const l = leader(leaderClock);
    l.writer.record('uid-b', 'require-labels', [entry({ name: 'b', uid: 'uid-b' })]);
    l.writer.forgetResource({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' });
    await l.consumer.poll();
    expect(handoffs()).toEqual([]);
    expect(l.writer.stats().entries).toBe(1);

    // A new object that reuses the uid key (a test convenience) is evaluated after the deletion: it counts.
    clock.value = T0 + 1000;
    handoff.record('uid-a', 'require-labels', [entry({ name: 'a', uid: 'uid-a', result: 'fail', seconds: T0 / 1000 + 1 })]);
    await handoff.stop();
    await l.consumer.poll();
    expect(l.writer.stats().entries).toBe(2);
  });
});

describe('clusterReports with handoff', () => {
  const POLICIES = parsePolicies(
    `apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: { name: require-labels }\nspec:\n  background: false\n  rules:\n    - name: check-team\n      match: { any: [ { resources: { kinds: [Pod] } } ] }\n      validate: { message: m, pattern: { metadata: { labels: { team: "?*" } } } }\n`,
    'p.yaml',
  ).policies;
  const cache: Pick<ClusterCache, 'onChange'> = { onChange: () => () => undefined };
  const request: AdmissionRequest = {
    uid: 'req-1',
    kind: { group: '', version: 'v1', kind: 'Pod' },
    resource: { group: '', version: 'v1', resource: 'pods' },
    name: 'web',
    namespace: 'default',
    operation: 'UPDATE',
    userInfo: { username: 'alice' },
    object: { metadata: { name: 'web', namespace: 'default', uid: 'uid-web' } },
  };
  const resource = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'web', uid: 'uid-web' };
  const decision: AdmissionDecision = {
    route: 'validate',
    request,
    response: { uid: 'req-1', allowed: true },
    result: { policies: [{ policy: 'require-labels', resource, action: 'Audit', rules: [rulePass('check-team', 'validate', 'validation rule passed')] }] },
  };
  const replica = (identity: string, isLeader: boolean) =>
    clusterReports({ kubeConfig, cache, policies: createPolicyStore([staticSource('test', POLICIES)]), isLeader: () => isLeader, now: () => 1_700_000_000_000, flushIntervalMs: 20, handoff: { namespace: NS, identity } });

  test('the follower hands its admission result off; the leader records its own directly and reports both', async () => {
    const a = replica('tollgate-a', true);
    const b = replica('tollgate-b', false);
    a.start();
    b.start();
    try {
      b.recorder.record(decision);
      expect(b.writer.stats().entries).toBe(0);
      await until(() => reportsIn(server, 'default').length === 1);
      expect(reportsIn(server, 'default')[0].results.map((r) => [r.result, r.resources[0].uid, r.properties.process])).toEqual([['pass', 'uid-web', 'admission review']]);
      await until(() => handoffs().length === 0);

      server.clearRequests();
      a.recorder.record({ ...decision, request: { ...request, name: 'api', object: { metadata: { name: 'api', namespace: 'default', uid: 'uid-api' } } }, result: { policies: [{ ...decision.result.policies[0], resource: { ...resource, name: 'api', uid: 'uid-api' } }] } });
      expect(a.writer.stats().entries).toBe(2);
      await until(() => reportsIn(server, 'default')[0]?.results.length === 2);
      expect(server.requests.filter((r) => r.method === 'POST' && r.path.includes('configmaps'))).toEqual([]);
    } finally {
      await b.stop();
      await a.stop();
    }
  });
});
