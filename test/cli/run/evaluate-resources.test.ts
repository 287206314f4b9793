import type { KubeObject } from '../../../src/api/kube.js';
import type { LoadedPolicy, Rule } from '../../../src/api/policy.js';
import { createValuesSnapshot } from '../../../src/cli/file-snapshot.js';
import { ANONYMOUS_REQUEST } from '../../../src/cli/inputs/userinfo-file.js';
import { parseValuesFile } from '../../../src/cli/inputs/values-file.js';
import { evaluateResources, evaluationOrder } from '../../../src/cli/run/evaluate-resources.js';

const denyOn = (name: string, operation: string): Rule => ({
  name,
  match: { any: [{ resources: { kinds: ['Pod'] } }] },
  // allowExistingViolations: false keeps UPDATE results independent of the old-object comparison.
  validate: { message: `no ${operation} ({{ request.operation }})`, allowExistingViolations: false, deny: { conditions: { any: [{ key: '{{ request.operation }}', operator: 'Equals', value: operation }] } } },
});

const policy = (name: string, rules: Rule[]): LoadedPolicy => ({
  policy: { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name }, spec: { rules } },
  key: name,
  rules,
});

const pod = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });

describe('evaluateResources', () => {
  test('resource values apply per policy: the same resource is an UPDATE for one policy and a CREATE for another', () => {
    const values = parseValuesFile({ policies: [{ name: 'a', resources: [{ name: 'x', values: { 'request.operation': 'UPDATE' } }] }] });
    if (!values.ok) throw new Error(values.error);
    const out = evaluateResources({
      policies: [policy('a', [denyOn('a-update', 'UPDATE')]), policy('b', [denyOn('b-update', 'UPDATE')])],
      resources: [pod('x'), pod('y')],
      values: values.value,
      requestInfo: ANONYMOUS_REQUEST,
      snapshot: createValuesSnapshot(new Map()),
      env: { now: () => 0, random: () => 0 },
    });
    const statuses = out.map((e) => [e.resource.metadata.name, e.results.map((r) => `${r.policy}:${r.rules.map((x) => x.status).join(',')}`)]);
    expect(statuses).toEqual([
      ['x', ['a:fail', 'b:pass']],
      ['y', ['a:pass', 'b:pass']],
    ]);
  });

  test('mutate policies run first', () => {
    const mutate: Rule = { name: 'm', match: { any: [{ resources: { kinds: ['Pod'] } }] }, mutate: { patchStrategicMerge: {} } };
    const order = evaluationOrder([policy('v1', [denyOn('d', 'X')]), policy('m', [mutate]), policy('v2', [denyOn('d', 'Y')])]);
    expect(order.map((p) => p.key)).toEqual(['m', 'v1', 'v2']);
  });
});
