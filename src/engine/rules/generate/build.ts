/**
 * The generated object itself, from `data` or from a clone source. As in Kyverno the target's name, namespace
 * and apiVersion win over what the data or source says; `data.kind` is kept when given. A clone drops what the API
 * server owns (uid, resourceVersion, timestamps, managedFields) and its owner references when it changes namespace.
 */
import type { CloneSourceRef } from '../../../api/generate.js';
import { isRecord } from '../../../api/json.js';
import type { KubeObject, ObjectMeta } from '../../../api/kube.js';
import { cloneJson } from '../../variables/walk.js';
import { ownershipLabels, type Ownership } from './labels.js';
import type { Target } from './target.js';

const SERVER_OWNED_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'managedFields', 'selfLink', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

function assemble(apiVersion: string, kind: string, metadata: ObjectMeta, body: Record<string, unknown>): KubeObject {
  // apiVersion, kind and metadata first: the order the object is printed in.
  const object: KubeObject = { apiVersion, kind, metadata };
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'apiVersion' && key !== 'kind' && key !== 'metadata') object[key] = value;
  }
  return object;
}

function placedMetadata(base: Record<string, unknown>, target: Target, owner: Ownership, source?: CloneSourceRef): ObjectMeta {
  const metadata: ObjectMeta = { name: target.name };
  if (target.namespace !== undefined) metadata.namespace = target.namespace;
  for (const [key, value] of Object.entries(base)) {
    if (key !== 'name' && key !== 'namespace' && key !== 'labels') metadata[key] = value;
  }
  metadata.labels = ownershipLabels(base.labels, owner, source);
  return metadata;
}

export function objectFromData(data: Record<string, unknown>, target: Target, owner: Ownership): KubeObject {
  const body = cloneJson(data) as Record<string, unknown>;
  const kind = typeof body.kind === 'string' && body.kind !== '' ? body.kind : target.kind;
  const meta = isRecord(body.metadata) ? body.metadata : {};
  return assemble(target.apiVersion, kind, placedMetadata(meta, target, owner), body);
}

export function sourceRefOf(source: KubeObject): CloneSourceRef {
  const ref: CloneSourceRef = { apiVersion: source.apiVersion, kind: source.kind, name: source.metadata.name ?? '' };
  if (source.metadata.namespace) ref.namespace = source.metadata.namespace;
  return ref;
}

export function objectFromClone(source: KubeObject, target: Target, owner: Ownership): KubeObject {
  const body = cloneJson(source) as Record<string, unknown>;
  const meta: Record<string, unknown> = isRecord(body.metadata) ? body.metadata : {};
  for (const key of SERVER_OWNED_METADATA) delete meta[key];
  if ((source.metadata.namespace ?? '') !== (target.namespace ?? '')) delete meta.ownerReferences;
  return assemble(target.apiVersion, target.kind, placedMetadata(meta, target, owner, sourceRefOf(source)), body);
}
