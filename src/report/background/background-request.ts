/**
 * The AdmissionRequest a background scan evaluates an existing object with. Kyverno's scanner builds its policy
 * context as a CREATE of the object with no admission info: no user, no roles, no old object.
 */
import type { AdmissionRequest } from '../../api/admission.js';
import { type KubeObject, splitApiVersion } from '../../api/kube.js';
import type { KindRef } from '../../cluster/cache/index.js';

export function backgroundRequest(ref: KindRef, object: KubeObject): AdmissionRequest {
  const { group, version } = splitApiVersion(object.apiVersion);
  const { name, namespace, uid } = object.metadata;
  const request: AdmissionRequest = {
    uid: `background-${uid ?? `${namespace ?? ''}/${name ?? ''}`}`,
    kind: { group, version, kind: object.kind },
    resource: { group: ref.group, version: ref.version, resource: ref.resource },
    operation: 'CREATE',
    userInfo: {},
    object,
    dryRun: false,
  };
  if (name !== undefined) request.name = name;
  if (namespace) request.namespace = namespace;
  return request;
}
