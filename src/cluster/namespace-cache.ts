/**
 * Namespaces, replicated by a resilient informer, behind the engine's ClusterSnapshot: namespaceSelector
 * matches (sidecar injection by namespace label, failure-action overrides) and GETs of a namespace are answered
 * from memory. Every other lookup stays `unavailable` until the general cluster cache takes over.
 * Until the first list has succeeded, namespace lookups are `unavailable` too (never a wrong "not found").
 */
import { CoreV1Api, type KubeConfig, type KubernetesListObject, type V1Namespace } from '@kubernetes/client-node';
import type { KubeObject } from '../api/kube.js';
import type { ClusterSnapshot, Lookup } from '../api/snapshot.js';
import { type BackoffOptions, resilientInformer } from './resilient-informer.js';

export interface NamespaceCacheOptions {
  onError?(err: unknown, retryInMs: number): void;
  backoff?: BackoffOptions;
  watchTimeoutSeconds?: number;
  staleAfterMs?: number;
}

export interface NamespaceCache {
  readonly snapshot: ClusterSnapshot;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The first list has succeeded. */
  ready(): boolean;
}

const NAMESPACE_PATH = /^\/api\/v1\/namespaces\/([a-z0-9]([-a-z0-9]*[a-z0-9])?)\/?$/;
const UNAVAILABLE = { found: false, reason: 'unavailable' } as const;

export function namespaceCache(kc: KubeConfig, options: NamespaceCacheOptions = {}): NamespaceCache {
  const api = kc.makeApiClient(CoreV1Api);
  const byName = new Map<string, KubeObject>();
  // Listed objects are client-node model instances (timestamps as Date); the engine reads plain JSON.
  const store = (ns: V1Namespace): void => {
    if (ns.metadata?.name) byName.set(ns.metadata.name, JSON.parse(JSON.stringify(ns)) as KubeObject);
  };
  const informer = resilientInformer<V1Namespace>({
    kubeConfig: kc,
    path: '/api/v1/namespaces',
    list: async () => (await api.listNamespace()) as KubernetesListObject<V1Namespace>,
    onAdd: store,
    onUpdate: store,
    onDelete: (ns) => {
      if (ns.metadata?.name) byName.delete(ns.metadata.name);
    },
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
    ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
  });

  const namespace = (name: string): Lookup<KubeObject> => {
    if (!informer.synced()) return UNAVAILABLE;
    const hit = byName.get(name);
    return hit ? { found: true, value: hit } : { found: false, reason: 'not-found', message: `namespaces "${name}" not found` };
  };
  const snapshot: ClusterSnapshot = {
    namespace,
    configMap: () => UNAVAILABLE,
    apiGet: (urlPath) => {
      const m = NAMESPACE_PATH.exec(urlPath);
      return m ? namespace(m[1]) : UNAVAILABLE;
    },
  };
  return { snapshot, start: () => informer.start(), stop: () => informer.stop(), ready: () => informer.synced() };
}
