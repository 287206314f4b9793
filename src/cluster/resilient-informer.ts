/**
 * A client-node informer (ListWatch, what `makeInformer` builds) with the pitfalls handled:
 * - any error other than 410 stops a ListWatch: it is restarted here with capped exponential backoff;
 * - `synced()` turns true only once a list has really succeeded (`start()` resolves even when it failed);
 * - watches ask for bookmarks (so reconnects resume instead of relisting) and a server-side timeout, and a
 *   watchdog aborts a watch that has been silent for too long (a half-open connection);
 * - a list that resolves after `stop()` is discarded, so a stopped informer never opens a new watch;
 * - `metadata.managedFields` is dropped from every object before the cache stores it (policies never read it).
 */
import { type KubeConfig, type KubernetesListObject, type KubernetesObject, ListWatch, Watch } from '@kubernetes/client-node';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export interface ResilientInformerOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** The collection path, e.g. `/apis/kyverno.io/v1/clusterpolicies`. */
  path: string;
  list: () => Promise<KubernetesListObject<T>>;
  onAdd(obj: T): void;
  onUpdate(obj: T): void;
  onDelete(obj: T): void;
  /** A list or watch failed; a restart is scheduled after `retryInMs`. */
  onError?(err: unknown, retryInMs: number): void;
  backoff?: BackoffOptions;
  /** Server-side watch timeout; the informer reconnects from its resourceVersion afterwards. Default 300. */
  watchTimeoutSeconds?: number;
  /** Abort a watch with no event (bookmarks included) for this long. Default: the watch timeout plus 60 s. */
  staleAfterMs?: number;
  /**
   * Replaces each listed or watched object (after managedFields are dropped) before the informer stores it, so
   * the informer and its callbacks share one copy (e.g. pruned and frozen).
   */
  transform?(obj: T): T;
  /** A watch request was answered with a stream: the connection is healthy again. */
  onWatchOpen?(): void;
  /** Something arrived on the watch: an event or a bookmark. */
  onWatchActivity?(): void;
}

export interface ResilientInformer<T extends KubernetesObject> {
  start(): Promise<void>;
  stop(): Promise<void>;
  synced(): boolean;
  /** The cached objects: shared with the informer, never to be mutated. */
  list(): readonly T[];
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 30_000 };

/** A Watch that adds bookmark and timeout parameters and reports activity. */
/** Drops what no consumer reads, on objects fresh from the wire (not yet shared with the cache). */
export function stripManagedFields(obj: unknown): void {
  if (typeof obj !== 'object' || obj === null) return;
  const metadata: unknown = (obj as { metadata?: unknown }).metadata;
  if (typeof metadata === 'object' && metadata !== null && 'managedFields' in metadata) delete (metadata as { managedFields?: unknown }).managedFields;
}

class TunedWatch extends Watch {
  current: AbortController | undefined;

  constructor(
    kc: KubeConfig,
    private readonly extra: Record<string, string | number | boolean>,
    private readonly onActivity: () => void,
    private readonly hooks: { transform?: (obj: unknown) => unknown; onOpen?: () => void; onEvent?: () => void } = {},
  ) {
    super(kc);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: unknown, watchObj?: unknown) => void,
    done: (err: unknown) => void,
  ): Promise<AbortController> {
    this.onActivity();
    let failed = false;
    const { transform, onOpen, onEvent } = this.hooks;
    const controller = await super.watch(path, { ...queryParams, ...this.extra }, (phase, obj: unknown, watchObj: unknown) => {
      this.onActivity();
      onEvent?.();
      stripManagedFields(obj);
      const isObject = phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED';
      callback(phase, isObject && transform ? transform(obj) : obj, watchObj);
    }, (err: unknown) => {
      if (err) failed = true;
      done(err);
    });
    this.current = controller;
    // super.watch resolves once the response arrived; without a failure by then the stream is open.
    if (!failed) onOpen?.();
    return controller;
  }
}

export function resilientInformer<T extends KubernetesObject>(options: ResilientInformerOptions<T>): ResilientInformer<T> {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const timeoutSeconds = options.watchTimeoutSeconds ?? 300;
  const staleAfterMs = options.staleAfterMs ?? (timeoutSeconds + 60) * 1000;
  let stopped = true;
  let isSynced = false;
  let listed = false;
  let delay = backoff.initialMs;
  let restartTimer: ReturnType<typeof setTimeout> | undefined;
  let lastActivity = Date.now();
  let failedDuringStart = false;

  const transform = options.transform;
  const report = (hook: (() => void) | undefined) => () => {
    try {
      hook?.();
    } catch {
      // A failing observer must not break the watch.
    }
  };
  const watch = new TunedWatch(options.kubeConfig, { allowWatchBookmarks: true, timeoutSeconds }, () => (lastActivity = Date.now()), {
    ...(transform ? { transform: (obj: unknown) => transform(obj as T) } : {}),
    onOpen: report(options.onWatchOpen),
    onEvent: report(options.onWatchActivity),
  });
  const listFn = async (): Promise<KubernetesListObject<T>> => {
    const result = await options.list();
    if (stopped) throw new Error('informer stopped');
    for (const item of result.items ?? []) stripManagedFields(item);
    listed = true;
    return transform ? { ...result, items: (result.items ?? []).map((item) => transform(item)) } : result;
  };
  const informer = new ListWatch<T>(options.path, watch, listFn, false);

  // Callbacks never throw into client-node: a listener error would become an unhandled rejection.
  const guard = (fn: (obj: T) => void) => (obj: T) => {
    try {
      fn(obj);
    } catch (err) {
      options.onError?.(err, 0);
    }
  };
  informer.on('add', guard((o) => options.onAdd(o)));
  informer.on('update', guard((o) => options.onUpdate(o)));
  informer.on('delete', guard((o) => options.onDelete(o)));
  informer.on('error', (err: unknown) => {
    if (stopped) return;
    failedDuringStart = true;
    scheduleRestart(err);
  });

  function scheduleRestart(err: unknown): void {
    if (restartTimer !== undefined || stopped) return;
    const wait = delay;
    delay = Math.min(delay * 2, backoff.maxMs);
    try {
      options.onError?.(err, wait);
    } catch {
      // A failing error reporter must not stop the restart.
    }
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      void run();
    }, wait);
  }

  async function run(): Promise<void> {
    if (stopped) return;
    failedDuringStart = false;
    await informer.start();
    if (listed) isSynced = true;
    // A start that connected without error resets the backoff.
    if (!failedDuringStart) delay = backoff.initialMs;
  }

  let watchdog: ReturnType<typeof setInterval> | undefined;
  function startWatchdog(): void {
    if (watchdog !== undefined) return;
    watchdog = setInterval(() => {
      if (stopped || restartTimer !== undefined) return;
      if (Date.now() - lastActivity > staleAfterMs) {
        lastActivity = Date.now();
        // Aborting ends the watch with an error, which takes the normal restart path.
        watch.current?.abort();
      }
    }, Math.max(50, Math.min(staleAfterMs / 4, 30_000)));
    watchdog.unref();
  }

  return {
    async start() {
      stopped = false;
      lastActivity = Date.now();
      startWatchdog();
      await run();
    },
    async stop() {
      stopped = true;
      if (watchdog !== undefined) clearInterval(watchdog);
      watchdog = undefined;
      if (restartTimer !== undefined) clearTimeout(restartTimer);
      restartTimer = undefined;
      await informer.stop();
    },
    synced: () => isSynced,
    list: () => informer.list(),
  };
}
