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

/** An `apiCall.service` request after variable substitution: a call to a service other than the API server. */
export interface ServiceRequest {
  url: string;
  method: 'GET' | 'POST';
  /** POST body: the `data` key/value pairs as one JSON object. */
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** PEM CA bundle to verify an https: service with. */
  caBundle?: string;
}

/** A stable text key for a service request (the same request in one admission is answered once). */
export function serviceRequestKey(request: ServiceRequest): string {
  return `service ${JSON.stringify([request.method, request.url, request.body ?? null, request.headers ?? null, request.caBundle ?? null])}`;
}

export interface ClusterSnapshot {
  /** The Namespace object, for namespaceSelector and failure-action overrides. */
  namespace(name: string): Lookup<KubeObject>;
  /** A ConfigMap for a `configMap` context entry. */
  configMap(namespace: string, name: string): Lookup<KubeObject>;
  /** A GET of a Kubernetes API path for an `apiCall.urlPath` context entry: one object or a `{items: [...]}` list. */
  apiGet(urlPath: string): Lookup<unknown>;
  /**
   * The answer of an `apiCall.service` call. The engine cannot make calls: the server answers them before
   * evaluating (see the admission route); without it they are `unavailable`.
   */
  service?(request: ServiceRequest): Lookup<unknown>;
}

/** A snapshot that knows nothing; every lookup is unavailable. */
export const EMPTY_SNAPSHOT: ClusterSnapshot = {
  namespace: () => ({ found: false, reason: 'unavailable' }),
  configMap: () => ({ found: false, reason: 'unavailable' }),
  apiGet: () => ({ found: false, reason: 'unavailable' }),
};
