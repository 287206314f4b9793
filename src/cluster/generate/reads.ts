/**
 * Reads for generate: from the cluster cache when it replicates the kind and has synced (no request), else from
 * the API server. Cache answers are hints for writes (every write is checked by the API server) and may lag.
 */
import type { KubeObject } from '../../api/kube.js';
import { isRecord } from '../../api/json.js';
import type { ClusterCache, KindRef } from '../cache/index.js';
import { type GenerateApi, collectionPath } from './api.js';
import type { ResolvedKind } from './discovery.js';
import { type Labels, matchesLabels, selectorText } from './ownership.js';

export interface Reader {
  /** The kind's informer has synced. */
  cached(ref: KindRef): boolean;
  /** The cache's copy, only when the kind is cached. */
  hint(kind: ResolvedKind, namespace: string | undefined, name: string): KubeObject | undefined;
  one(kind: ResolvedKind, namespace: string | undefined, name: string): Promise<KubeObject | undefined>;
  all(kind: ResolvedKind, selector?: Labels): Promise<readonly KubeObject[]>;
}

const key = (r: KindRef): string => `${r.group}/${r.version}/${r.resource}`;

export function reader(cache: ClusterCache, api: GenerateApi): Reader {
  const cached = (ref: KindRef): boolean => cache.status().some((s) => s.synced && key(s.ref) === key(ref));
  const ns = (kind: ResolvedKind, namespace: string | undefined): string | undefined => (kind.namespaced ? namespace : undefined);
  return {
    cached,
    hint: (kind, namespace, name) => (cached(kind.ref) ? cache.get(kind.ref, ns(kind, namespace), name) : undefined),
    async one(kind, namespace, name) {
      if (cached(kind.ref)) return cache.get(kind.ref, ns(kind, namespace), name);
      return api.get(kind, ns(kind, namespace), name);
    },
    async all(kind, selector) {
      const text = selector ? selectorText(selector) : '';
      if (cached(kind.ref)) {
        // The snapshot answers label selectors from the cache's label index.
        const got = cache.snapshot.apiGet(`${collectionPath(kind)}${text ? `?labelSelector=${encodeURIComponent(text)}` : ''}`);
        if (got.found && isRecord(got.value) && Array.isArray(got.value.items)) return got.value.items as KubeObject[];
        const list = cache.list(kind.ref);
        return selector ? list.filter((o) => matchesLabels(o, selector)) : list;
      }
      return api.list(kind, text || undefined);
    },
  };
}
