/** policies/pod-anti-affinity.yaml: added to distributed Deployments with an app label and no affinity. */
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { mutateWith, shipped } from './support.js';

let policies: LoadedPolicy[];
beforeAll(async () => {
  policies = await shipped('pod-anti-affinity.yaml');
});

function deployment(labels: Record<string, string>, templateLabels: Record<string, string>, podSpec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels },
    spec: {
      replicas: 3,
      selector: { matchLabels: templateLabels },
      template: { metadata: { labels: templateLabels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...podSpec } },
    },
  } as KubeObject;
}

const templateSpec = (object: unknown): Record<string, unknown> => (object as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;

describe('pod anti-affinity', () => {
  test('distributed=required with an app label and no affinity: preferred anti-affinity on the hostname for that app', () => {
    const out = mutateWith(policies, deployment({ distributed: 'required' }, { app: 'web' }));
    expect(out.policies[0].rules[0]).toMatchObject({ rule: 'add-pod-anti-affinity', status: 'pass' });
    expect(templateSpec(out.object).affinity).toEqual({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] } } },
        ],
      },
    });
    expect(templateSpec(out.object).containers).toEqual([{ name: 'web', image: 'nginx:1.27' }]);
  });

  test('an affinity already set (of any kind) is left exactly as it is', () => {
    const nodeAffinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } };
    const object = deployment({ distributed: 'required' }, { app: 'web' }, { affinity: nodeAffinity });
    const out = mutateWith(policies, object);
    expect(out.object).toBe(object);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'skip', message: 'no patches applied' });
  });

  test('Deployments without the label are not matched', () => {
    for (const labels of [{}, { distributed: 'preferred' }] as Record<string, string>[]) {
      const object = deployment(labels, { app: 'web' });
      const out = mutateWith(policies, object);
      expect(out.policies).toEqual([]);
      expect(out.object).toBe(object);
    }
  });

  test('a Pod template without an app label is skipped by the precondition', () => {
    const out = mutateWith(policies, deployment({ distributed: 'required' }, { name: 'web' }));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'skip', message: 'preconditions not met' });
  });

  test('idempotent: applying the policy to its own output changes nothing', () => {
    const first = mutateWith(policies, deployment({ distributed: 'required' }, { app: 'web' })).object as KubeObject;
    expect(mutateWith(policies, first, [], 'UPDATE', first).object).toBe(first);
  });
});
