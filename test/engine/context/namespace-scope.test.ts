/** A namespaced Policy's context entries read its own namespace only (Kyverno's CVE-2026-22039 / -41068 fixes). */
import type { KubeObject } from '../../../src/api/kube.js';
import { createFileSnapshot } from '../../../src/cli/file-snapshot.js';
import { configMapOutsideNamespace, urlPathOutsideNamespace } from '../../../src/engine/context/namespace-scope.js';
import { evaluate } from '../../../src/engine/index.js';
import { parsePolicies } from '../../../src/policy/index.js';

describe('urlPathOutsideNamespace', () => {
  test.each([
    ['/api/v1/namespaces/team-a/configmaps/settings', true],
    ['/api/v1/namespaces/team-a/configmaps', true],
    ['/api/v1/namespaces/team-a', true],
    ['/api/v1/namespaces/team-a/', true],
    ['/apis/apps/v1/namespaces/team-a/deployments?labelSelector=app%3Dweb', true],
    ['/api/v1/namespaces/kube-system/configmaps/target-cm', false],
    ['/apis/kyverno.io/v1/clusterpolicies', false],
    ['/api/v1/namespaces', false],
    ['/api/v1/nodes', false],
    ['/api/v1/namespaces/team-a/../kube-system/secrets', false],
    ['/api/v1/namespaces/team-a/./configmaps', false],
    ['/api/v1/namespaces/team-a%2F..%2Fkube-system/configmaps', false],
    ['/api/v1/namespaces//team-a/configmaps', false],
    ['api/v1/namespaces/team-a/configmaps', false],
    ['/apis/v1/namespaces/team-a/configmaps', false],
  ])('%s allowed: %s', (path, allowed) => {
    expect(urlPathOutsideNamespace(path, 'team-a') === undefined).toBe(allowed);
  });

  test('configMap namespaces', () => {
    expect(configMapOutsideNamespace('team-a', 'team-a')).toBeUndefined();
    expect(configMapOutsideNamespace('kube-system', 'team-a')).toMatch(/own namespace "team-a"/);
  });
});

describe('namespaced Policy context entries against a cluster', () => {
  const cluster: KubeObject[] = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team-a' }, data: { key: 'mine' } } as KubeObject,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'kube-system' }, data: { key: 'secret' } } as KubeObject,
  ];
  const policy = (kind: 'Policy' | 'ClusterPolicy', context: string): string => `apiVersion: kyverno.io/v1
kind: ${kind}
metadata: {name: leak${kind === 'Policy' ? ', namespace: team-a' : ''}}
spec:
  validationFailureAction: Enforce
  rules:
  - name: read
    match: {any: [{resources: {kinds: [ConfigMap]}}]}
    context:
${context}
    validate:
      message: "read {{ found }}"
      deny: {}
`;
  const run = (text: string) => {
    const { policies, errors } = parsePolicies(text, 'p.yaml');
    expect(errors).toEqual([]);
    const object = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trigger', namespace: 'team-a', annotations: { ns: 'kube-system' } } };
    const request = { uid: 'u', kind: { group: '', version: 'v1', kind: 'ConfigMap' }, resource: { group: '', version: 'v1', resource: 'configmaps' }, namespace: 'team-a', operation: 'CREATE' as const, userInfo: {}, object };
    return evaluate({ request, policies, snapshot: createFileSnapshot(cluster), env: { now: () => 0, random: () => 0.5 } }).policies[0].rules[0];
  };
  const apiCall = '    - name: found\n      apiCall:\n        urlPath: "/api/v1/namespaces/{{ request.object.metadata.annotations.ns }}/configmaps/settings"\n        jmesPath: data.key';
  const configMap = (ns: string) => `    - name: cm\n      configMap: {name: settings${ns ? `, namespace: ${ns}` : ''}}\n    - name: found\n      variable: {jmesPath: cm.data.key}`;

  test('an apiCall into another namespace is an error, not a leak', () => {
    const result = run(policy('Policy', apiCall));
    expect(result).toMatchObject({ status: 'error', message: expect.stringContaining('may only call the API in its own namespace "team-a"') });
    expect(result.message).not.toContain('secret');
  });

  test('a ClusterPolicy is not restricted', () => {
    expect(run(policy('ClusterPolicy', apiCall))).toMatchObject({ status: 'fail', message: 'read secret' });
  });

  test("a configMap entry defaults to the Policy's namespace and refuses another", () => {
    expect(run(policy('Policy', configMap('')))).toMatchObject({ status: 'fail', message: 'read mine' });
    expect(run(policy('Policy', configMap('kube-system')))).toMatchObject({ status: 'error', message: expect.stringContaining('may only read ConfigMaps in its own namespace') });
    expect(run(policy('ClusterPolicy', configMap('kube-system')))).toMatchObject({ status: 'fail', message: 'read secret' });
  });
});
