import type { KubeObject } from '../../../src/api/kube.js';
import { ruleFail, rulePass, ruleSkip, type PolicyResult, type RuleResult } from '../../../src/api/result.js';
import { evaluateChecks, policyMatches, ruleMatches, selectTargets, type EvaluatedResource, type PolicyCatalog } from '../../../src/cli/test/checks.js';
import type { TestResultEntry } from '../../../src/cli/test/test-file.js';

const obj = (kind: string, name: string, namespace?: string): KubeObject => ({
  apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1',
  kind,
  metadata: namespace ? { name, namespace } : { name },
});

const evaluated = (object: KubeObject, policy: string, rules: RuleResult[]): EvaluatedResource => {
  const results: PolicyResult[] = rules.length === 0 ? [] : [{ policy, resource: { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '' }, rules, action: 'Audit' }];
  return { resource: object, results };
};

const entry = (e: Partial<TestResultEntry>): TestResultEntry => ({ policy: 'pol', rule: 'check', kind: 'Pod', resources: ['bad'], result: 'fail', kindFlags: [], ...e });

const catalog: PolicyCatalog = { loaded: new Set(['pol', 'team/npol']), failed: new Map([['broken', 'p.yaml#2 spec.rules: required']]) };

const world: EvaluatedResource[] = [
  evaluated(obj('Pod', 'bad', 'default'), 'pol', [ruleFail('check', 'validate', 'label missing', 'Audit')]),
  evaluated(obj('Pod', 'good', 'default'), 'pol', [rulePass('check', 'validate', 'ok')]),
  evaluated(obj('Pod', 'bad', 'other'), 'pol', [ruleFail('check', 'validate', 'label missing', 'Audit')]),
  evaluated(obj('Pod', 'excluded', 'kube-system'), 'pol', []),
  evaluated(obj('Deployment', 'deploy', 'default'), 'pol', [ruleFail('autogen-check', 'validate', 'autogen says no', 'Audit')]),
  evaluated(obj('Pod', 'pre', 'default'), 'pol', [ruleSkip('check', 'validate', 'preconditions not met')]),
  evaluated(obj('Pod', 'npod', 'team'), 'team/npol', [rulePass('r', 'validate', 'fine')]),
];

describe('check matching helpers', () => {
  test.each([
    ['pol', 'pol', true], ['team/npol', 'team/npol', true], ['team/npol', 'npol', true], ['pol', 'team/pol', false], ['polx', 'pol', false],
  ])('policyMatches(%s, %s) = %s', (key, wanted, want) => expect(policyMatches(key, wanted)).toBe(want));

  test.each([
    ['check', 'check', true], ['autogen-check', 'check', true], ['autogen-cronjob-check', 'check', true], ['autogen-check', 'autogen-check', true],
    ['other', 'check', false], ['autogen-checks', 'check', false], ['anything', undefined, true],
  ])('ruleMatches(%s, %s) = %s', (rule, wanted, want) => expect(ruleMatches(rule, wanted)).toBe(want));
});

describe('selectTargets', () => {
  test.each([
    { name: 'by name: every namespace', e: entry({ resources: ['bad'] }), want: ['default/bad', 'other/bad'] },
    { name: 'by namespace/name', e: entry({ resources: ['other/bad'] }), want: ['other/bad'] },
    { name: 'legacy namespace field', e: entry({ resources: ['bad'], namespace: 'default' }), want: ['default/bad'] },
    { name: 'kind must match', e: entry({ kind: 'Deployment', resources: ['bad', 'deploy'] }), want: ['bad', 'default/deploy'] },
    { name: 'all named missing: fall back to every resource of the kind', e: entry({ kind: 'Deployment', resources: ['ghost'] }), want: ['default/deploy'] },
    { name: 'nothing of the kind: not found', e: entry({ kind: 'Service', resources: ['ghost'] }), want: ['ghost'] },
  ])('$name', ({ e, want }) => {
    expect(selectTargets(e, world).map((t) => t.label)).toEqual(want);
  });
});

describe('evaluateChecks', () => {
  test.each([
    { name: 'fail as expected', e: entry({ resources: ['default/bad'] }), want: [{ actual: 'fail', outcome: 'pass', message: 'label missing' }] },
    { name: 'pass expected, got fail', e: entry({ resources: ['default/bad'], result: 'pass' }), want: [{ actual: 'fail', outcome: 'fail', message: 'label missing' }] },
    { name: 'autogen rule found by the pod rule name', e: entry({ kind: 'Deployment', resources: ['deploy'] }), want: [{ actual: 'fail', outcome: 'pass', message: 'autogen says no' }] },
    { name: 'skip from preconditions', e: entry({ resources: ['pre'], result: 'skip' }), want: [{ actual: 'skip', outcome: 'pass' }] },
    { name: 'no response, skip expected: pass', e: entry({ resources: ['excluded'], result: 'skip' }), want: [{ actual: 'no-response', outcome: 'pass' }] },
    { name: 'no response, fail expected: lenient', e: entry({ resources: ['excluded'], result: 'fail' }), want: [{ actual: 'no-response', outcome: 'lenient' }] },
    { name: 'unknown rule name: lenient', e: entry({ resources: ['default/good'], rule: 'nope', result: 'pass' }), want: [{ actual: 'no-response', outcome: 'lenient' }] },
    { name: 'no rule given: every rule counts', e: entry({ policy: 'team/npol', rule: undefined, resources: ['npod'], result: 'pass' }), want: [{ actual: 'pass', outcome: 'pass' }] },
    { name: 'namespaced policy by bare name', e: entry({ policy: 'npol', rule: 'r', resources: ['npod'], result: 'pass' }), want: [{ actual: 'pass', outcome: 'pass' }] },
    { name: 'missing resource fails', e: entry({ resources: ['good', 'ghost'], result: 'pass' }), want: [{ actual: 'pass', outcome: 'pass' }, { actual: 'not-found', outcome: 'fail' }] },
    { name: 'unknown policy fails', e: entry({ policy: 'nope', resources: ['good'] }), want: [{ actual: 'not-found', outcome: 'fail', message: 'policy nope not found in the case\'s policy files' }] },
    { name: 'policy that failed to load', e: entry({ policy: 'broken', resources: ['good'] }), want: [{ actual: 'not-found', outcome: 'fail', message: 'policy failed to load: p.yaml#2 spec.rules: required' }] },
  ])('$name', ({ e, want }) => {
    const checks = evaluateChecks([e], world, catalog);
    expect(checks).toHaveLength(want.length);
    checks.forEach((c, i) => expect(c).toMatchObject({ policy: e.policy, kind: e.kind, expected: e.result, ...want[i] }));
  });

  test('one mismatching rule among several fails the check and reports that rule', () => {
    const multi = [evaluated(obj('Pod', 'm', 'default'), 'pol', [rulePass('check', 'validate', 'fine'), ruleFail('autogen-check', 'validate', 'bad one', 'Enforce')])];
    const [c] = evaluateChecks([entry({ resources: ['m'], result: 'pass' })], multi, catalog);
    expect(c).toMatchObject({ outcome: 'fail', actual: 'fail', message: 'bad one', resource: 'default/m' });
  });
});
