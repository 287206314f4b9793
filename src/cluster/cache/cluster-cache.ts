/**
 * The replicated cluster cache: one informer per kind (Namespaces always, the rest as `setKinds` says),
 * indexed stores, and the engine's ClusterSnapshot over them. Ready once every informer has synced; unready
 * again while one has been broken for longer than `brokenAfterMs`. A kind the API server does not serve (its
 * list answers 404, e.g. a CRD not installed) is left out of readiness: one policy naming it must not keep
 * every replica unready. It keeps retrying, is reported through onProblem and status(), and stays unavailable.
 */
import type { KubeObject } from '../../api/kube.js';
import { type KindInformer, kindInformer } from './kind-informer.js';
import type { KindStore } from './kind-store.js';
import { cacheSnapshot } from './snapshot.js';
import { type CacheChange, type ClusterCache, type ClusterCacheOptions, type KindRef, type KindStatus, NAMESPACES, kindKey } from './types.js';

const DEFAULT_BROKEN_AFTER_MS = 30_000;

export function createClusterCache(options: ClusterCacheOptions): ClusterCache {
  const now = options.now ?? (() => Date.now());
  const brokenAfterMs = options.brokenAfterMs ?? DEFAULT_BROKEN_AFTER_MS;
  const informers = new Map<string, KindInformer>();
  const listeners = new Set<(change: CacheChange) => void>();
  /** Stops of informers no longer wanted; `stop()` waits for them. */
  const stopping = new Set<Promise<void>>();
  let running = false;

  const emit = (change: CacheChange): void => {
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's error is the listener's to report; the informer must go on.
      }
    }
  };

  const problem = (ref: KindRef) => (error: unknown, retryInMs: number): void => {
    try {
      options.onProblem?.({ ref, error, retryInMs });
    } catch {
      // A failing reporter must not break the informer.
    }
  };

  function create(ref: KindRef): KindInformer {
    const frozen = Object.freeze({ group: ref.group, version: ref.version, resource: ref.resource });
    return kindInformer(frozen, {
      kubeConfig: options.kubeConfig,
      now,
      emit,
      onProblem: problem(frozen),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
      ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
      ...(options.prune ? { prune: options.prune } : {}),
    });
  }

  function launch(informer: KindInformer): void {
    // start() only rejects on a bug: list and watch failures are retried inside the informer.
    informer.start().catch((error: unknown) => problem(informer.ref)(error, 0));
  }

  function retire(informer: KindInformer): void {
    const done = informer.stop().catch((error: unknown) => problem(informer.ref)(error, 0));
    stopping.add(done);
    void done.finally(() => stopping.delete(done));
  }

  informers.set(kindKey(NAMESPACES), create(NAMESPACES));

  const syncedStore = (ref: KindRef): KindStore | undefined => {
    const informer = informers.get(kindKey(ref));
    return informer?.synced() ? informer.store : undefined;
  };
  const storeOf = (ref: KindRef): KindStore | undefined => informers.get(kindKey(ref))?.store;

  return {
    snapshot: cacheSnapshot(syncedStore),
    setKinds(kinds) {
      const wanted = new Map<string, KindRef>([[kindKey(NAMESPACES), NAMESPACES]]);
      for (const k of kinds) wanted.set(kindKey(k), k);
      for (const [key, informer] of [...informers]) {
        if (wanted.has(key)) continue;
        informers.delete(key);
        retire(informer);
      }
      for (const [key, ref] of wanted) {
        if (informers.has(key)) continue;
        const informer = create(ref);
        informers.set(key, informer);
        if (running) launch(informer);
      }
    },
    async start() {
      running = true;
      await Promise.all([...informers.values()].map((i) => i.start()));
    },
    async stop() {
      running = false;
      await Promise.all([...informers.values()].map((i) => i.stop()));
      await Promise.all([...stopping]);
    },
    ready() {
      if (!running) return false;
      for (const informer of informers.values()) {
        if (informer.notServed()) continue;
        if (!informer.synced()) return false;
        const broken = informer.brokenForMs();
        if (broken !== undefined && broken > brokenAfterMs) return false;
      }
      return true;
    },
    status: (): KindStatus[] => [...informers.values()].map((i) => i.status()),
    list(ref, namespace): readonly KubeObject[] {
      return storeOf(ref)?.list(namespace) ?? [];
    },
    get: (ref, namespace, name) => storeOf(ref)?.get(namespace, name),
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
