/** Pruning of cached objects: the default, and configured field paths (never the identity fields). */
import type { KubeObject } from '../../../src/api/kube.js';
import { defaultPrune, pruneFields } from '../../../src/cluster/index.js';

const ref = { group: 'apps', version: 'v1', resource: 'deployments' };
const deployment = (): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'shop',
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{...}', 'example.com/keep': 'x', 'example.com/big': 'y' },
      managedFields: [{ manager: 'kubectl' }],
    },
    spec: { replicas: 3, template: { spec: { containers: [{ name: 'web' }] } } },
    status: { readyReplicas: 3 },
  }) as unknown as KubeObject;

test('the default drops managedFields and the last-applied annotation only', () => {
  const pruned = defaultPrune(ref, deployment()) as unknown as { metadata: Record<string, unknown>; status: unknown };
  expect(pruned.metadata.managedFields).toBeUndefined();
  expect(pruned.metadata.annotations).toEqual({ 'example.com/keep': 'x', 'example.com/big': 'y' });
  expect(pruned.status).toEqual({ readyReplicas: 3 });
});

test('configured paths are dropped too, dots inside keys escaped; missing paths change nothing; input untouched', () => {
  const input = deployment();
  const prune = pruneFields(['status', 'spec.template', 'metadata.annotations.example\\.com/big', 'spec.nothing.here']);
  const pruned = prune(ref, input) as unknown as { metadata: Record<string, unknown>; spec: Record<string, unknown>; status?: unknown };
  expect(pruned.status).toBeUndefined();
  expect(pruned.spec).toEqual({ replicas: 3 });
  expect(pruned.metadata.annotations).toEqual({ 'example.com/keep': 'x' });
  expect(pruned.metadata.managedFields).toBeUndefined();
  expect((input as unknown as { status: unknown }).status).toEqual({ readyReplicas: 3 });
});
