/**
 * One replicated kind: a resilient informer (restart with backoff, watchdog, bookmarks, 410 relist) feeding a
 * KindStore, with the health figures `status()` reports. Objects are pruned and frozen before the informer
 * stores them, so the informer and the store share one copy. A relist emits DELETED for every object that
 * vanished while the watch was down (client-node's ListWatch diffs the new list against what it held).
 */
import type { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '../../api/kube.js';
import { type BackoffOptions, resilientInformer } from '../resilient-informer.js';
import { KindStore } from './kind-store.js';
import { deepFreeze, defaultPrune, keepIdentity } from './prune.js';
import { ApiError, rawList } from './raw-list.js';
import { type CacheChange, type KindRef, type KindStatus, apiVersionOf, collectionPath } from './types.js';

export interface KindInformerOptions {
  kubeConfig: KubeConfig;
  backoff?: BackoffOptions;
  watchTimeoutSeconds?: number;
  staleAfterMs?: number;
  prune?: (ref: KindRef, object: KubeObject) => KubeObject;
  now: () => number;
  emit(change: CacheChange): void;
  onProblem(error: unknown, retryInMs: number): void;
}

export interface KindInformer {
  readonly ref: KindRef;
  readonly store: KindStore;
  start(): Promise<void>;
  stop(): Promise<void>;
  synced(): boolean;
  /** How long the informer has been broken, or undefined when it is healthy. */
  brokenForMs(): number | undefined;
  /** Never synced, and the last list answered 404: the API server does not serve this kind (CRD not installed). */
  notServed(): boolean;
  status(): KindStatus;
}

/**
 * client-node types objects with its own models; what the cache stores is plain JSON (`transform` made it
 * a complete KubeObject before the informer holds it), so the two views are the same value.
 */
const asKube = (o: KubernetesObject): KubeObject => o as unknown as KubeObject;
const asWire = (o: KubeObject): KubernetesObject => o as unknown as KubernetesObject;

export function kindInformer(ref: KindRef, options: KindInformerOptions): KindInformer {
  const store = new KindStore(ref);
  const apiVersion = apiVersionOf(ref);
  const prune = options.prune ?? defaultPrune;
  let active = false;
  let lists = 0;
  let restarts = 0;
  let brokenSince: number | undefined;
  let lastEventAt: number | undefined;
  let listAnswered404 = false;

  const healthy = (): void => {
    brokenSince = undefined;
    lastEventAt = options.now();
  };

  // Runs inside client-node's watch callback, where a throw would silently drop the event: never throws.
  const transform = (wire: KubernetesObject): KubernetesObject => {
    const object = asKube(wire);
    const original = { apiVersion: object.apiVersion ?? apiVersion, kind: object.kind ?? store.kind };
    let pruned: KubeObject;
    try {
      pruned = prune(ref, object);
    } catch (error) {
      options.onProblem(error, 0);
      pruned = defaultPrune(ref, object);
    }
    return asWire(deepFreeze(keepIdentity(object.metadata, pruned, original.apiVersion, original.kind)));
  };

  const emit = (type: CacheChange['type'], object: KubeObject): void => {
    if (active) options.emit({ type, ref, object });
  };

  const informer = resilientInformer<KubernetesObject>({
    kubeConfig: options.kubeConfig,
    path: collectionPath(ref),
    list: async () => {
      let list: Awaited<ReturnType<typeof rawList>>;
      try {
        list = await rawList(options.kubeConfig, collectionPath(ref), { apiVersion });
      } catch (error) {
        listAnswered404 = error instanceof ApiError && error.statusCode === 404;
        throw error;
      }
      listAnswered404 = false;
      if (list.kind !== '') store.kind = list.kind;
      if (list.resourceVersion !== '') store.resourceVersion = list.resourceVersion;
      lists++;
      healthy();
      return { apiVersion: list.apiVersion, kind: `${list.kind}List`, metadata: { resourceVersion: list.resourceVersion }, items: list.items.map(asWire) };
    },
    transform,
    onAdd: (wire) => {
      const o = asKube(wire);
      store.upsert(o);
      emit('ADDED', o);
    },
    onUpdate: (wire) => {
      const o = asKube(wire);
      const { previous } = store.upsert(o);
      emit(previous === undefined ? 'ADDED' : 'MODIFIED', o);
    },
    onDelete: (wire) => {
      const stored = store.remove(asKube(wire));
      if (stored !== undefined) emit('DELETED', stored);
    },
    onError: (error, retryInMs) => {
      // Callback errors are reported with retryInMs 0 and restart nothing.
      if (retryInMs > 0) {
        restarts++;
        brokenSince ??= options.now();
      }
      options.onProblem(error, retryInMs);
    },
    onWatchOpen: healthy,
    onWatchActivity: () => (lastEventAt = options.now()),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
    ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
  });

  return {
    ref,
    store,
    async start() {
      active = true;
      await informer.start();
    },
    async stop() {
      active = false;
      await informer.stop();
    },
    synced: () => informer.synced(),
    notServed: () => listAnswered404 && !informer.synced(),
    brokenForMs: () => (brokenSince === undefined ? undefined : Math.max(0, options.now() - brokenSince)),
    status: () => ({
      ref,
      synced: informer.synced(),
      broken: brokenSince !== undefined,
      objects: store.size,
      relists: Math.max(0, lists - 1),
      watchRestarts: restarts,
      msSinceLastEvent: lastEventAt === undefined ? undefined : Math.max(0, options.now() - lastEventAt),
    }),
  };
}
