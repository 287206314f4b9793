/** policies/sync-registry-secret.yaml through the real engine, the source Secret served by a file-backed cluster. */
import type { KubeObject } from '../../src/api/kube.js';
import { generateWith, ownedBy, SYSTEM_NAMESPACES } from './generate-support.js';
import { namespace, shipped } from './support.js';

const regcred: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'regcred',
    namespace: 'tollgate-system',
    uid: '0f6e-source',
    resourceVersion: '1234',
    creationTimestamp: '2025-01-01T00:00:00Z',
    labels: { 'generate.tollgate.io/clone-source': '' },
  },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': 'eyJhdXRocyI6e319' },
};

describe('shipped policy: sync-registry-secret', () => {
  test('a new Namespace gets a synchronized copy of tollgate-system/regcred', async () => {
    const out = generateWith(await shipped('sync-registry-secret.yaml'), namespace('shop'), [regcred]);
    expect(out.policies[0].rules).toEqual([{ status: 'pass', rule: 'sync-regcred', ruleType: 'generate', message: 'generated Secret shop/regcred' }]);
    expect(out.objects).toEqual([
      {
        policy: 'sync-registry-secret',
        rule: 'sync-regcred',
        synchronize: true,
        orphanDownstreamOnPolicyDelete: false,
        cloneSource: { apiVersion: 'v1', kind: 'Secret', namespace: 'tollgate-system', name: 'regcred' },
        object: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: 'regcred',
            namespace: 'shop',
            labels: {
              ...ownedBy('sync-registry-secret', 'sync-regcred', 'shop'),
              'generate.tollgate.io/source-apiversion': 'v1',
              'generate.tollgate.io/source-kind': 'Secret',
              'generate.tollgate.io/source-namespace': 'tollgate-system',
              'generate.tollgate.io/source-name': 'regcred',
            },
          },
          type: 'kubernetes.io/dockerconfigjson',
          data: { '.dockerconfigjson': 'eyJhdXRocyI6e319' },
        },
      },
    ]);
  });

  test('without the source Secret the rule is an error and nothing is generated', async () => {
    const out = generateWith(await shipped('sync-registry-secret.yaml'), namespace('shop'), []);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: 'source resource Secret tollgate-system/regcred not found: secrets "regcred" not found' });
    expect(out.objects).toEqual([]);
  });

  test.each(['tollgate-system', ...SYSTEM_NAMESPACES])('%s is left alone', async (name) => {
    expect(generateWith(await shipped('sync-registry-secret.yaml'), namespace(name), [regcred])).toEqual({ policies: [], objects: [] });
  });
});
