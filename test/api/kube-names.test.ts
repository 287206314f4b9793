import { isClusterScoped, kindToResource } from '../../src/api/kube-names.js';

describe('kube names', () => {
  test.each([
    ['Pod', 'pods'], ['Ingress', 'ingresses'], ['NetworkPolicy', 'networkpolicies'], ['StorageClass', 'storageclasses'],
    ['Endpoints', 'endpoints'], ['Gateway', 'gateways'], ['ConfigMap', 'configmaps'], ['PodSecurityPolicy', 'podsecuritypolicies'], ['Mesh', 'meshes'],
  ])('kindToResource(%s) = %s', (kind, want) => expect(kindToResource(kind)).toBe(want));

  test.each([
    ['v1', 'Namespace', true], ['v1', 'Pod', false], ['rbac.authorization.k8s.io/v1', 'ClusterRole', true], ['rbac.authorization.k8s.io/v1', 'Role', false],
    ['networking.k8s.io/v1', 'Ingress', false], ['config.openshift.io/v1', 'Ingress', true], ['example.com/v1', 'Widget', false],
  ])('isClusterScoped(%s, %s) = %s', (apiVersion, kind, want) => expect(isClusterScoped(apiVersion, kind)).toBe(want));
});
