/** Public types of the fake Kubernetes API server used by tests. */
import type { JsonObject } from '../../../src/api/json.js';

/** One REST resource the fake serves, e.g. `kyverno.io/v1 clusterpolicies` (ClusterPolicy, cluster-scoped). */
export interface ResourceType {
  /** '' for the core group (`/api/v1`). */
  group: string;
  version: string;
  /** Plural, lower case, as in the URL. */
  resource: string;
  kind: string;
  namespaced: boolean;
  /** With a status subresource, writes to the main resource keep status and `/status` writes keep the rest. */
  statusSubresource: boolean;
  /** Custom resources keep apiVersion/kind on list items; built-in types drop them, as the real server does. */
  custom: boolean;
}

/** Identifies a resource (group/version/resource); `group` is '' for the core group. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

/** A stored object: plain JSON with apiVersion, kind and metadata. */
export type KubeJson = JsonObject & { metadata: JsonObject };

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: JsonObject;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  contentType?: string;
  /** Parsed JSON body of writes. */
  body?: unknown;
  status: number;
  watch: boolean;
}

/** A canned failure for the next matching request(s), to test error handling and restarts. */
export interface InjectedFailure {
  method?: string;
  /** Matched against the path (no query string). */
  path?: RegExp;
  /** Only watch requests (true) or only non-watch requests (false); both when absent. */
  watch?: boolean;
  status: number;
  message?: string;
  /** How many requests to fail; default 1. */
  times?: number;
}

export interface FakeApiServerOptions {
  /** Extra resources besides the built-in catalogue (kyverno policies, webhook configurations, core kinds). */
  resources?: ResourceType[];
  /** Interval of BOOKMARK events on watches that asked for them (`allowWatchBookmarks=true`); default 1000 ms. */
  bookmarkIntervalMs?: number;
  /** Bearer token written to the kubeconfig and required on every request when set. */
  token?: string;
}

export interface FakeApiServer {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** A kubeconfig file (context `fake`) pointing at this server; removed on close. */
  readonly kubeconfigPath: string;
  /** Every request served, in order. */
  readonly requests: readonly RequestLogEntry[];
  /** The current resourceVersion of the whole store (etcd revision). */
  resourceVersion(): number;
  /** Creates or replaces an object as a client would (events, resourceVersion, uid, generation); returns the stored copy. */
  put(ref: ResourceRef, object: JsonObject): KubeJson;
  /** Deletes an object; returns false when it did not exist. */
  delete(ref: ResourceRef, name: string, namespace?: string): boolean;
  get(ref: ResourceRef, name: string, namespace?: string): KubeJson | undefined;
  list(ref: ResourceRef, namespace?: string): KubeJson[];
  /** Forgets the event history: watches from any earlier resourceVersion now get 410 Gone. */
  compact(): void;
  /** Sends a BOOKMARK to every watch that allowed bookmarks. */
  bookmark(): void;
  /** Drops every open watch connection abruptly (socket destroyed), as a network failure would. */
  dropWatches(): void;
  /** Ends every open watch stream cleanly, as the server's own watch timeout would. */
  endWatches(): void;
  /**
   * Keeps the open watches (of `ref` when given) connected but sends nothing more on them, not even bookmarks or
   * the end at `timeoutSeconds`, as a half-open connection. Watches opened afterwards are served normally.
   */
  stallWatches(ref?: ResourceRef): void;
  /**
   * Restarts with a new history, as after an etcd restore: resourceVersions start again at `firstResourceVersion`
   * (default 1), every object is re-stamped without an event, every watch is cut, and any resourceVersion handed
   * out before gets 410 Gone (until the new counter passes it).
   */
  restartWithNewHistory(options?: { firstResourceVersion?: number }): void;
  /** Number of open watch connections, optionally for one resource. */
  watchCount(ref?: ResourceRef): number;
  /** Resolves when at least `count` watches are open (for `ref` when given); rejects after `timeoutMs`. */
  waitForWatches(count: number, ref?: ResourceRef, timeoutMs?: number): Promise<void>;
  /** Fails the next matching request(s) with the given status. */
  failNext(failure: InjectedFailure): void;
  /** Clears the request log. */
  clearRequests(): void;
  addResource(type: ResourceType): void;
  close(): Promise<void>;
}
