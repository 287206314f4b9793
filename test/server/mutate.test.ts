/**
 * POST /mutate end to end over real HTTPS with the shipped policies: the JSON patch the server returns is
 * applied to the original object with fast-json-patch and must give the expected Pod.
 */
import jsonpatch from 'fast-json-patch';
import type { FastifyInstance } from 'fastify';
import type { KubeObject } from '../../src/api/kube.js';
import { createFileSnapshot } from '../../src/cli/file-snapshot.js';
import type { ManagedPolicyStore } from '../../src/policy/store/index.js';
import { buildApp } from '../../src/server/index.js';
import { selfSignedMaterial, type TlsMaterial } from '../../src/tls/index.js';
import { listenLocal, postJson } from './http-client.js';
import { deps, loadPolicies, podReview, storeOf } from './support.js';

interface MutateOut {
  apiVersion: string;
  response: { uid: string; allowed: boolean; patchType?: string; patch?: string; status?: { code?: number; message?: string }; warnings?: string[] };
}
interface PodShape {
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: { containers: { name: string; image: string }[]; initContainers?: { name: string }[]; volumes?: { name: string }[] };
}

const cluster: KubeObject[] = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio-injection': 'enabled' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } },
];

const pod = (namespace: string, annotations: Record<string, string> = {}): Record<string, unknown> => ({
  metadata: { name: 'web', namespace, labels: { app: 'web', 'app.kubernetes.io/name': 'web' }, annotations },
  spec: { containers: [{ name: 'web', image: 'registry.example.com/web:2.1', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } } }] },
});

const decode = (patch: string | undefined): jsonpatch.Operation[] => JSON.parse(Buffer.from(patch ?? '', 'base64').toString('utf8')) as jsonpatch.Operation[];
const applyTo = <T>(object: T, ops: jsonpatch.Operation[]): T => jsonpatch.applyPatch(structuredClone(object), ops, true, false).newDocument;

let store: ManagedPolicyStore;
let material: TlsMaterial;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  store = await storeOf(await loadPolicies('policies'));
  material = selfSignedMaterial(new Date());
  app = buildApp(deps(store, { tls: material, snapshot: createFileSnapshot(cluster) }));
  base = `https://${await listenLocal(app)}`;
});
afterAll(async () => {
  await app.close();
  await store.close();
});

async function mutateCall(review: Record<string, unknown>): Promise<MutateOut> {
  const res = await postJson(`${base}/mutate`, review, { ca: material.ca });
  expect(res.status).toBe(200);
  return res.json<MutateOut>();
}

describe('POST /mutate over HTTPS', () => {
  test('a Pod in an injection-enabled namespace: the returned JSONPatch applied to the original gives the injected Pod', async () => {
    const review = podReview('m-1', pod('shop'), { namespace: 'shop' }) as { request: { object: PodShape } };
    const out = await mutateCall(review);
    expect(out.response).toMatchObject({ uid: 'm-1', allowed: true, patchType: 'JSONPatch' });
    const ops = decode(out.response.patch);
    // Keys with '/' are escaped as ~1 in the patch paths.
    expect(ops).toContainEqual({ op: 'add', path: '/metadata/labels/security.istio.io~1tlsMode', value: 'istio' });
    expect(ops).toContainEqual(expect.objectContaining({ op: 'add', path: '/metadata/annotations/sidecar.istio.io~1status' }));
    const patched = applyTo(review.request.object, ops);
    expect(patched.spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
    expect(patched.spec.containers[0]).toEqual(review.request.object.spec.containers[0]);
    expect(patched.spec.initContainers?.map((c) => c.name)).toEqual(['istio-init']);
    expect(patched.spec.volumes?.length).toBe(8);
    expect(patched.metadata.labels).toEqual({ app: 'web', 'app.kubernetes.io/name': 'web', 'security.istio.io/tlsMode': 'istio' });

    // The API server sends the mutated Pod back on UPDATE: no patch this time.
    const again = await mutateCall(podReview('m-2', patched as unknown as Record<string, unknown>, { namespace: 'shop', operation: 'UPDATE', oldObject: patched }));
    expect(again.response).toEqual({ uid: 'm-2', allowed: true });
  });

  test('v1beta1 in, v1beta1 out, with the patch', async () => {
    const out = await mutateCall({ ...podReview('m-3', pod('shop'), { namespace: 'shop' }), apiVersion: 'admission.k8s.io/v1beta1' });
    expect(out.apiVersion).toBe('admission.k8s.io/v1beta1');
    expect(out.response.patchType).toBe('JSONPatch');
  });

  test('a Pod that opted out gets no patch', async () => {
    const out = await mutateCall(podReview('m-4', pod('shop', { 'sidecar.istio.io/inject': 'false' }), { namespace: 'shop' }));
    expect(out.response).toEqual({ uid: 'm-4', allowed: true });
  });

  test('dryRun gets the same answer', async () => {
    const out = await mutateCall(podReview('m-5', pod('shop'), { namespace: 'shop', dryRun: true }));
    expect(out.response.patchType).toBe('JSONPatch');
  });
});

describe('mutate errors and failurePolicy', () => {
  const policyText = (failurePolicy: string): Record<string, unknown> => ({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name: `needs-team-${failurePolicy.toLowerCase()}`, annotations: { 'pod-policies.kyverno.io/autogen-controllers': 'none' } },
    spec: {
      failurePolicy,
      rules: [{ name: 'copy-team', match: { any: [{ resources: { kinds: ['Pod'] } }] }, mutate: { patchStrategicMerge: { metadata: { annotations: { team: '{{ request.object.metadata.labels.team }}' } } } } }],
    },
  });

  async function serverWith(failurePolicy: string): Promise<{ url: string; close: () => Promise<void> }> {
    const { parsePolicies } = await import('../../src/policy/index.js');
    const { policies, errors } = parsePolicies(JSON.stringify(policyText(failurePolicy)), 'inline.json');
    expect(errors).toEqual([]);
    const s = await storeOf(policies);
    const a = buildApp(deps(s));
    const url = `http://${await listenLocal(a)}`;
    return { url, close: async () => void (await a.close(), await s.close()) };
  }

  test('Fail: an unresolvable variable denies the request, naming policy, rule and reason', async () => {
    const srv = await serverWith('Fail');
    try {
      const res = await postJson(`${srv.url}/mutate`, podReview('e-1', pod('default')));
      const out = res.json<MutateOut>();
      expect(out.response.allowed).toBe(false);
      expect(out.response.status?.message).toContain('needs-team-fail:\n  copy-team: ');
      expect(out.response.status?.message).toContain('variable substitution failed');
    } finally {
      await srv.close();
    }
  });

  test('Ignore: the request is allowed unmutated with a warning', async () => {
    const srv = await serverWith('Ignore');
    try {
      const res = await postJson(`${srv.url}/mutate`, podReview('e-2', pod('default')));
      const out = res.json<MutateOut>();
      expect(out.response.allowed).toBe(true);
      expect(out.response.patch).toBeUndefined();
      expect(out.response.warnings?.[0]).toMatch(/^policy needs-team-ignore\.copy-team: mutation not applied \(failurePolicy Ignore\): variable substitution failed/);
    } finally {
      await srv.close();
    }
  });
});
