import type { ReportEntry } from '../../src/api/report.js';
import type { RuleStatus } from '../../src/api/result.js';
import { buildReports, jsonSize, reportKey, utf8Length, type ReportObject } from '../../src/report/index.js';

function entry(policy: string, namespace: string | undefined, name: string, rule: string, result: RuleStatus, extra: Partial<ReportEntry> = {}): ReportEntry {
  return {
    policy,
    rule,
    result,
    message: `${rule} ${result}`,
    resource: { apiVersion: namespace === undefined ? 'v1' : 'v1', kind: namespace === undefined ? 'Namespace' : 'Pod', ...(namespace ? { namespace } : {}), name, uid: `uid-${name}` },
    process: 'background scan',
    scored: true,
    timestamp: { seconds: 1_704_067_200, nanos: 0 },
    ...extra,
  };
}

const summaryOf = (r: ReportObject): Record<RuleStatus, number> => {
  const counts: Record<RuleStatus, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const x of r.results) counts[x.result]++;
  return counts;
};

describe('buildReports grouping', () => {
  const entries = [
    entry('require-labels', 'team-b', 'web', 'check', 'fail'),
    entry('require-labels', 'team-a', 'api', 'check', 'pass'),
    entry('require-labels', undefined, 'team-a', 'ns-check', 'warn'),
    entry('disallow-latest', 'team-a', 'api', 'tag', 'error'),
    entry('team-a/local', 'team-a', 'api', 'r', 'skip'),
    entry('require-labels', 'team-a', 'api', 'check2', 'fail'),
  ];
  const reports = buildReports(entries);

  test.each<[string, string | undefined, string, string[]]>([
    ['ClusterPolicyReport', undefined, 'tollgate-cpol-require-labels-0', ['ns-check']],
    ['PolicyReport', 'team-a', 'tollgate-cpol-disallow-latest-0', ['tag']],
    ['PolicyReport', 'team-a', 'tollgate-cpol-require-labels-0', ['check', 'check2']],
    ['PolicyReport', 'team-a', 'tollgate-pol-local-0', ['r']],
    ['PolicyReport', 'team-b', 'tollgate-cpol-require-labels-0', ['check']],
  ])('%s %s/%s holds rules %p', (kind, namespace, name, rules) => {
    const r = reports.find((x) => x.kind === kind && x.metadata.namespace === namespace && x.metadata.name === name);
    expect(r?.results.map((x) => x.rule)).toEqual(rules);
  });

  test('one object per (namespace, policy), sorted by kind, namespace, name', () => {
    expect(reports.map(reportKey)).toEqual([
      'ClusterPolicyReport//tollgate-cpol-require-labels-0',
      'PolicyReport/team-a/tollgate-cpol-disallow-latest-0',
      'PolicyReport/team-a/tollgate-cpol-require-labels-0',
      'PolicyReport/team-a/tollgate-pol-local-0',
      'PolicyReport/team-b/tollgate-cpol-require-labels-0',
    ]);
  });

  test('cluster reports have no namespace key; namespaced ones do', () => {
    expect('namespace' in reports[0].metadata).toBe(false);
    expect(reports.slice(1).every((r) => typeof r.metadata.namespace === 'string')).toBe(true);
  });

  test('labels and annotation', () => {
    expect(reports[3].metadata).toEqual({
      name: 'tollgate-pol-local-0',
      namespace: 'team-a',
      labels: {
        'app.kubernetes.io/managed-by': 'tollgate',
        'reports.tollgate.io/policy': 'local',
        'reports.tollgate.io/policy-kind': 'Policy',
        'reports.tollgate.io/shard': '0',
      },
      annotations: { 'reports.tollgate.io/policy-key': 'team-a/local' },
    });
    expect(reports[0].metadata.labels['reports.tollgate.io/policy-kind']).toBe('ClusterPolicy');
  });

  test('a result follows the wgpolicyk8s v1alpha2 shape', () => {
    const [r] = buildReports([entry('p', 'ns', 'web', 'rule', 'fail', { category: 'Pod Security', severity: 'medium', scored: false, process: 'admission review' })]);
    expect(r.apiVersion).toBe('wgpolicyk8s.io/v1alpha2');
    expect(r.results).toEqual([
      {
        source: 'tollgate',
        policy: 'p',
        rule: 'rule',
        result: 'fail',
        message: 'rule fail',
        resources: [{ apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'web', uid: 'uid-web' }],
        timestamp: { seconds: 1_704_067_200, nanos: 0 },
        scored: false,
        category: 'Pod Security',
        severity: 'medium',
        properties: { process: 'admission review' },
      },
    ]);
    expect(r.summary).toEqual({ pass: 0, fail: 1, warn: 0, error: 0, skip: 0 });
  });

  test('no entries, no reports', () => expect(buildReports([])).toEqual([]));
});

