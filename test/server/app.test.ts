/** The admission routes through fastify inject(): decisions, versions, policy admission, dryRun, failures. */
import type { FastifyInstance } from 'fastify';
import type { LoadedPolicy } from '../../src/api/policy.js';
import type { ManagedPolicyStore } from '../../src/policy/store/index.js';
import { buildApp, type AdmissionDecision } from '../../src/server/index.js';
import { listenLocal, postJson } from './http-client.js';
import { deps, FIXTURE_UID, fixtureReview, labelled, loadPolicies, podReview, storeOf } from './support.js';

interface ReviewOut {
  apiVersion: string;
  kind: string;
  response: { uid: string; allowed: boolean; status?: { code?: number; message?: string; reason?: string }; warnings?: string[]; patch?: string };
}

let policies: LoadedPolicy[];
let store: ManagedPolicyStore;
let app: FastifyInstance;
let base: string;
const recorded: AdmissionDecision[] = [];

beforeAll(async () => {
  policies = await loadPolicies('policies');
  store = await storeOf(policies);
  app = buildApp(deps(store, { recorder: { record: (d) => recorded.push(d) } }));
  base = `http://${await listenLocal(app)}`;
});
afterAll(async () => {
  await app.close();
  await store.close();
});
beforeEach(() => {
  recorded.length = 0;
});

async function post(url: string, body: unknown): Promise<{ status: number; json: ReviewOut }> {
  const res = await postJson(`${base}${url}`, body);
  return { status: res.status, json: res.json<ReviewOut>() };
}

describe('POST /validate', () => {
  test('denies the kubectl Deployment without the required label, with the Kyverno-shaped message', async () => {
    const { status, json } = await post('/validate', fixtureReview());
    expect(status).toBe(200);
    expect(json.apiVersion).toBe('admission.k8s.io/v1');
    expect(json.kind).toBe('AdmissionReview');
    expect(json.response.uid).toBe(FIXTURE_UID);
    expect(json.response.allowed).toBe(false);
    expect(json.response.status?.code).toBe(403);
    const message = json.response.status?.message ?? '';
    expect(message.startsWith('resource Deployment/default/nginx was blocked due to the following policies\n\nrequire-labels:\n  autogen-check-for-labels: ')).toBe(true);
    expect(message).toContain('The label `app.kubernetes.io/name` is required.');
  });

  test('allows a labelled Deployment and carries the Audit failures as warnings', async () => {
    const { json } = await post('/validate', fixtureReview({ object: labelled('nginx') }));
    expect(json.response).toMatchObject({ uid: FIXTURE_UID, allowed: true });
    expect(json.response.status).toBeUndefined();
    expect(json.response.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^policy disallow-latest-tag\.autogen-require-image-tag: /)]));
  });

  test('allows a kind no policy matches without warnings', async () => {
    const cm = fixtureReview({
      kind: { group: '', version: 'v1', kind: 'ConfigMap' },
      resource: { group: '', version: 'v1', resource: 'configmaps' },
      name: 'cfg',
      object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { k: 'v' } },
    });
    const { json } = await post('/validate', cm);
    expect(json.response).toEqual({ uid: FIXTURE_UID, allowed: true });
  });

  test.each(['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'])('answers %s in the same version', async (apiVersion) => {
    const { json } = await post('/validate', fixtureReview({}, { apiVersion }));
    expect(json.apiVersion).toBe(apiVersion);
    expect(json.response.uid).toBe(FIXTURE_UID);
    expect(json.response.allowed).toBe(false);
  });

  test('a privileged Pod is denied by the Enforce policy, a compliant one allowed', async () => {
    const base = { metadata: { name: 'p', namespace: 'default', labels: { 'app.kubernetes.io/name': 'p' } } };
    const container = { name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } } };
    const bad = await post('/validate', podReview('u-bad', { ...base, spec: { containers: [{ ...container, securityContext: { privileged: true } }] } }));
    expect(bad.json.response.allowed).toBe(false);
    expect(bad.json.response.status?.message).toContain('disallow-privileged-containers');
    const good = await post('/validate', podReview('u-good', { ...base, spec: { containers: [container] } }));
    expect(good.json.response).toEqual({ uid: 'u-good', allowed: true });
  });

  test('records non-dryRun decisions; a dryRun request gets the same answer and records nothing', async () => {
    const real = await post('/validate', fixtureReview());
    expect(recorded).toHaveLength(1);
    expect(recorded[0].response.allowed).toBe(false);
    recorded.length = 0;
    const dry = await post('/validate', fixtureReview({ dryRun: true }));
    expect(dry.json.response).toEqual(real.json.response);
    expect(recorded).toHaveLength(0);
  });
});

