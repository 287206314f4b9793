/** policies/default-resource-quota.yaml through the real engine. */
import { generateWith, ownedBy, SYSTEM_NAMESPACES } from './generate-support.js';
import { namespace, shipped } from './support.js';

describe('shipped policy: default-resource-quota', () => {
  test('a new Namespace gets a synchronized default ResourceQuota', async () => {
    const out = generateWith(await shipped('default-resource-quota.yaml'), namespace('shop'));
    expect(out.policies[0].rules).toEqual([{ status: 'pass', rule: 'default-quota', ruleType: 'generate', message: 'generated ResourceQuota shop/default-quota' }]);
    expect(out.objects).toHaveLength(1);
    expect(out.objects[0]).toMatchObject({ policy: 'default-resource-quota', rule: 'default-quota', synchronize: true, orphanDownstreamOnPolicyDelete: false });
    expect(out.objects[0].object).toEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'default-quota', namespace: 'shop', labels: ownedBy('default-resource-quota', 'default-quota', 'shop') },
      spec: {
        hard: {
          'requests.cpu': '4',
          'requests.memory': '8Gi',
          'limits.cpu': '8',
          'limits.memory': '16Gi',
          pods: '50',
          services: '20',
          persistentvolumeclaims: '10',
        },
      },
    });
  });

  test('an update of the Namespace describes the same quota (the cluster side keeps it in sync)', async () => {
    const policies = await shipped('default-resource-quota.yaml');
    const created = generateWith(policies, namespace('shop'));
    const updated = generateWith(policies, namespace('shop'), [], 'UPDATE');
    expect(updated.objects).toEqual(created.objects);
  });

  test.each([...SYSTEM_NAMESPACES, 'tollgate', 'tollgate-system'])('%s is left alone', async (name) => {
    expect(generateWith(await shipped('default-resource-quota.yaml'), namespace(name))).toEqual({ policies: [], objects: [] });
  });
});
