/**
 * The AdmissionRequest the CLI sends the engine for one resource, as `kyverno test` builds it: CREATE unless the
 * values say `request.operation: UPDATE|DELETE`; UPDATE sees the resource as both object and oldObject, DELETE only
 * as oldObject; `request.object.*` / `request.oldObject.*` values override fields of those objects.
 */
import type { AdmissionRequest, Operation, UserInfo } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';
import { splitApiVersion, type KubeObject } from '../../api/kube.js';
import { kindToResource } from '../../api/kube-names.js';

export function operationFromValues(values: Record<string, unknown>): Operation {
  const op = values['request.operation'];
  return op === 'UPDATE' || op === 'DELETE' ? op : 'CREATE';
}

/** Copy-on-write set of a dotted path; maps along the way are merged, not replaced. */
export function setDotted(root: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
  const parts = dotted.split('.');
  const set = (node: Record<string, unknown>, i: number): Record<string, unknown> => {
    const copy = { ...node };
    const key = parts[i];
    if (i === parts.length - 1) copy[key] = value;
    else copy[key] = set(isRecord(node[key]) ? node[key] : {}, i + 1);
    return copy;
  };
  return set(root, 0);
}

function overridden(object: KubeObject | undefined, values: Record<string, unknown>, prefix: 'request.object' | 'request.oldObject'): unknown {
  const leaf = prefix === 'request.object' ? 'object' : 'oldObject';
  let root: Record<string, unknown> = { request: { [leaf]: object ?? null } };
  for (const [key, value] of Object.entries(values)) {
    if (key === prefix || key.startsWith(`${prefix}.`)) root = setDotted(root, key, value);
  }
  return isRecord(root.request) ? root.request[leaf] : undefined;
}

export interface RequestOptions {
  uid: string;
  userInfo: UserInfo;
  /** Dotted context values for this policy and resource (global and per-resource values). */
  values: Record<string, unknown>;
}

export function buildRequest(resource: KubeObject, options: RequestOptions): AdmissionRequest {
  const operation = operationFromValues(options.values);
  const { group, version } = splitApiVersion(resource.apiVersion);
  const object = operation === 'DELETE' ? undefined : overridden(resource, options.values, 'request.object');
  const oldObject = operation === 'CREATE' ? undefined : overridden(resource, options.values, 'request.oldObject');
  const request: AdmissionRequest = {
    uid: options.uid,
    kind: { group, version, kind: resource.kind },
    resource: { group, version, resource: kindToResource(resource.kind) },
    operation,
    userInfo: options.userInfo,
  };
  if (resource.metadata.name) request.name = resource.metadata.name;
  if (resource.metadata.namespace) request.namespace = resource.metadata.namespace;
  if (object !== undefined && object !== null) request.object = object;
  if (oldObject !== undefined && oldObject !== null) request.oldObject = oldObject;
  return request;
}
