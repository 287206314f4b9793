import type { AdmissionRequest } from '../../src/api/admission.js';
import { ruleError, ruleFail, rulePass } from '../../src/api/result.js';
import type { EngineResult } from '../../src/api/result.js';
import { toAdmissionResponse } from '../../src/admission/index.js';

const request: AdmissionRequest = {
  uid: 'abc-123',
  kind: { group: 'apps', version: 'v1', kind: 'Deployment' },
  resource: { group: 'apps', version: 'v1', resource: 'deployments' },
  namespace: 'default',
  name: 'nginx',
  operation: 'CREATE',
  userInfo: { username: 'admin' },
  object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default' } },
};
const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx' };

function result(...policies: EngineResult['policies']): EngineResult {
  return { policies };
}

describe('toAdmissionResponse', () => {
  it('allows when nothing failed and echoes the uid', () => {
    const out = toAdmissionResponse(request, result({ policy: 'p', resource, action: 'Enforce', rules: [rulePass('r', 'validate', 'ok')] }));
    expect(out).toEqual({ uid: 'abc-123', allowed: true });
  });

  it('denies an Enforce failure with Kyverno\'s message shape', () => {
    const out = toAdmissionResponse(
      request,
      result({ policy: 'require-labels', resource, action: 'Enforce', rules: [ruleFail('autogen-check-for-labels', 'validate', 'validation error: label required.', 'Enforce')] }),
    );
    expect(out.allowed).toBe(false);
    expect(out.status?.code).toBe(403);
    expect(out.status?.message).toBe(
      'resource Deployment/default/nginx was blocked due to the following policies\n\nrequire-labels:\n  autogen-check-for-labels: \'validation error: label required.\'\n',
    );
  });

  it('allows an Audit failure and turns it into a warning', () => {
    const out = toAdmissionResponse(request, result({ policy: 'p', resource, action: 'Audit', rules: [ruleFail('r', 'validate', 'bad thing', 'Audit')] }));
    expect(out).toEqual({ uid: 'abc-123', allowed: true, warnings: ['policy p.r: bad thing'] });
  });

  it('denies a rule error in an Enforce policy and not in an Audit policy', () => {
    const err = ruleError('r', 'validate', 'failed to load context');
    expect(toAdmissionResponse(request, result({ policy: 'p', resource, action: 'Enforce', rules: [err] })).allowed).toBe(false);
    expect(toAdmissionResponse(request, result({ policy: 'p', resource, action: 'Audit', rules: [err] })).allowed).toBe(true);
  });

  it('names cluster-scoped resources with an empty namespace, as Kyverno does', () => {
    const ns: AdmissionRequest = { ...request, namespace: undefined, name: 'team-a', kind: { group: '', version: 'v1', kind: 'Namespace' } };
    const out = toAdmissionResponse(ns, result({ policy: 'p', resource, action: 'Enforce', rules: [ruleFail('r', 'validate', 'no', 'Enforce')] }));
    expect(out.status?.message?.startsWith('resource Namespace//team-a was blocked')).toBe(true);
  });
});
