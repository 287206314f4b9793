/** `tollgate review --mutate`: the response /mutate would send, with the base64 JSON patch. */
import jsonpatch from 'fast-json-patch';
import { runCli as run } from '../run-cli.js';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', annotations: { 'sidecar.istio.io/inject': 'true' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
const review = (object: unknown, apiVersion = 'admission.k8s.io/v1') =>
  JSON.stringify({
    apiVersion,
    kind: 'AdmissionReview',
    request: { uid: 'r-1', kind: { group: '', version: 'v1', kind: 'Pod' }, resource: { group: '', version: 'v1', resource: 'pods' }, namespace: 'shop', operation: 'CREATE', userInfo: { username: 'alice' }, object },
  });

interface Out {
  apiVersion: string;
  response: { uid: string; allowed: boolean; patchType?: string; patch?: string };
}

describe('tollgate review --mutate', () => {
  test('prints the AdmissionReview with patchType JSONPatch and a patch that gives the injected Pod', async () => {
    const r = await run(['review', '--policy', 'policies/sidecar-injection.yaml', '--mutate'], review(pod));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as Out;
    expect(out.response).toMatchObject({ uid: 'r-1', allowed: true, patchType: 'JSONPatch' });
    const ops = JSON.parse(Buffer.from(out.response.patch ?? '', 'base64').toString('utf8')) as jsonpatch.Operation[];
    const patched = jsonpatch.applyPatch(structuredClone(pod), ops, true, false).newDocument as typeof pod & { spec: { containers: { name: string }[] } };
    expect(patched.spec.containers.map((c) => c.name)).toEqual(['web', 'istio-proxy']);
  });

  test('without --mutate the same review is answered as /validate (no patch)', async () => {
    const out = JSON.parse((await run(['review', '--policy', 'policies/sidecar-injection.yaml'], review(pod))).out) as Out;
    expect(out.response).toEqual({ uid: 'r-1', allowed: true });
  });

  test('v1beta1 in, v1beta1 out; an opted-out Pod gets no patch', async () => {
    const optedOut = { ...pod, metadata: { ...pod.metadata, annotations: { 'sidecar.istio.io/inject': 'false' } } };
    const out = JSON.parse((await run(['review', '--policy', 'policies/sidecar-injection.yaml', '--mutate'], review(optedOut, 'admission.k8s.io/v1beta1'))).out) as Out;
    expect(out).toEqual({ apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', response: { uid: 'r-1', allowed: true } });
  });
});
