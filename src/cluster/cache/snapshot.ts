/**
 * The engine's ClusterSnapshot over the cached kinds. A kind that is not cached, or not synced yet, is
 * `unavailable` (never a wrong "not found"); the caller may then ask the API server. Answers are memoized per
 * kind generation: the same urlPath gets the very same list object until an object of that kind changes, so
 * projections over it can be memoized by identity.
 */
import type { KubeObject } from '../../api/kube.js';
import type { ClusterSnapshot, Lookup } from '../../api/snapshot.js';
import { type ApiPath, parseApiPath } from './api-path.js';
import type { KindStore } from './kind-store.js';
import { CONFIGMAPS, type KindRef, NAMESPACES, apiVersionOf } from './types.js';

const UNAVAILABLE: Lookup<never> = Object.freeze({ found: false, reason: 'unavailable' });

function unavailable(message: string): Lookup<never> {
  return { found: false, reason: 'unavailable', message };
}

/** The API server's own wording: `configmaps "x" not found`, `deployments.apps "x" not found`. */
function notFound(ref: KindRef, name: string): Lookup<never> {
  return Object.freeze({ found: false, reason: 'not-found', message: `${ref.resource}${ref.group ? `.${ref.group}` : ''} "${name}" not found` });
}

function one(store: KindStore, namespace: string | undefined, name: string): Lookup<KubeObject> {
  const hit = store.get(namespace, name);
  return hit ? { found: true, value: hit } : notFound(store.ref, name);
}

function answer(store: KindStore, path: ApiPath): Lookup<unknown> {
  if (path.name !== undefined) return Object.freeze(one(store, path.namespace, path.name));
  const items = store.select(path.namespace, path.labelSelector);
  const list = {
    apiVersion: apiVersionOf(store.ref),
    kind: store.kind ? `${store.kind}List` : 'List',
    metadata: Object.freeze({ resourceVersion: store.resourceVersion }),
    items: Object.freeze(items),
  };
  return Object.freeze({ found: true, value: Object.freeze(list) });
}

/** Only `labelSelector` can be answered from memory; field selectors, limits and the like go to the server. */
function onlyLabelSelector(urlPath: string): boolean {
  const q = urlPath.indexOf('?');
  if (q < 0) return true;
  for (const key of new URLSearchParams(urlPath.slice(q + 1)).keys()) if (key !== 'labelSelector') return false;
  return true;
}

/** `storeOf` returns the store of a cached kind that has synced, else undefined. */
export function cacheSnapshot(storeOf: (ref: KindRef) => KindStore | undefined): ClusterSnapshot {
  return {
    namespace(name) {
      const store = storeOf(NAMESPACES);
      return store ? one(store, undefined, name) : UNAVAILABLE;
    },
    configMap(namespace, name) {
      const store = storeOf(CONFIGMAPS);
      return store ? one(store, namespace, name) : UNAVAILABLE;
    },
    apiGet(urlPath) {
      const parsed = parseApiPath(urlPath);
      if (!parsed.ok) return unavailable(parsed.error);
      const path = parsed.value;
      const store = storeOf(path);
      if (store === undefined) return UNAVAILABLE;
      if (!onlyLabelSelector(urlPath)) return unavailable(`only labelSelector is answered from the cache: ${urlPath}`);
      return store.memoized(urlPath, () => answer(store, path));
    },
  };
}
