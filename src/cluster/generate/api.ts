/**
 * The API calls generate makes, on any kind: GET, list by label selector, POST, PUT and DELETE, answering plain
 * objects. Unexpected answers become `ApiError`s (the work queue retries them); 404 and 409 are answered as
 * values where the caller has something sensible to do.
 */
import { isRecord } from '../../api/json.js';
import type { KubeObject } from '../../api/kube.js';
import type { ResolvedKind } from './discovery.js';
import { ApiError, type Method, type RestClient, statusMessage } from '../rest.js';

export interface GenerateApi {
  get(kind: ResolvedKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  /** Across all namespaces. */
  list(kind: ResolvedKind, labelSelector?: string): Promise<KubeObject[]>;
  /** 'exists' on 409 AlreadyExists. */
  create(kind: ResolvedKind, object: KubeObject): Promise<{ created: true; object: KubeObject } | { created: false }>;
  /** 'conflict' on 409 (resourceVersion changed), 'gone' on 404. */
  replace(kind: ResolvedKind, object: KubeObject): Promise<'replaced' | 'conflict' | 'gone'>;
  /** False when it was already gone (or is another object now: the uid precondition failed). */
  remove(kind: ResolvedKind, namespace: string | undefined, name: string, uid?: string): Promise<boolean>;
}

export function collectionPath(kind: ResolvedKind, namespace?: string): string {
  const { group, version, resource } = kind.ref;
  const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
  return kind.namespaced && namespace ? `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}` : `${base}/${resource}`;
}

export function objectPath(kind: ResolvedKind, namespace: string | undefined, name: string): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}

function asObject(value: unknown, kind: ResolvedKind): KubeObject | undefined {
  if (!isRecord(value) || !isRecord(value.metadata)) return undefined;
  // List items of built-in kinds come without apiVersion and kind.
  return { ...value, apiVersion: typeof value.apiVersion === 'string' && value.apiVersion ? value.apiVersion : kind.apiVersion, kind: typeof value.kind === 'string' && value.kind && !value.kind.endsWith('List') ? value.kind : kind.kind, metadata: value.metadata };
}

export function generateApi(rest: RestClient): GenerateApi {
  async function call(method: Method, path: string, body?: unknown): Promise<{ status: number; value: unknown }> {
    const res = await rest.request(method, path, body);
    if (!res.ok) throw new ApiError(0, `${method} ${path}: ${res.message}`);
    return { status: res.status, value: res.value };
  }
  const fail = (method: Method, path: string, r: { status: number; value: unknown }): ApiError =>
    new ApiError(r.status, `${method} ${path}: ${statusMessage(r.value, r.status)}`);

  return {
    async get(kind, namespace, name) {
      const path = objectPath(kind, namespace, name);
      const r = await call('GET', path);
      if (r.status === 404) return undefined;
      if (r.status !== 200) throw fail('GET', path, r);
      return asObject(r.value, kind);
    },
    async list(kind, labelSelector) {
      const out: KubeObject[] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ limit: '500' });
        if (labelSelector) query.set('labelSelector', labelSelector);
        if (token) query.set('continue', token);
        const path = `${collectionPath(kind)}?${query.toString()}`;
        const r = await call('GET', path);
        if (r.status !== 200) throw fail('GET', path, r);
        const items = isRecord(r.value) && Array.isArray(r.value.items) ? r.value.items : [];
        for (const item of items) {
          const o = asObject(item, kind);
          if (o) out.push(o);
        }
        const meta = isRecord(r.value) && isRecord(r.value.metadata) ? r.value.metadata : {};
        token = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
      } while (token);
      return out;
    },
    async create(kind, object) {
      const path = collectionPath(kind, object.metadata.namespace);
      const r = await call('POST', path, object);
      if (r.status === 409) return { created: false };
      if (r.status !== 200 && r.status !== 201 && r.status !== 202) throw fail('POST', path, r);
      return { created: true, object: asObject(r.value, kind) ?? object };
    },
    async replace(kind, object) {
      const path = objectPath(kind, object.metadata.namespace, object.metadata.name ?? '');
      const r = await call('PUT', path, object);
      if (r.status === 409) return 'conflict';
      if (r.status === 404) return 'gone';
      if (r.status !== 200 && r.status !== 201) throw fail('PUT', path, r);
      return 'replaced';
    },
    async remove(kind, namespace, name, uid) {
      const path = objectPath(kind, namespace, name);
      const body = { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Background', ...(uid ? { preconditions: { uid } } : {}) };
      const r = await call('DELETE', path, body);
      if (r.status === 404 || r.status === 409) return false;
      if (r.status !== 200 && r.status !== 202) throw fail('DELETE', path, r);
      return true;
    },
  };
}
