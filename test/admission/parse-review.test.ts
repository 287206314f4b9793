import { parseAdmissionReview } from '../../src/admission/index.js';

const request = {
  uid: 'u1',
  kind: { group: '', version: 'v1', kind: 'Pod' },
  resource: { group: '', version: 'v1', resource: 'pods' },
  namespace: 'default',
  name: 'p',
  operation: 'CREATE',
  userInfo: { username: 'alice', groups: ['g'] },
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } },
};
const review = (patch: Record<string, unknown>, requestPatch: Record<string, unknown> = {}): unknown => ({
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  request: { ...request, ...requestPatch },
  ...patch,
});

describe('parseAdmissionReview', () => {
  test('valid v1 and v1beta1 reviews', () => {
    expect(parseAdmissionReview(review({}))).toEqual({ ok: true, value: { apiVersion: 'admission.k8s.io/v1', request } });
    const beta = parseAdmissionReview(review({ apiVersion: 'admission.k8s.io/v1beta1' }, { userInfo: undefined, kind: { version: 'v1', kind: 'Pod' } }));
    expect(beta.ok && beta.value.apiVersion).toBe('admission.k8s.io/v1beta1');
    expect(beta.ok && beta.value.request.userInfo).toEqual({});
    expect(beta.ok && beta.value.request.kind).toEqual({ group: '', version: 'v1', kind: 'Pod' });
  });

  test('DELETE needs no object', () => {
    const r = parseAdmissionReview(review({}, { operation: 'DELETE', object: null, oldObject: request.object }));
    expect(r.ok && [r.value.request.object, r.value.request.oldObject]).toEqual([undefined, request.object]);
  });

  test.each([
    { raw: [], error: 'AdmissionReview: expected a JSON or YAML mapping' },
    { raw: review({ apiVersion: 'v1' }), error: 'apiVersion: expected admission.k8s.io/v1 or admission.k8s.io/v1beta1, got "v1"' },
    { raw: review({ kind: 'Review' }), error: 'kind: expected AdmissionReview, got "Review"' },
    { raw: review({ request: undefined }), error: 'request: required' },
  ])('not an AdmissionReview: $error', ({ raw, error }) => {
    expect(parseAdmissionReview(raw)).toEqual({ ok: false, problem: 'not-admission-review', error });
  });

  test.each([{ uid: '' }, { uid: undefined }, { uid: 7 }])('missing uid: %p', (patch) => {
    expect(parseAdmissionReview(review({}, patch))).toEqual({ ok: false, problem: 'missing-uid', error: 'request.uid: required' });
  });

  test.each([
    { raw: review({}, { kind: 'Pod' }), error: 'request.kind: required, expected {group, version, kind}' },
    { raw: review({}, { resource: { version: 'v1' } }), error: 'request.resource.resource: required' },
    { raw: review({}, { operation: 'PATCH' }), error: 'request.operation: expected one of CREATE, UPDATE, DELETE, CONNECT, got "PATCH"' },
    { raw: review({}, { userInfo: { groups: 'g' } }), error: 'request.userInfo.groups: expected a list of strings' },
    { raw: review({}, { namespace: 3 }), error: 'request.namespace: expected a string' },
    { raw: review({}, { object: 'x' }), error: 'request.object: expected a mapping' },
    { raw: review({}, { object: undefined }), error: 'request.object: required for CREATE' },
  ])('invalid request (uid kept): $error', ({ raw, error }) => {
    expect(parseAdmissionReview(raw)).toEqual({ ok: false, problem: 'invalid-request', error, uid: 'u1' });
  });
});
