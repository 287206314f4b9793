/** Which kinds the cache replicates for the loaded policies. */
import { cacheKindsFor, kindOfUrlPath, parseCacheKind } from '../../src/policy/cache-kinds.js';
import { parsePolicies } from '../../src/policy/index.js';

describe('kindOfUrlPath', () => {
  test.each([
    ['/api/v1/namespaces/{{request.namespace}}/configmaps/settings', { group: '', version: 'v1', resource: 'configmaps' }],
    ['/apis/networking.k8s.io/v1/ingresses', { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' }],
    ['/apis/policy/v1/namespaces/{{ request.namespace }}/poddisruptionbudgets?labelSelector=app%3Dweb', { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' }],
    ['/api/v1/namespaces/{{request.namespace}}', { group: '', version: 'v1', resource: 'namespaces' }],
    ['/api/v1/nodes/{{ request.object.spec.nodeName }}', { group: '', version: 'v1', resource: 'nodes' }],
    ['/apis/{{ group }}/v1/things', undefined],
    ['/api/v1/namespaces/x/{{ kind }}', undefined],
    ['/healthz', undefined],
  ])('%s', (path, kind) => expect(kindOfUrlPath(path)).toEqual(kind));
});

describe('cacheKindsFor', () => {
  test('apiCall paths, configMap entries (also inside foreach), clone sources; no namespaces; unresolved paths listed', () => {
    const { policies, errors } = parsePolicies(
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
spec:
  rules:
  - name: a
    match: {any: [{resources: {kinds: [Ingress]}}]}
    context:
    - name: ingresses
      apiCall: {urlPath: /apis/networking.k8s.io/v1/ingresses, jmesPath: "items[].spec.rules[].host"}
    - name: ns
      apiCall: {urlPath: "/api/v1/namespaces/{{request.namespace}}"}
    - name: odd
      apiCall: {urlPath: "/apis/{{ request.object.spec.group }}/v1/things"}
    validate:
      foreach:
      - list: request.object.spec.rules
        context:
        - name: cm
          configMap: {name: settings, namespace: default}
        deny: {conditions: {any: [{key: a, operator: Equals, value: b}]}}
  - name: g
    match: {any: [{resources: {kinds: [Namespace]}}]}
    generate:
      apiVersion: v1
      kind: Secret
      name: regcred
      namespace: "{{request.object.metadata.name}}"
      clone: {namespace: tollgate-system, name: regcred}
`,
      'p.yaml',
    );
    expect(errors).toEqual([]);
    expect(cacheKindsFor(policies, [{ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' }])).toEqual({
      kinds: [
        { group: '', version: 'v1', resource: 'configmaps' },
        { group: '', version: 'v1', resource: 'secrets' },
        { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
        { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' },
      ],
      unresolved: ['/apis/{{ request.object.spec.group }}/v1/things'],
    });
  });
});

describe('parseCacheKind', () => {
  test.each([
    ['configmaps', { group: '', version: 'v1', resource: 'configmaps' }],
    ['ingresses.networking.k8s.io', { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' }],
    ['cronjobs.v1.batch', { group: 'batch', version: 'v1', resource: 'cronjobs' }],
    ['Bad_Name', undefined],
  ])('%s', (text, kind) => expect(parseCacheKind(text)).toEqual(kind));
});
