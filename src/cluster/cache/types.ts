/** Public types of the cluster cache. */
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../api/kube.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import type { BackoffOptions } from '../resilient-informer.js';

/** A REST resource: `group` is '' for the core group (`/api/v1`). */
export interface KindRef {
  group: string;
  version: string;
  resource: string;
}

export interface CacheChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  ref: KindRef;
  /** The stored (pruned, frozen) object; for DELETED the last one stored. */
  object: KubeObject;
}

export interface KindStatus {
  ref: KindRef;
  /** A list has succeeded since the informer started. */
  synced: boolean;
  /** The last list or watch failed and no watch has connected since. */
  broken: boolean;
  objects: number;
  /** Lists after the first successful one (410 Gone, restarts with an expired resourceVersion). */
  relists: number;
  /** Restarts after a list or watch error (the watchdog's aborts included). */
  watchRestarts: number;
  /** Since the last list, watch event or bookmark; undefined before the first. */
  msSinceLastEvent: number | undefined;
}

export interface ClusterCacheOptions {
  kubeConfig: KubeConfig;
  backoff?: BackoffOptions;
  watchTimeoutSeconds?: number;
  staleAfterMs?: number;
  /** Drops what no policy reads before an object is stored (default: managedFields and the kubectl last-applied annotation). */
  prune?: (ref: KindRef, object: KubeObject) => KubeObject;
  /** How long an informer may stay broken before ready() turns false (default 30 s). */
  brokenAfterMs?: number;
  onProblem?(problem: { ref: KindRef; error: unknown; retryInMs: number }): void;
  /** Clock for ages (tests). */
  now?: () => number;
}

export interface ClusterCache {
  readonly snapshot: ClusterSnapshot;
  /** The kinds to replicate besides Namespaces (always cached); informers start and stop to match. */
  setKinds(kinds: readonly KindRef[]): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Every informer has synced and none has been broken for longer than brokenAfterMs. */
  ready(): boolean;
  status(): KindStatus[];
  list(ref: KindRef, namespace?: string): readonly KubeObject[];
  get(ref: KindRef, namespace: string | undefined, name: string): KubeObject | undefined;
  onChange(listener: (change: CacheChange) => void): () => void;
}

export function kindKey(ref: KindRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}`;
}

export function apiVersionOf(ref: KindRef): string {
  return ref.group === '' ? ref.version : `${ref.group}/${ref.version}`;
}

/** The collection path of all namespaces: `/api/v1/configmaps`, `/apis/apps/v1/deployments`. */
export function collectionPath(ref: KindRef): string {
  return ref.group === '' ? `/api/${ref.version}/${ref.resource}` : `/apis/${ref.group}/${ref.version}/${ref.resource}`;
}

export const NAMESPACES: KindRef = Object.freeze({ group: '', version: 'v1', resource: 'namespaces' });
export const CONFIGMAPS: KindRef = Object.freeze({ group: '', version: 'v1', resource: 'configmaps' });