describe('policy admission', () => {
  const policyReview = (object: Record<string, unknown>, operation = 'CREATE', kind = 'ClusterPolicy'): Record<string, unknown> =>
    fixtureReview({
      uid: 'pol-1',
      kind: { group: 'kyverno.io', version: 'v1', kind },
      resource: { group: 'kyverno.io', version: 'v1', resource: kind === 'Policy' ? 'policies' : 'clusterpolicies' },
      name: 'p1',
      namespace: kind === 'Policy' ? 'team' : undefined,
      operation,
      object,
    });
  const valid = { apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p1' }, spec: policies?.[0]?.policy.spec };

  test('a valid ClusterPolicy is admitted', async () => {
    const { json } = await post('/validate', policyReview({ ...valid, spec: policies[0].policy.spec }));
    expect(json.response).toEqual({ uid: 'pol-1', allowed: true });
  });

  test.each([
    { what: 'a rule without a name', mutate: (spec: Record<string, unknown>) => ({ ...spec, rules: [{ match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { pattern: {} } }] }), field: 'spec.rules[0]' },
    { what: 'an unknown failure action', mutate: (spec: Record<string, unknown>) => ({ ...spec, validationFailureAction: 'Block' }), field: 'spec.validationFailureAction' },
    {
      what: 'a variable that does not compile',
      mutate: (spec: Record<string, unknown>) => ({
        ...spec,
        rules: [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate: { message: '{{ request.object.metadata.[ }}', pattern: {} } }],
      }),
      field: 'spec.rules[0].validate.message: invalid JMESPath in variable',
    },
  ])('$what is denied naming the field', async ({ mutate, field }) => {
    for (const operation of ['CREATE', 'UPDATE']) {
      const spec = mutate(JSON.parse(JSON.stringify(policies[0].policy.spec)) as Record<string, unknown>);
      const { json } = await post('/validate', policyReview({ ...valid, spec }, operation));
      expect(json.response.uid).toBe('pol-1');
      expect(json.response.allowed).toBe(false);
      expect(json.response.status).toMatchObject({ code: 400, reason: 'BadRequest' });
      expect(json.response.status?.message).toMatch(/^ClusterPolicy p1 is invalid:\n- /);
      expect(json.response.status?.message).toContain(field);
    }
  });

  test('a namespaced Policy without metadata.namespace is checked in the request namespace', async () => {
    const { json } = await post('/validate', policyReview({ ...valid, kind: 'Policy', spec: policies[0].policy.spec }, 'CREATE', 'Policy'));
    expect(json.response).toEqual({ uid: 'pol-1', allowed: true });
  });

  test('deleting a policy is not checked', async () => {
    const { json } = await post('/validate', policyReview({ ...valid, spec: { rules: 'nonsense' } }, 'DELETE'));
    expect(json.response.allowed).toBe(true);
  });
});

describe('POST /mutate', () => {
  test('a request that no mutate rule changes is allowed without a patch, in the request version', async () => {
    for (const apiVersion of ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1']) {
      const { status, json } = await post('/mutate', fixtureReview({}, { apiVersion }));
      expect(status).toBe(200);
      expect(json).toEqual({ apiVersion, kind: 'AdmissionReview', response: { uid: FIXTURE_UID, allowed: true } });
    }
  });
});

describe('an exception inside evaluation', () => {
  /**
   * A policy whose failure action cannot be read: the engine reads it outside its per-rule guard, so the
   * evaluation throws (the index and the store never read it).
   */
  function brokenPolicy(base: LoadedPolicy, failurePolicy: 'Fail' | 'Ignore' | undefined): LoadedPolicy {
    const spec = failurePolicy === undefined ? { ...base.policy.spec } : { ...base.policy.spec, failurePolicy };
    Object.defineProperty(spec, 'validationFailureAction', {
      enumerable: true,
      get(): never {
        throw new Error('spec exploded');
      },
    });
    return { ...base, policy: { ...base.policy, spec }, key: `broken-${failurePolicy ?? 'default'}` };
  }

  async function answer(failurePolicy: 'Fail' | 'Ignore' | undefined): Promise<ReviewOut> {
    const requireLabels = policies.find((p) => p.key === 'require-labels');
    const noPrivileged = policies.find((p) => p.key === 'disallow-privileged-containers');
    if (!requireLabels || !noPrivileged) throw new Error('policies not loaded');
    const s = await storeOf([brokenPolicy(requireLabels, failurePolicy), noPrivileged]);
    const a = buildApp(deps(s));
    try {
      const res = await postJson(`http://${await listenLocal(a)}/validate`, fixtureReview({ object: labelled('nginx') }));
      expect(res.status).toBe(200);
      return res.json<ReviewOut>();
    } finally {
      await a.close();
      await s.close();
    }
  }

  test.each([
    { failurePolicy: undefined, allowed: false },
    { failurePolicy: 'Fail' as const, allowed: false },
    { failurePolicy: 'Ignore' as const, allowed: true },
  ])('failurePolicy $failurePolicy: allowed=$allowed, uid echoed', async ({ failurePolicy, allowed }) => {
    const json = await answer(failurePolicy);
    expect(json.response.uid).toBe(FIXTURE_UID);
    expect(json.response.allowed).toBe(allowed);
    if (!allowed) expect(json.response.status?.message).toMatch(/broken-(default|Fail):\n {2}internal-error: 'internal error: spec exploded'/);
    // The healthy policy still ran: the failure is isolated to the broken one.
    if (allowed) expect(json.response.status).toBeUndefined();
  });
});
