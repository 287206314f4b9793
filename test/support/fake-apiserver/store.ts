/**
 * The fake's etcd: objects per resource, one global resourceVersion counter, an event history that
 * watches replay from, and compaction that makes older resourceVersions answer 410 Gone.
 */
import { randomUUID } from 'node:crypto';
import { type JsonObject, isJsonObject } from '../../../src/api/json.js';
import { apiVersionOf, refKey } from './resources.js';
import type { KubeJson, ResourceType } from './types.js';

export interface StoredEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resourceVersion: number;
  resource: ResourceType;
  object: KubeJson;
}

export type WriteResult =
  | { ok: true; object: KubeJson }
  | { ok: false; reason: 'AlreadyExists' | 'NotFound' | 'Conflict' | 'Invalid'; message: string };

/** Which part of the object a write may change (the status subresource splits them). */
export type WriteScope = 'main' | 'status';

function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

function metaString(object: KubeJson, field: string): string | undefined {
  const v = object.metadata[field];
  return typeof v === 'string' ? v : undefined;
}

/** Spec-level content: everything but metadata and status (a change bumps metadata.generation). */
function specOf(object: JsonObject): string {
  const { metadata: _m, status: _s, ...rest } = object;
  return JSON.stringify(rest);
}

export class ObjectStore {
  private revision = 100;
  private compactedRevision = 0;
  /** Set by `restartHistory`: resourceVersions above the current one come from the old history. */
  private restarted = false;
  private readonly objects = new Map<string, Map<string, KubeJson>>();
  private readonly history: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  currentRevision(): number {
    return this.revision;
  }

  /** True when events after `resourceVersion` have been forgotten (the client must relist). */
  isTooOld(resourceVersion: number): boolean {
    return resourceVersion < this.compactedRevision || (this.restarted && resourceVersion > this.revision);
  }

  compactedAt(): number {
    return this.compactedRevision;
  }

  compact(): void {
    this.compactedRevision = this.revision;
    this.history.length = 0;
  }

  /**
   * As an etcd restored from a backup: the revision counter starts again at `firstRevision` (below the old
   * ones), every object gets a new resourceVersion without an event, and the history is empty, so any
   * resourceVersion handed out before is answered with 410 Gone.
   */
  restartHistory(firstRevision: number): void {
    this.revision = firstRevision - 1;
    for (const bucket of this.objects.values()) {
      for (const object of bucket.values()) object.metadata.resourceVersion = String(++this.revision);
    }
    this.history.length = 0;
    this.compactedRevision = this.revision;
    this.restarted = true;
    this.sortedMemo = undefined;
  }

