/** Builders for match tests: a request plus the object, with Kyverno CLI-like defaults (no user information). */
import yaml from 'js-yaml';
import type { AdmissionRequest, Operation, UserInfo } from '../../../src/api/admission.js';
import { splitApiVersion, type GroupVersionResource } from '../../../src/api/kube.js';
import type { MatchResources, Rule } from '../../../src/api/policy.js';
import type { MatchInput } from '../../../src/engine/match/index.js';

export interface InputOptions {
  operation?: Operation;
  subResource?: string;
  resource?: GroupVersionResource;
  userInfo?: UserInfo;
  roles?: string[];
  clusterRoles?: string[];
  namespaces?: Record<string, Record<string, string>>;
  policyNamespace?: string;
}

/** `object` is a Kubernetes object; its apiVersion/kind give the request's GVK. */
export function input(object: Record<string, unknown>, opts: InputOptions = {}): MatchInput {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : 'v1';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const gv = splitApiVersion(apiVersion);
  const meta = (object.metadata ?? {}) as { name?: string; namespace?: string };
  const request: AdmissionRequest = {
    uid: 'uid-1',
    kind: { ...gv, kind },
    resource: opts.resource ?? { ...gv, resource: `${kind.toLowerCase()}s` },
    subResource: opts.subResource,
    name: meta.name,
    namespace: meta.namespace,
    operation: opts.operation ?? 'CREATE',
    userInfo: opts.userInfo ?? {},
    object,
  };
  return {
    request,
    resource: object,
    roles: opts.roles ?? [],
    clusterRoles: opts.clusterRoles ?? [],
    namespaceLabels: (ns) => opts.namespaces?.[ns],
    policyNamespace: opts.policyNamespace,
  };
}

export function obj(apiVersion: string, kind: string, metadata: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion, kind, metadata };
}

/** A rule from YAML holding `match:` and optionally `exclude:` (as written in policies). */
export function rule(text: string): Rule {
  const parsed = yaml.load(text) as { match: MatchResources; exclude?: MatchResources };
  return { name: 'test-rule', match: parsed.match, exclude: parsed.exclude, validate: { deny: {} } };
}
