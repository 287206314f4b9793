/** What the cache keeps of an object: pruned of what no policy reads, then frozen, since it is shared. */
import type { KubeObject, ObjectMeta } from '../../api/kube.js';
import type { KindRef } from './types.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Drops `metadata.managedFields` and kubectl's last-applied annotation (a full copy of the object). */
export function defaultPrune(_ref: KindRef, object: KubeObject): KubeObject {
  const { managedFields: _m, ...metadata } = object.metadata;
  const annotations = metadata.annotations;
  if (annotations !== undefined && Object.prototype.hasOwnProperty.call(annotations, LAST_APPLIED)) {
    const { [LAST_APPLIED]: _l, ...rest } = annotations;
    metadata.annotations = rest;
  }
  return { ...object, metadata };
}

export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}

/** The identity fields the cache indexes by are kept even when a custom prune drops them. */
export function keepIdentity(original: ObjectMeta, pruned: KubeObject, apiVersion: string, kind: string): KubeObject {
  const meta = pruned.metadata ?? {};
  const same = meta.name === original.name && meta.namespace === original.namespace && meta.resourceVersion === original.resourceVersion && meta.labels === original.labels;
  const withMeta = same
    ? pruned
    : {
        ...pruned,
        metadata: {
          ...meta,
          ...(original.name !== undefined ? { name: original.name } : {}),
          ...(original.namespace !== undefined ? { namespace: original.namespace } : {}),
          ...(original.resourceVersion !== undefined ? { resourceVersion: original.resourceVersion } : {}),
          ...(original.labels !== undefined ? { labels: original.labels } : {}),
        },
      };
  return withMeta.apiVersion === apiVersion && withMeta.kind === kind ? withMeta : { ...withMeta, apiVersion, kind };
}
