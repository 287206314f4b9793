import type { LoadedPolicy } from '../../src/api/policy.js';
import type { ReportEntry } from '../../src/api/report.js';
import { ruleError, ruleFail, rulePass, ruleSkip, ruleWarn, type EngineResult } from '../../src/api/result.js';
import { entriesFromResult, normalizeSeverity, toTimestamp } from '../../src/report/index.js';

function policy(key: string, annotations?: Record<string, string>): LoadedPolicy {
  const [namespace, name] = key.includes('/') ? key.split('/') : [undefined, key];
  return {
    key,
    rules: [],
    policy: {
      apiVersion: 'kyverno.io/v1',
      kind: namespace === undefined ? 'ClusterPolicy' : 'Policy',
      metadata: { name, ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) },
      spec: { rules: [] },
    },
  };
}

const pod = { apiVersion: 'v1', kind: 'Pod', namespace: 'team-a', name: 'web', uid: 'u-1' };
const ns = { apiVersion: 'v1', kind: 'Namespace', name: 'team-a' };

const result: EngineResult = {
  policies: [
    {
      policy: 'require-labels',
      resource: pod,
      action: 'Audit',
      rules: [rulePass('check-team', 'validate', 'ok'), ruleFail('check-app', 'validate', 'label app is required', 'Audit'), ruleSkip('autogen-check', 'validate', 'skipped')],
    },
    { policy: 'team-a/local', resource: pod, action: 'Enforce', rules: [ruleWarn('w', 'validate', 'careful'), ruleError('e', 'validate', 'broken')] },
    { policy: 'unknown', resource: ns, action: 'Audit', rules: [rulePass('r', 'validate', 'fine')] },
  ],
};

const policies = [
  policy('require-labels', { 'policies.kyverno.io/category': ' Best Practices ', 'policies.kyverno.io/severity': 'High' }),
  policy('team-a/local', { 'policies.kyverno.io/severity': 'urgent', 'policies.kyverno.io/scored': 'false' }),
];

describe('entriesFromResult', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0, 250);
  const base = { process: 'background scan' as const, timestamp: { seconds: Math.floor(now / 1000), nanos: 250_000_000 } };

  test.each<[string, ReadonlyMap<string, LoadedPolicy> | readonly LoadedPolicy[]]>([
    ['an array', policies],
    ['a map', new Map(policies.map((p) => [p.key, p]))],
  ])('one entry per rule result, annotations from the policy (policies as %s)', (_name, given) => {
    const want: ReportEntry[] = [
      { ...base, policy: 'require-labels', rule: 'check-team', result: 'pass', message: 'ok', resource: pod, category: 'Best Practices', severity: 'high', scored: true },
      { ...base, policy: 'require-labels', rule: 'check-app', result: 'fail', message: 'label app is required', resource: pod, category: 'Best Practices', severity: 'high', scored: true },
      { ...base, policy: 'require-labels', rule: 'autogen-check', result: 'skip', message: 'skipped', resource: pod, category: 'Best Practices', severity: 'high', scored: true },
      { ...base, policy: 'team-a/local', rule: 'w', result: 'warn', message: 'careful', resource: pod, scored: false },
      { ...base, policy: 'team-a/local', rule: 'e', result: 'error', message: 'broken', resource: pod, scored: false },
      { ...base, policy: 'unknown', rule: 'r', result: 'pass', message: 'fine', resource: ns, scored: true },
    ];
    expect(entriesFromResult(result, given, 'background scan', now)).toEqual(want);
  });

  test('the process is carried as given', () => {
    const entries = entriesFromResult(result, policies, 'admission review', now);
    expect(new Set(entries.map((e) => e.process))).toEqual(new Set(['admission review']));
  });

  test('an empty result gives no entries', () => {
    expect(entriesFromResult({ policies: [] }, [], 'admission review', now)).toEqual([]);
  });

  test('entries do not share objects with the result (callers may keep them)', () => {
    const [a, b] = entriesFromResult(result, policies, 'background scan', now);
    expect(a.resource).not.toBe(b.resource);
    expect(a.resource).not.toBe(pod);
  });

  test('no undefined keys for an absent namespace or uid (JSON stays minimal)', () => {
    const out = entriesFromResult({ policies: [{ policy: 'p', resource: { apiVersion: 'v1', kind: 'Namespace', name: 'x', namespace: '', uid: '' }, action: 'Audit', rules: [rulePass('r', 'validate', '')] }] }, [], 'background scan', 0);
    expect(Object.keys(out[0].resource)).toEqual(['apiVersion', 'kind', 'name']);
    expect('category' in out[0] || 'severity' in out[0]).toBe(false);
  });
});

describe('normalizeSeverity', () => {
  test.each<[string | undefined, string | undefined]>([
    ['critical', 'critical'], ['HIGH', 'high'], [' Medium ', 'medium'], ['low', 'low'], ['info', 'info'],
    ['informational', undefined], ['', undefined], [undefined, undefined],
  ])('%p -> %p', (input, want) => expect(normalizeSeverity(input)).toBe(want));
});

describe('scored annotation', () => {
  test.each<[string | undefined, boolean]>([[undefined, true], ['true', true], ['false', false], ['False', false], ['no', true]])('%p -> %p', (value, want) => {
    const lp = policy('p', value === undefined ? {} : { 'policies.kyverno.io/scored': value });
    const [entry] = entriesFromResult({ policies: [{ policy: 'p', resource: ns, action: 'Audit', rules: [rulePass('r', 'validate', '')] }] }, [lp], 'background scan', 0);
    expect(entry.scored).toBe(want);
  });
});

describe('toTimestamp', () => {
  test.each<[number, { seconds: number; nanos: number }]>([
    [0, { seconds: 0, nanos: 0 }],
    [1_704_067_200_001, { seconds: 1_704_067_200, nanos: 1_000_000 }],
    [1999, { seconds: 1, nanos: 999_000_000 }],
  ])('%p ms', (ms, want) => expect(toTimestamp(ms)).toEqual(want));
});
