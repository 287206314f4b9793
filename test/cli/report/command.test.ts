/** `tollgate report` through the real CLI entry against the fake API server. */
import type { JsonObject } from '../../../src/api/json.js';
import type { ReportEntry } from '../../../src/api/report.js';
import type { RuleStatus } from '../../../src/api/result.js';
import { buildReports, type ReportObject, type RuleRow } from '../../../src/report/index.js';
import { startFakeApiServer, type FakeApiServer, type ResourceType } from '../../support/fake-apiserver/index.js';
import { runCli } from '../run-cli.js';

const POLR: ResourceType = { group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'policyreports', kind: 'PolicyReport', namespaced: true, statusSubresource: false, custom: true };
const CPOLR: ResourceType = { group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'clusterpolicyreports', kind: 'ClusterPolicyReport', namespaced: false, statusSubresource: false, custom: true };

function entry(policy: string, namespace: string | undefined, kind: string, name: string, rule: string, result: RuleStatus): ReportEntry {
  return {
    policy, rule, result, message: `${rule}: ${result}`, process: 'background scan', scored: true, timestamp: { seconds: 1, nanos: 0 },
    resource: { apiVersion: 'v1', kind, ...(namespace ? { namespace } : {}), name },
  };
}

const ENTRIES = [
  entry('require-labels', 'team-a', 'Pod', 'web', 'check-team', 'fail'),
  entry('require-labels', 'team-a', 'Pod', 'api', 'check-team', 'pass'),
  entry('require-labels', 'team-b', 'Pod', 'db', 'check-team', 'fail'),
  entry('require-labels', 'team-b', 'Pod', 'db', 'check-app', 'error'),
  entry('require-labels', undefined, 'Namespace', 'team-b', 'ns-team', 'warn'),
  entry('team-a/no-latest', 'team-a', 'Pod', 'web', 'tag', 'skip'),
];

function store(server: FakeApiServer, reports: readonly ReportObject[]): void {
  for (const r of reports) server.put(r.kind === 'PolicyReport' ? POLR : CPOLR, r as unknown as JsonObject);
}

