/**
 * The engine reads the cluster only through this synchronous interface: the informer cache implements it
 * in the server, files and the test's values file implement it in the CLI.
 */
import type { KubeObject } from './kube.js';

/**
 * `unavailable`: this snapshot cannot answer that kind of question at all (the CLI without cluster data);
 * the context entry is then left to values supplied by the caller, as `kyverno test` does.
 */
export type Lookup<T> = { found: true; value: T } | { found: false; reason: 'not-found' | 'unavailable'; message?: string };

export interface ClusterSnapshot {
  /** The Namespace object, for namespaceSelector and failure-action overrides. */
  namespace(name: string): Lookup<KubeObject>;
  /** A ConfigMap for a `configMap` context entry. */
  configMap(namespace: string, name: string): Lookup<KubeObject>;
  /** A GET of a Kubernetes API path for an `apiCall.urlPath` context entry: one object or a `{items: [...]}` list. */
  apiGet(urlPath: string): Lookup<unknown>;
}

/** A snapshot that knows nothing; every lookup is unavailable. */
export const EMPTY_SNAPSHOT: ClusterSnapshot = {
  namespace: () => ({ found: false, reason: 'unavailable' }),
  configMap: () => ({ found: false, reason: 'unavailable' }),
  apiGet: () => ({ found: false, reason: 'unavailable' }),
};
