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

/**
 * The default pruning plus the given fields, as dotted paths (`status`, `metadata.annotations`,
 * `spec.template.spec.containers`): what no policy of this deployment reads need not be held in memory.
 * Keys containing dots are written with escaped dots (`metadata.annotations.example\.com/big`).
 */
export function pruneFields(paths: readonly string[]): (ref: KindRef, object: KubeObject) => KubeObject {
  const split = paths.map((p) => p.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.')));
  return (ref, object) => {
    let out: Record<string, unknown> = defaultPrune(ref, object) as unknown as Record<string, unknown>;
    for (const path of split) out = without(out, path);
    return out as unknown as KubeObject;
  };
}

/** A copy of `node` without the field at `path` (shares everything else); `node` itself when it has none. */
function without(node: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined || !Object.prototype.hasOwnProperty.call(node, head)) return node;
  if (rest.length === 0) {
    const { [head]: _dropped, ...kept } = node;
    return kept;
  }
  const child = node[head];
  if (typeof child !== 'object' || child === null || Array.isArray(child)) return node;
  const next = without(child as Record<string, unknown>, rest);
  return next === child ? node : { ...node, [head]: next };
}
