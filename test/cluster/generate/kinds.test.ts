/** Which kinds generate needs cached, from the policies. */
import type { Rule } from '../../../src/api/policy.js';
import { downstreamKindsOf, generateCacheKinds, parseMatchKind, triggerKindsOf } from '../../../src/cluster/generate/kinds.js';
import { inline, shipped } from './harness.js';

describe('parseMatchKind', () => {
  test.each([
    ['Namespace', { apiVersion: 'v1', kind: 'Namespace' }],
    ['Deployment', { apiVersion: 'apps/v1', kind: 'Deployment' }],
    ['v1/Pod', { apiVersion: 'v1', kind: 'Pod' }],
    ['networking.k8s.io/v1/Ingress', { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }],
    ['Pod/exec', undefined],
    ['*', undefined],
    ['MyCustomKind', undefined],
  ])('%s', (text, expected) => {
    expect(parseMatchKind(text)).toEqual(expected);
  });
});

test('trigger and generated kinds of a rule: data, clone, cloneList and foreach; variables are left out', () => {
  const rule = {
    name: 'r',
    match: { any: [{ resources: { kinds: ['Namespace', 'apps/v1/Deployment'] } }], resources: { kinds: ['Pod'] } },
    generate: {
      cloneList: { kinds: ['v1/Secret', 'apps/v1/{{x}}'] },
      foreach: [{ list: 'x', apiVersion: 'v1', kind: 'ConfigMap', name: 'a', data: {} }, { list: 'y', kind: '{{k}}', name: 'b', data: {} }],
    },
  } as unknown as Rule;
  expect(triggerKindsOf(rule)).toEqual([
    { apiVersion: 'v1', kind: 'Namespace' },
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { apiVersion: 'v1', kind: 'Pod' },
  ]);
  expect(downstreamKindsOf(rule)).toEqual([
    { apiVersion: 'v1', kind: 'Secret' },
    { apiVersion: 'v1', kind: 'ConfigMap' },
  ]);
});

test('generateCacheKinds of the shipped policies (Namespaces are always cached)', async () => {
  const policies = await shipped('default-deny-network-policy.yaml', 'default-resource-quota.yaml', 'sync-registry-secret.yaml');
  expect(generateCacheKinds(policies)).toEqual([
    { group: '', version: 'v1', resource: 'resourcequotas' },
    { group: '', version: 'v1', resource: 'secrets' },
    { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' },
  ]);
  const other = inline(`
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Deployment]}}]}
    generate: {apiVersion: policy/v1, kind: PodDisruptionBudget, name: "{{request.object.metadata.name}}", namespace: "{{request.object.metadata.namespace}}", data: {spec: {minAvailable: 1}}}
`);
  expect(generateCacheKinds(other)).toEqual([
    { group: 'apps', version: 'v1', resource: 'deployments' },
    { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' },
  ]);
});
