import { dump } from 'js-yaml';
import type { Operation } from '../../../src/api/admission.js';
import { buildPolicyIndex, parsePolicies } from '../../../src/policy/index.js';
import type { LoadedPolicy } from '../../../src/policy/index.js';

const validate = { pattern: { a: 1 } };
const any = (...filters: Record<string, unknown>[]) => ({ any: filters.map((resources) => ({ resources })) });
// Autogen is switched off so that each rule stays a single indexed entry.
const noAutogen = { 'pod-policies.kyverno.io/autogen-controllers': 'none' };

function load(docs: { name: string; kind?: 'ClusterPolicy' | 'Policy'; namespace?: string; rules: unknown[] }[]): LoadedPolicy[] {
  const text = docs
    .map((d) => dump({
      apiVersion: 'kyverno.io/v1',
      kind: d.kind ?? 'ClusterPolicy',
      metadata: { name: d.name, annotations: noAutogen, ...(d.namespace ? { namespace: d.namespace } : {}) },
      spec: { rules: d.rules },
    }))
    .join('---\n');
  const { policies, errors } = parsePolicies(text, 'index.yaml');
  expect(errors).toEqual([]);
  return policies;
}

const policies = load([
  {
    name: 'kinds',
    rules: [
      { name: 'pod', match: any({ kinds: ['Pod'] }), validate },
      { name: 'gvk', match: any({ kinds: ['apps/v1/Deployment', 'v1/ConfigMap'] }), validate },
      { name: 'exec', match: any({ kinds: ['Pod/exec'], operations: ['CONNECT'] }), validate },
      { name: 'ingress', match: any({ kinds: ['networking.k8s.io/*/Ingress'] }), validate },
      { name: 'legacy', match: { resources: { kinds: ['Service'], operations: ['DELETE'] } }, validate },
    ],
  },
  {
    name: 'wild',
    rules: [
      { name: 'star', match: any({ kinds: ['*'] }), validate },
      { name: 'roles', match: any({ kinds: ['*Role'] }), validate },
      { name: 'scale', match: any({ kinds: ['*/scale'] }), validate },
    ],
  },
  {
    name: 'ops',
    rules: [
      { name: 'create-or-update', match: any({ kinds: ['Pod'], operations: ['CREATE'] }, { kinds: ['Pod'], operations: ['UPDATE'] }), validate },
      { name: 'all-of', match: { all: [{ resources: { kinds: ['Pod', 'Secret'], operations: ['CREATE', 'UPDATE'] } }, { resources: { kinds: ['*'], namespaces: ['x'], operations: ['UPDATE'] } }] }, validate },
      { name: 'mixed-any', match: any({ kinds: ['Secret'] }, { kinds: ['*Map'] }), validate: { deny: {} } },
    ],
  },
  { name: 'team-pods', kind: 'Policy', namespace: 'team', rules: [{ name: 'ns-pod', match: any({ kinds: ['Pod'] }), validate }] },
]);

const index = buildPolicyIndex(policies);
const names = (kind: string, op: Operation, ns?: string) => index.candidates(kind, op, ns).map((c) => `${c.policy.key}:${c.rule.name}`);

describe('buildPolicyIndex', () => {
  it.each<[string, Operation, string | undefined, string[]]>([
    ['Pod', 'CREATE', undefined, ['kinds:pod', 'wild:star', 'wild:roles', 'wild:scale', 'ops:create-or-update', 'ops:mixed-any']],
    ['Pod', 'DELETE', undefined, ['kinds:pod', 'wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Pod', 'CONNECT', undefined, ['kinds:pod', 'kinds:exec', 'wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Pod', 'UPDATE', 'team', ['kinds:pod', 'wild:star', 'wild:roles', 'wild:scale', 'ops:create-or-update', 'ops:all-of', 'ops:mixed-any', 'team/team-pods:ns-pod']],
    ['Pod', 'UPDATE', 'other', ['kinds:pod', 'wild:star', 'wild:roles', 'wild:scale', 'ops:create-or-update', 'ops:all-of', 'ops:mixed-any']],
    ['Deployment', 'CREATE', undefined, ['kinds:gvk', 'wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['ConfigMap', 'UPDATE', 'team', ['kinds:gvk', 'wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Ingress', 'CREATE', undefined, ['kinds:ingress', 'wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Service', 'DELETE', undefined, ['kinds:legacy', 'wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Service', 'CREATE', undefined, ['wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Secret', 'CREATE', undefined, ['wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Secret', 'UPDATE', undefined, ['wild:star', 'wild:roles', 'wild:scale', 'ops:all-of', 'ops:mixed-any']],
    ['ClusterRole', 'CREATE', undefined, ['wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
    ['Unheard', 'CREATE', 'team', ['wild:star', 'wild:roles', 'wild:scale', 'ops:mixed-any']],
  ])('%s %s in %s', (kind, op, ns, expected) => {
    expect(names(kind, op, ns)).toEqual(expected);
  });

  it('keeps policy then rule order and the rule position', () => {
    const all = index.rules.map((r) => [r.policy.key, r.ruleIndex]);
    expect(all.slice(0, 3)).toEqual([['kinds', 0], ['kinds', 1], ['kinds', 2]]);
    expect(index.candidates('Deployment', 'CREATE')[0]).toMatchObject({ ruleIndex: 1, rule: { name: 'gvk' } });
  });

  it('accepts Kind/subresource and any case of the kind name', () => {
    expect(names('Pod/exec', 'CONNECT')).toEqual(names('Pod', 'CONNECT'));
    expect(names('pod', 'CREATE')).toEqual(names('Pod', 'CREATE'));
  });

  it('returns the same precomputed list for repeated lookups', () => {
    expect(index.candidates('Nothing', 'CREATE')).toBe(index.candidates('Other', 'CREATE'));
    expect(index.candidates('Pod', 'CREATE', 'nowhere')).toBe(index.candidates('Pod', 'CREATE'));
  });

  it('treats a filter without kinds (possible when built in code) as a wildcard', () => {
    const [lp] = policies;
    const kindless: LoadedPolicy = { ...lp, key: 'kindless', rules: [{ name: 'k', match: { any: [{ subjects: [{ kind: 'User', name: 'u' }] }] }, validate }] };
    expect(buildPolicyIndex([kindless]).candidates('Anything', 'DELETE').map((c) => c.rule.name)).toEqual(['k']);
  });

  it('indexes autogen rules under the controller kinds', () => {
    const [lp] = parsePolicies(dump({
      apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'a' },
      spec: { rules: [{ name: 'r', match: any({ kinds: ['Pod'] }), validate }] },
    }), 'a.yaml').policies;
    const idx = buildPolicyIndex([lp]);
    expect(idx.candidates('StatefulSet', 'CREATE').map((c) => c.rule.name)).toEqual(['autogen-r']);
    expect(idx.candidates('CronJob', 'UPDATE').map((c) => c.rule.name)).toEqual(['autogen-cronjob-r']);
    expect(idx.candidates('Pod', 'CREATE').map((c) => c.rule.name)).toEqual(['r']);
    expect(idx.candidates('Service', 'CREATE')).toEqual([]);
  });
});
