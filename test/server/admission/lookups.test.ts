/**
 * Lookups the snapshot cannot answer are fetched from the API server (bounded) and the request is evaluated
 * again with the answers; a failed fetch is the rule's error, decided by failurePolicy.
 */
import type { FastifyInstance } from 'fastify';
import type { Lookup } from '../../../src/api/snapshot.js';
import { EMPTY_SNAPSHOT } from '../../../src/api/snapshot.js';
import { parsePolicies } from '../../../src/policy/index.js';
import { buildApp } from '../../../src/server/index.js';
import { fetchAnswers, lookupsOf, recordingSnapshot } from '../../../src/server/admission/lookups.js';
import { loadPolicyFiles } from '../../../src/policy/index.js';
import { listenLocal, postJson } from '../http-client.js';
import { deps, podReview, storeOf } from '../support.js';

const policy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: allowed-images
  annotations: {pod-policies.kyverno.io/autogen-controllers: none}
spec:
  validationFailureAction: Enforce
  rules:
  - name: registry
    match: {any: [{resources: {kinds: [Pod]}}]}
    context:
    - name: registry
      apiCall:
        urlPath: "/api/v1/namespaces/{{ request.namespace }}/configmaps/registry"
        jmesPath: data.prefix
    validate:
      message: "images must come from {{ registry }}"
      foreach:
      - list: request.object.spec.containers
        deny:
          conditions:
            any:
            - {key: "{{ element.image }}", operator: NotEquals, value: "{{ registry }}*"}
`;

describe('recordingSnapshot', () => {
  test('records what the base cannot answer; answers laid over it are used; found and not-found pass through', () => {
    const base = { ...EMPTY_SNAPSHOT, apiGet: (p: string): Lookup<unknown> => (p === '/known' ? { found: true, value: 1 } : { found: false, reason: 'unavailable' }) };
    const first = recordingSnapshot(base);
    expect(first.snapshot.apiGet('/known')).toEqual({ found: true, value: 1 });
    expect(first.snapshot.apiGet('/x')).toEqual({ found: false, reason: 'unavailable' });
    expect(first.snapshot.configMap('ns', 'cm')).toEqual({ found: false, reason: 'unavailable' });
    expect(first.snapshot.namespace('ns')).toEqual({ found: false, reason: 'unavailable' });
    expect(first.misses()).toEqual(['/x', '/api/v1/namespaces/ns/configmaps/cm', '/api/v1/namespaces/ns']);
    const answers = new Map<string, Lookup<unknown>>([
      ['/x', { found: true, value: 2 }],
      ['/api/v1/namespaces/ns/configmaps/cm', { found: true, value: { metadata: { name: 'cm' }, data: { a: 'b' } } }],
      ['/api/v1/namespaces/ns', { found: false, reason: 'not-found', message: 'gone' }],
    ]);
    const second = recordingSnapshot(base, answers);
    expect(second.snapshot.apiGet('/x')).toEqual({ found: true, value: 2 });
    expect(second.snapshot.configMap('ns', 'cm')).toMatchObject({ found: true, value: { data: { a: 'b' } } });
    expect(second.snapshot.namespace('ns')).toEqual({ found: false, reason: 'not-found', message: 'gone' });
    expect(second.misses()).toEqual([]);
  });

  test('fetchAnswers turns a thrown fetch into a not-found answer', async () => {
    const answers = await fetchAnswers(['/a', '/b'], (p) => (p === '/a' ? Promise.resolve({ found: true, value: 'A' }) : Promise.reject(new Error('boom'))));
    expect([...answers]).toEqual([
      ['/a', { found: true, value: 'A' }],
      ['/b', { found: false, reason: 'not-found', message: 'GET /b: boom' }],
    ]);
  });
});

describe('lookupsOf', () => {
  test('which lookups a policy set can make (context entries, also inside foreach), computed once per set', async () => {
    const { policies } = await loadPolicyFiles(['policies']);
    const pss = policies.filter((lp) => lp.key === 'pod-security-baseline');
    expect(lookupsOf({ policies: pss })).toEqual({ api: false, services: false });
    const set = { policies };
    expect(lookupsOf(set)).toEqual({ api: true, services: false });
    expect(lookupsOf(set)).toBe(lookupsOf(set));
    const { policies: withService } = parsePolicies(
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: s}
spec:
  rules:
  - name: r
    match: {any: [{resources: {kinds: [Pod]}}]}
    validate:
      foreach:
      - list: request.object.spec.containers
        context: [{name: x, apiCall: {service: {url: "http://scanner/scan"}}}]
        deny: {conditions: {any: [{key: a, operator: Equals, value: b}]}}
`,
      's.yaml',
    );
    expect(lookupsOf({ policies: withService })).toEqual({ api: false, services: true });
  });
});

describe('admission with lookups fetched from the API server', () => {
  let app: FastifyInstance;
  let base: string;
  const fetched: string[] = [];
  let answer: (path: string) => Promise<Lookup<unknown>>;

  beforeAll(async () => {
    const { policies, errors } = parsePolicies(policy, 'p.yaml');
    expect(errors).toEqual([]);
    const store = await storeOf(policies);
    app = buildApp(deps(store, { fetcher: { get: (p) => (fetched.push(p), answer(p)) } }));
    base = `http://${await listenLocal(app)}`;
  });
  afterAll(async () => {
    await app.close();
  });

  const pod = (image: string) => podReview('l-1', { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image }] } });

  test('the missing ConfigMap is fetched once and the decision uses it', async () => {
    answer = () => Promise.resolve({ found: true, value: { metadata: { name: 'registry' }, data: { prefix: 'registry.example.com/' } } });
    fetched.length = 0;
    const allowed = (await postJson(`${base}/validate`, pod('registry.example.com/web:1'))).json<{ response: { allowed: boolean } }>();
    expect(allowed.response.allowed).toBe(true);
    expect(fetched).toEqual(['/api/v1/namespaces/default/configmaps/registry']);
    const denied = (await postJson(`${base}/validate`, pod('docker.io/web:1'))).json<{ response: { allowed: boolean; status?: { message?: string } } }>();
    expect(denied.response.allowed).toBe(false);
    expect(denied.response.status?.message).toContain('images must come from registry.example.com/');
  });

  test('a failed fetch is an error result: failurePolicy Fail (the default) denies', async () => {
    answer = () => Promise.resolve({ found: false, reason: 'not-found', message: 'GET /api/v1/namespaces/default/configmaps/registry: no answer within 2000 ms' });
    const out = (await postJson(`${base}/validate`, pod('registry.example.com/web:1'))).json<{ response: { allowed: boolean; status?: { message?: string } } }>();
    expect(out.response.allowed).toBe(false);
    expect(out.response.status?.message).toContain('no answer within 2000 ms');
  });
});