describe('buildReports summary', () => {
  test.each<[string, RuleStatus[]]>([
    ['all statuses', ['pass', 'fail', 'warn', 'error', 'skip']],
    ['only passes', ['pass', 'pass', 'pass']],
    ['mixed', ['fail', 'fail', 'pass', 'skip', 'error', 'fail']],
  ])('%s: summary matches the results', (_name, statuses) => {
    const [r] = buildReports(statuses.map((s, i) => entry('p', 'ns', `pod-${i}`, 'r', s)));
    expect(r.summary).toEqual(summaryOf(r));
    expect(Object.values(r.summary).reduce((a, b) => a + b, 0)).toBe(statuses.length);
  });
});

describe('buildReports splitting', () => {
  const many = (n: number, namespace: string | undefined = 'big'): ReportEntry[] =>
    Array.from({ length: n }, (_, i) => entry('pod-security', namespace, `pod-${String(i).padStart(5, '0')}`, 'restricted', i % 7 === 0 ? 'fail' : 'pass', { message: `validation error: the pod ${i} must run as non-root; field spec.containers[0].securityContext.runAsNonRoot must be true` }));

  test.each<[string, number, number, number]>([
    ['5,000 results under 100 KiB', 5000, 100 * 1024, 3],
    ['5,000 results under 300 KiB', 5000, 300 * 1024, 2],
    ['5,000 results under the default limit', 5000, 900 * 1024, 1],
    ['a few results under a tiny limit', 5, 1, 5],
  ])('%s', (_name, n, maxBytes, minObjects) => {
    const reports = buildReports(many(n), { maxBytes });
    expect(reports.length).toBeGreaterThanOrEqual(minObjects);
    // Every object fits (unless a single result alone is larger than the limit), and nothing is lost or duplicated.
    for (const r of reports) if (r.results.length > 1) expect(jsonSize(r)).toBeLessThanOrEqual(maxBytes);
    const names = reports.flatMap((r) => r.results.map((x) => x.resources[0].name));
    expect(names).toHaveLength(n);
    expect(new Set(names).size).toBe(n);
    expect(reports.map((r) => r.metadata.name)).toEqual(reports.map((_, i) => `tollgate-cpol-pod-security-${i}`));
    expect(reports.map((r) => r.metadata.labels['reports.tollgate.io/shard'])).toEqual(reports.map((_, i) => String(i)));
    for (const r of reports) expect(r.summary).toEqual(summaryOf(r));
    const total = reports.reduce((a, r) => a + r.summary.fail, 0);
    expect(total).toBe(Math.ceil(n / 7));
  });

  test('shards are filled close to the limit (the number of objects does not grow with needless slack)', () => {
    const maxBytes = 64 * 1024;
    const reports = buildReports(many(5000), { maxBytes });
    for (const r of reports.slice(0, -1)) expect(jsonSize(r)).toBeGreaterThan(maxBytes - 1024);
  });

  test('the default limit keeps 20,000 results per object under 1 MiB', () => {
    const reports = buildReports(many(20_000));
    expect(reports.length).toBeGreaterThan(1);
    for (const r of reports) expect(jsonSize(r)).toBeLessThan(900 * 1024 + 1);
  });

  test('multi-byte messages are measured in UTF-8 bytes', () => {
    const maxBytes = 8 * 1024;
    const entries = Array.from({ length: 200 }, (_, i) => entry('p', 'ns', `pod-${i}`, 'r', 'fail', { message: 'é✓😀'.repeat(10) }));
    for (const r of buildReports(entries, { maxBytes })) expect(new TextEncoder().encode(JSON.stringify(r)).length).toBeLessThanOrEqual(maxBytes);
  });
});

describe('buildReports determinism', () => {
  const entries = [
    entry('b', 'ns', 'z', 'r2', 'fail'),
    entry('a', 'ns', 'y', 'r1', 'pass'),
    entry('b', 'ns', 'a', 'r1', 'pass'),
    entry('b', 'ns', 'a', 'r0', 'warn'),
    entry('a', undefined, 'ns', 'r', 'skip'),
    entry('b', 'other', 'q', 'r', 'error'),
  ];
  const shuffle = (xs: ReportEntry[], seed: number): ReportEntry[] => [...xs].sort((x, y) => ((x.resource.name.charCodeAt(0) * seed + x.rule.length) % 11) - ((y.resource.name.charCodeAt(0) * seed + y.rule.length) % 11));

  test.each([[3], [7], [13]])('input order %p gives byte-identical output', (seed) => {
    expect(JSON.stringify(buildReports(shuffle(entries, seed)))).toBe(JSON.stringify(buildReports(entries)));
  });

  test('results sorted by resource, then rule', () => {
    const r = buildReports(entries).find((x) => x.metadata.namespace === 'ns' && x.metadata.labels['reports.tollgate.io/policy'] === 'b');
    expect(r?.results.map((x) => `${x.resources[0].name}:${x.rule}`)).toEqual(['a:r0', 'a:r1', 'z:r2']);
  });

  test('an iterable (generator) is accepted', () => {
    function* gen(): Generator<ReportEntry> {
      yield* entries;
    }
    expect(buildReports(gen())).toEqual(buildReports(entries));
  });
});

describe('utf8Length', () => {
  test.each([['', 0], ['abc', 3], ['é', 2], ['✓', 3], ['😀', 4], ['a😀é', 7]])('%p -> %p', (s, n) => {
    expect(utf8Length(s)).toBe(n);
    expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
});
