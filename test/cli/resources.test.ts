import { documentsToResources, withDefaultNamespace } from '../../src/cli/resources.js';

describe('resources', () => {
  test('namespaced objects default to "default", cluster-scoped ones stay without namespace', () => {
    expect(withDefaultNamespace({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }).metadata.namespace).toBe('default');
    expect(withDefaultNamespace({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' } }).metadata.namespace).toBe('x');
    expect(withDefaultNamespace({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } }).metadata.namespace).toBeUndefined();
    expect(withDefaultNamespace({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'c' } }).metadata.namespace).toBeUndefined();
  });

  test('lists expand, non-objects are errors', () => {
    const r = documentsToResources([
      { file: 'f', index: 1, value: { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }, 'junk'] } },
      { file: 'f', index: 2, value: { kind: 'Pod' } },
      { file: 'f', index: 3, value: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n' } } },
    ]);
    expect(r.resources.map((x) => [x.object.kind, x.object.metadata.namespace, x.object.metadata.name, x.document])).toEqual([
      ['ConfigMap', 'default', 'a', 1],
      ['Pod', 'n', 'p', 3],
    ]);
    expect(r.errors).toEqual([
      'f#1 items[1]: not a Kubernetes object (needs apiVersion, kind and metadata)',
      'f#2: not a Kubernetes object (needs apiVersion, kind and metadata)',
    ]);
  });
});
