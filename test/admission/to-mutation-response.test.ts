/** The /mutate answer: the JSON patch from the original object, and failurePolicy for mutate errors. */
import jsonpatch from 'fast-json-patch';
import type { AdmissionRequest } from '../../src/api/admission.js';
import type { PolicyResult } from '../../src/api/result.js';
import { ruleError, rulePass } from '../../src/api/result.js';
import { toMutationResponse } from '../../src/admission/index.js';

const original = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', annotations: { a: '1' } }, spec: { containers: [{ name: 'app', image: 'x' }] } };
const request: AdmissionRequest = {
  uid: 'u-1',
  kind: { group: '', version: 'v1', kind: 'Pod' },
  resource: { group: '', version: 'v1', resource: 'pods' },
  namespace: 'default',
  name: 'p',
  operation: 'CREATE',
  userInfo: {},
  object: original,
};
const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' };
const patched = {
  ...original,
  metadata: { ...original.metadata, annotations: { a: '1', 'sidecar.istio.io/status': '{}' } },
  spec: { containers: [...original.spec.containers, { name: 'istio-proxy', image: 'proxy' }] },
};

function decode(patch: string | undefined): jsonpatch.Operation[] {
  return JSON.parse(Buffer.from(patch ?? '', 'base64').toString('utf8')) as jsonpatch.Operation[];
}

const passed = (policy: string): PolicyResult => ({ policy, resource: ref, rules: [rulePass('r', 'mutate', 'mutated Pod/p in namespace default')], action: 'Audit' });
const errored = (policy: string, failurePolicy?: 'Fail' | 'Ignore'): PolicyResult => ({
  policy,
  resource: ref,
  rules: [ruleError('bad', 'mutate', 'variable substitution failed: x')],
  action: 'Audit',
  ...(failurePolicy ? { failurePolicy } : {}),
});

describe('toMutationResponse', () => {
  test('no change: allowed without patch fields', () => {
    expect(toMutationResponse(request, { policies: [], object: original })).toEqual({ uid: 'u-1', allowed: true });
  });

  test('a change: a base64 JSONPatch that turns the original into the mutated object, keys escaped', () => {
    const response = toMutationResponse(request, { policies: [passed('inject')], object: patched });
    expect(response.allowed).toBe(true);
    expect(response.patchType).toBe('JSONPatch');
    const ops = decode(response.patch);
    expect(ops).toEqual([
      { op: 'add', path: '/metadata/annotations/sidecar.istio.io~1status', value: '{}' },
      { op: 'add', path: '/spec/containers/1', value: { name: 'istio-proxy', image: 'proxy' } },
    ]);
    const applied = jsonpatch.applyPatch(structuredClone(original), ops, true, false).newDocument;
    expect(applied).toEqual(patched);
  });

  test('a mutate error under failurePolicy Fail (the default) denies with the policy and rule named', () => {
    const response = toMutationResponse(request, { policies: [passed('inject'), errored('strict')], object: patched });
    expect(response.allowed).toBe(false);
    expect(response.patch).toBeUndefined();
    expect(response.status).toMatchObject({ code: 403, reason: 'Forbidden' });
    expect(response.status?.message).toContain('strict:\n  bad: \'variable substitution failed: x\'');
  });

  test('a mutate error under failurePolicy Ignore allows, warns, and keeps the other policies\' patch', () => {
    const response = toMutationResponse(request, { policies: [passed('inject'), errored('lenient', 'Ignore')], object: patched });
    expect(response.allowed).toBe(true);
    expect(response.warnings).toEqual(['policy lenient.bad: mutation not applied (failurePolicy Ignore): variable substitution failed: x']);
    expect(decode(response.patch)).toHaveLength(2);
  });
});
