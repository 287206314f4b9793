/** policies/default-deny-network-policy.yaml through the real engine. */
import { generateWith, ownedBy, SYSTEM_NAMESPACES } from './generate-support.js';
import { namespace, shipped } from './support.js';

describe('shipped policy: default-deny-network-policy', () => {
  test('a new Namespace gets a synchronized default-deny NetworkPolicy', async () => {
    const out = generateWith(await shipped('default-deny-network-policy.yaml'), namespace('shop', { team: 'shop' }));
    expect(out.policies[0].rules).toEqual([
      { status: 'pass', rule: 'default-deny', ruleType: 'generate', message: 'generated NetworkPolicy shop/default-deny' },
    ]);
    expect(out.objects).toEqual([
      {
        policy: 'default-deny-network-policy',
        rule: 'default-deny',
        synchronize: true,
        orphanDownstreamOnPolicyDelete: false,
        object: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'default-deny', namespace: 'shop', labels: ownedBy('default-deny-network-policy', 'default-deny', 'shop') },
          spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        },
      },
    ]);
  });

  test.each([...SYSTEM_NAMESPACES, 'tollgate', 'tollgate-system'])('%s is left alone', async (name) => {
    const out = generateWith(await shipped('default-deny-network-policy.yaml'), namespace(name));
    expect(out).toEqual({ policies: [], objects: [] });
  });

  test('other kinds do not trigger it; deleting a Namespace generates nothing', async () => {
    const policies = await shipped('default-deny-network-policy.yaml');
    expect(generateWith(policies, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'shop' } }).objects).toEqual([]);
    const deleted = generateWith(policies, namespace('shop'), [], 'DELETE');
    expect(deleted.objects).toEqual([]);
    expect(deleted.policies[0].rules[0].status).toBe('skip');
  });
});