describe('tollgate report', () => {
  let server: FakeApiServer;
  beforeEach(async () => {
    server = await startFakeApiServer();
    server.addResource(POLR);
    server.addResource(CPOLR);
    store(server, buildReports(ENTRIES));
    // Another tool's report: not Tollgate's, never shown.
    server.put(POLR, { apiVersion: 'wgpolicyk8s.io/v1alpha2', kind: 'PolicyReport', metadata: { name: 'other', namespace: 'team-a' }, results: [{ policy: 'foreign', rule: 'x', result: 'fail', resources: [] }] });
  });
  afterEach(() => server.close());

  const run = (...args: string[]) => runCli(['report', '--kubeconfig', server.kubeconfigPath, ...args]);

  test('a table of policy and rule counts with the failing resources under each row', async () => {
    const r = await run();
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out.split('\n')).toEqual([
      'POLICY            RULE        PASS  FAIL  WARN  ERROR  SKIP',
      'require-labels    check-app   0     0     0     1      0',
      '    error Pod team-b/db: check-app: error',
      'require-labels    check-team  1     2     0     0      0',
      '    fail Pod team-a/web: check-team: fail',
      '    fail Pod team-b/db: check-team: fail',
      'require-labels    ns-team     0     0     1     0      0',
      'team-a/no-latest  tag         0     0     0     0      1',
      '',
      'pass: 1, fail: 2, warn: 1, error: 1, skip: 1',
      '',
    ]);
    // Both kinds listed with the managed-by selector.
    const lists = server.requests.filter((q) => q.method === 'GET' && q.path.includes('policyreports'));
    expect(lists.map((q) => q.path).sort()).toEqual(['/apis/wgpolicyk8s.io/v1alpha2/clusterpolicyreports', '/apis/wgpolicyk8s.io/v1alpha2/policyreports']);
    for (const q of lists) expect(q.query.labelSelector).toBe('app.kubernetes.io/managed-by=tollgate');
  });

  test.each<[string, string[], string[]]>([
    ['--namespace team-b', ['--namespace', 'team-b'], ['require-labels/check-app 0/0/0/1/0', 'require-labels/check-team 0/1/0/0/0']],
    ['--namespace team-a', ['--namespace', 'team-a'], ['require-labels/check-team 1/1/0/0/0', 'team-a/no-latest/tag 0/0/0/0/1']],
    ['--policy require-labels', ['--policy', 'require-labels'], ['require-labels/check-app 0/0/0/1/0', 'require-labels/check-team 1/2/0/0/0', 'require-labels/ns-team 0/0/1/0/0']],
    ['--policy no-latest (a Policy by bare name)', ['--policy', 'no-latest'], ['team-a/no-latest/tag 0/0/0/0/1']],
    ['--policy team-a/no-latest', ['--policy', 'team-a/no-latest'], ['team-a/no-latest/tag 0/0/0/0/1']],
    ['--policy unknown', ['--policy', 'unknown'], []],
  ])('%s --json', async (_name, args, want) => {
    const r = await run(...args, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { rules: RuleRow[]; summary: Record<RuleStatus, number> };
    expect(out.rules.map((x) => `${x.policy}/${x.rule} ${x.pass}/${x.fail}/${x.warn}/${x.error}/${x.skip}`)).toEqual(want);
    const sum = out.rules.reduce((a, x) => a + x.fail, 0);
    expect(out.summary.fail).toBe(sum);
  });

  test('--json lists every failing resource with its message', async () => {
    const out = JSON.parse((await run('--json')).out) as { reports: number; rules: RuleRow[] };
    expect(out.reports).toBe(buildReports(ENTRIES).length);
    expect(out.rules.find((x) => x.rule === 'check-team')?.failing).toEqual([
      { result: 'fail', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'team-a', name: 'web' }, message: 'check-team: fail' },
      { result: 'fail', resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'team-b', name: 'db' }, message: 'check-team: fail' },
    ]);
  });

  test('--policy narrows the listing by the policy label', async () => {
    await run('--policy', 'require-labels');
    const lists = server.requests.filter((q) => q.path.includes('policyreports'));
    for (const q of lists) expect(q.query.labelSelector).toBe('app.kubernetes.io/managed-by=tollgate,reports.tollgate.io/policy=require-labels');
  });

  test('many report objects are read page by page', async () => {
    store(server, buildReports(Array.from({ length: 600 }, (_, i) => entry('spread', `ns-${i}`, 'Pod', 'p', 'r', 'fail'))));
    const out = JSON.parse((await run('--policy', 'spread', '--json')).out) as { rules: RuleRow[] };
    expect(out.rules.map((x) => [x.rule, x.fail, x.failing.length])).toEqual([['r', 600, 600]]);
    const pages = server.requests.filter((q) => q.path.endsWith('/policyreports'));
    expect(pages.length).toBeGreaterThan(1);
  });

  test('more than 20 failing resources: the table shows 20 and points to --json', async () => {
    store(server, buildReports(Array.from({ length: 25 }, (_, i) => entry('many', 'x', 'Pod', `p${String(i).padStart(2, '0')}`, 'r', 'fail'))));
    const lines = (await run('--policy', 'many')).out.split('\n');
    expect(lines.filter((l) => l.startsWith('    fail'))).toHaveLength(20);
    expect(lines).toContain('    ... and 5 more (see --json)');
  });

  test('no reports: a short note', async () => {
    const r = await run('--namespace', 'empty');
    expect([r.code, r.out]).toEqual([0, 'No policy report results found.\n']);
  });

  test('an API failure is an error (exit 2), not an empty table', async () => {
    server.failNext({ path: /policyreports/, status: 500, message: 'etcd unavailable', times: 5 });
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/tollgate report: cluster http:\/\/127\.0\.0\.1:\d+: GET .*: etcd unavailable/);
  });
});

describe('tollgate report without the CRDs or a cluster', () => {
  test('CRDs not installed: a warning per kind, no results', async () => {
    const server = await startFakeApiServer();
    try {
      const r = await runCli(['report', '--kubeconfig', server.kubeconfigPath]);
      expect(r.code).toBe(0);
      expect(r.err.match(/^warning: GET .* not found \(are the wgpolicyk8s\.io CRDs installed\?\)$/gm)).toHaveLength(2);
      expect(r.out).toBe('No policy report results found.\n');
    } finally {
      await server.close();
    }
  });

  test('a missing kubeconfig file is a usage error', async () => {
    const r = await runCli(['report', '--kubeconfig', 'test/fixtures/no-such-kubeconfig']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^tollgate report: kubeconfig test\/fixtures\/no-such-kubeconfig: /);
  });
});