  /** Events of one resource after `resourceVersion`, oldest first. */
  eventsSince(type: ResourceType, resourceVersion: number): StoredEvent[] {
    const key = refKey(type);
    return this.history.filter((e) => e.resourceVersion > resourceVersion && refKey(e.resource) === key);
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(type: ResourceType, name: string, namespace?: string): KubeJson | undefined {
    const found = this.bucket(type).get(objectKey(type.namespaced ? namespace : undefined, name));
    return found === undefined ? undefined : structuredClone(found);
  }

  list(type: ResourceType, namespace?: string): KubeJson[] {
    return this.listShared(type, namespace).map((obj) => structuredClone(obj));
  }

  /**
   * The stored objects themselves (never to be modified), sorted by namespace and name: list handlers copy only
   * the page they send, so paging through 100,000 objects does not copy them all for every page.
   */
  listShared(type: ResourceType, namespace?: string): KubeJson[] {
    // Pages of one list ask for the same sorted list again: reuse it until anything is written.
    const memoKey = `${type.group}/${type.resource}/${namespace ?? ''}`;
    if (this.sortedMemo?.revision !== this.revision) this.sortedMemo = { revision: this.revision, lists: new Map() };
    const known = this.sortedMemo.lists.get(memoKey);
    if (known) return known;
    const keyed: [string, KubeJson][] = [];
    for (const obj of this.bucket(type).values()) {
      if (namespace === undefined || metaString(obj, 'namespace') === namespace) keyed.push([objectKey(metaString(obj, 'namespace'), metaString(obj, 'name') ?? ''), obj]);
    }
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const items = keyed.map(([, obj]) => obj);
    if (this.sortedMemo.lists.size >= 32) this.sortedMemo.lists.clear();
    this.sortedMemo.lists.set(memoKey, items);
    return items;
  }

  private sortedMemo: { revision: number; lists: Map<string, KubeJson[]> } | undefined;

  create(type: ResourceType, input: JsonObject): WriteResult {
    const object = this.withTypeMeta(type, input);
    const name = metaString(object, 'name') ?? this.generatedName(object);
    if (name === undefined || name === '') return { ok: false, reason: 'Invalid', message: 'metadata.name: Required value: name or generateName is required' };
    const namespace = type.namespaced ? metaString(object, 'namespace') ?? 'default' : undefined;
    const key = objectKey(namespace, name);
    if (this.bucket(type).has(key)) return { ok: false, reason: 'AlreadyExists', message: `${type.resource}${type.group ? '.' + type.group : ''} "${name}" already exists` };
    const revision = ++this.revision;
    const metadata: JsonObject = { ...object.metadata, name, uid: randomUUID(), resourceVersion: String(revision), generation: 1, creationTimestamp: new Date().toISOString() };
    if (namespace !== undefined) metadata.namespace = namespace;
    else delete metadata.namespace;
    const stored: KubeJson = { ...object, metadata };
    this.bucket(type).set(key, stored);
    this.emit({ type: 'ADDED', resourceVersion: revision, resource: type, object: stored });
    return { ok: true, object: structuredClone(stored) };
  }

  /**
   * Replaces an object. A `metadata.resourceVersion` in the input is a precondition (409 on mismatch).
   * With a status subresource, `main` writes keep the stored status and `status` writes keep everything else.
   * An update that changes nothing keeps the resourceVersion and sends no event, like the real server.
   */
  update(type: ResourceType, input: JsonObject, scope: WriteScope): WriteResult {
    const object = this.withTypeMeta(type, input);
    const name = metaString(object, 'name');
    if (name === undefined) return { ok: false, reason: 'Invalid', message: 'metadata.name: Required value' };
    const namespace = type.namespaced ? metaString(object, 'namespace') ?? 'default' : undefined;
    const key = objectKey(namespace, name);
    const existing = this.bucket(type).get(key);
    if (existing === undefined) return { ok: false, reason: 'NotFound', message: `${type.resource}${type.group ? '.' + type.group : ''} "${name}" not found` };
    const precondition = metaString(object, 'resourceVersion');
    if (precondition !== undefined && precondition !== '' && precondition !== metaString(existing, 'resourceVersion')) {
      return { ok: false, reason: 'Conflict', message: `Operation cannot be fulfilled on ${type.resource} "${name}": the object has been modified; please apply your changes to the latest version and try again` };
    }
    let next: JsonObject;
    if (type.statusSubresource && scope === 'status') {
      next = { ...existing };
      if (object.status === undefined) delete next.status;
      else next.status = object.status;
    } else if (type.statusSubresource) {
      next = { ...object };
      if (existing.status === undefined) delete next.status;
      else next.status = existing.status;
    } else {
      next = { ...object };
    }
    const nextMeta = isJsonObject(next.metadata) ? next.metadata : {};
    const generation = typeof existing.metadata.generation === 'number' ? existing.metadata.generation : 1;
    // Server-owned metadata is never taken from the client.
    const metadata: JsonObject = {
      ...(scope === 'status' ? existing.metadata : nextMeta),
      name,
      uid: existing.metadata.uid,
      creationTimestamp: existing.metadata.creationTimestamp,
      generation: specOf(next) === specOf(existing) ? generation : generation + 1,
      resourceVersion: existing.metadata.resourceVersion,
    };
    if (namespace !== undefined) metadata.namespace = namespace;
    else delete metadata.namespace;
    const candidate: KubeJson = { ...next, metadata };
    if (JSON.stringify(candidate) === JSON.stringify(existing)) return { ok: true, object: structuredClone(existing) };
    const revision = ++this.revision;
    candidate.metadata.resourceVersion = String(revision);
    this.bucket(type).set(key, candidate);
    this.emit({ type: 'MODIFIED', resourceVersion: revision, resource: type, object: candidate });
    return { ok: true, object: structuredClone(candidate) };
  }

  remove(type: ResourceType, name: string, namespace?: string): WriteResult {
    const key = objectKey(type.namespaced ? namespace ?? 'default' : undefined, name);
    const existing = this.bucket(type).get(key);
    if (existing === undefined) return { ok: false, reason: 'NotFound', message: `${type.resource}${type.group ? '.' + type.group : ''} "${name}" not found` };
    this.bucket(type).delete(key);
    const revision = ++this.revision;
    const gone: KubeJson = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(revision) } };
    this.emit({ type: 'DELETED', resourceVersion: revision, resource: type, object: gone });
    return { ok: true, object: structuredClone(gone) };
  }

  private generatedName(object: KubeJson): string | undefined {
    const prefix = metaString(object, 'generateName');
    return prefix === undefined ? undefined : prefix + randomUUID().slice(0, 5);
  }

  private withTypeMeta(type: ResourceType, input: JsonObject): KubeJson {
    const copy = structuredClone(input);
    const metadata = isJsonObject(copy.metadata) ? copy.metadata : {};
    return { ...copy, apiVersion: apiVersionOf(type), kind: type.kind, metadata };
  }

  private bucket(type: ResourceType): Map<string, KubeJson> {
    const key = refKey(type);
    let bucket = this.objects.get(key);
    if (bucket === undefined) {
      bucket = new Map();
      this.objects.set(key, bucket);
    }
    return bucket;
  }

  private emit(event: StoredEvent): void {
    this.history.push(event);
    for (const listener of [...this.listeners]) listener(event);
  }
}
