/** `apiCall.service` in the engine: the request is built after substitution and answered through the snapshot. */
import type { Lookup, ServiceRequest } from '../../../src/api/snapshot.js';
import { EMPTY_SNAPSHOT } from '../../../src/api/snapshot.js';
import { evaluate } from '../../../src/engine/index.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { podCreateRequest } from '../pod-request.js';

const policy = (extra = '') => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: image-scan, annotations: {pod-policies.kyverno.io/autogen-controllers: none}}
spec:
  validationFailureAction: Enforce
  rules:
  - name: scanned
    match: {any: [{resources: {kinds: [Pod]}}]}
    context:
    - name: scan
      apiCall:
        method: POST
        data:
        - {key: image, value: "{{ request.object.spec.containers[0].image }}"}
        - {key: namespace, value: "{{ request.namespace }}"}
        service:
          url: "https://scanner.security.svc/scan?ns={{ request.namespace }}"
          caBundle: "-----BEGIN CERTIFICATE-----\\nX\\n-----END CERTIFICATE-----"
          headers: [{key: x-tenant, value: "{{ request.namespace }}"}]
        jmesPath: verdict
${extra}
    validate:
      message: "image verdict: {{ scan }}"
      deny: {conditions: {any: [{key: "{{ scan }}", operator: NotEquals, value: clean}]}}
`;

function run(answer: (r: ServiceRequest) => Lookup<unknown>, extra = '') {
  const { policies, errors } = parsePolicies(policy(extra), 'p.yaml');
  expect(errors).toEqual([]);
  const seen: ServiceRequest[] = [];
  const snapshot = { ...EMPTY_SNAPSHOT, service: (r: ServiceRequest) => (seen.push(r), answer(r)) };
  const request = podCreateRequest({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  return { rule: evaluate({ request, policies, snapshot, env: { now: () => 0, random: () => 0.5 } }).policies[0]?.rules[0], seen };
}

describe('apiCall.service', () => {
  test('the substituted request reaches the snapshot: method, URL, body from data, headers, CA bundle', () => {
    const { rule, seen } = run(() => ({ found: true, value: { verdict: 'clean' } }));
    expect(seen).toEqual([
      {
        url: 'https://scanner.security.svc/scan?ns=default',
        method: 'POST',
        body: { image: 'nginx:1.27', namespace: 'default' },
        headers: { 'x-tenant': 'default' },
        caBundle: '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----',
      },
    ]);
    expect(rule).toMatchObject({ status: 'pass' });
  });

  test('the answer feeds jmesPath and the rule', () => {
    expect(run(() => ({ found: true, value: { verdict: 'vulnerable' } })).rule).toMatchObject({ status: 'fail', message: 'image verdict: vulnerable' });
  });

  test('a failed call is an error, or takes the default', () => {
    expect(run(() => ({ found: false, reason: 'not-found', message: 'POST https://scanner: no answer within 2000 ms' })).rule).toMatchObject({ status: 'error', message: expect.stringContaining('no answer within 2000 ms') });
    expect(run(() => ({ found: false, reason: 'not-found', message: 'down' }), '        default: clean').rule).toMatchObject({ status: 'pass' });
  });

  test('a snapshot that cannot make calls skips the entry (left to injected values, as offline)', () => {
    // Without the entry, the condition's unresolved variable reads as "" (Kyverno's conditions resolver).
    expect(run(() => ({ found: false, reason: 'unavailable' })).rule).toMatchObject({ status: 'fail' });
  });
});
