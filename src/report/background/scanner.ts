/**
 * The background scanner: evaluates the background policies over the objects in the cluster cache when a policy
 * is added or changed (its kinds), when an object changes (debounced per object), and in a full scan every
 * intervalMs. Scans run on the leader only, in slices of at most sliceMs between which the event loop serves
 * admission requests, with at most `concurrency` scan jobs at once.
 */
import { performance } from 'node:perf_hooks';
import { clearInterval, setImmediate, setInterval } from 'node:timers';
import type { KubeObject } from '../../api/kube.js';
import type { CacheChange, KindRef } from '../../cluster/cache/index.js';
import { resourceKeyOf } from '../writer/index.js';
import { backgroundPolicies } from './background-rules.js';
import { debouncer } from './debouncer.js';
import { limiter } from './limiter.js';
import { PolicyTracker } from './policy-changes.js';
import { kindRefKey, scanKinds } from './scan-kinds.js';
import { reportRefOf, scanObject, scanSet } from './scan-object.js';
import { timeSlicer } from './time-slicer.js';
import type { BackgroundScanner, BackgroundScannerOptions, ScanSummary, ScanTrigger } from './types.js';

const DEFAULT_INTERVAL_MS = 3_600_000;
const DEFAULT_DEBOUNCE_MS = 1_000;
const DEFAULT_SLICE_MS = 5;

interface Pending {
  ref: KindRef;
  object: KubeObject;
}

/** What one job walks (lazily, so a full scan never copies the cache) and which policies it is limited to. */
interface Work {
  items: Iterable<Pending>;
  only?: ReadonlySet<string>;
}

export function backgroundScanner(options: BackgroundScannerOptions): BackgroundScanner {
  const { cache, sink, env } = options;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const jobs = limiter(options.concurrency ?? 1);
  const tracker = new PolicyTracker();
  const problem = (error: unknown): void => {
    try {
      options.onProblem?.(error);
    } catch {
      // A failing reporter must not stop the scanner.
    }
  };

  let started = false;
  let stopped = false;
  let unsubscribe: (() => void)[] = [];
  let interval: ReturnType<typeof setInterval> | undefined;
  /** Kinds the current background policies read (cache changes of other kinds are ignored). */
  let kindKeys = new Set<string>();
  /** Jobs queued or running. */
  let active = 0;
  const running = new Set<Promise<unknown>>();
  /** Objects deleted while a job ran: a job that reaches one afterwards must not record it again. */
  const deletedDuringScan = new Set<string>();
  /** Objects whose debounce fired, waiting for the resource job. */
  const ready = new Map<string, Pending>();
  let resourceJobQueued = false;
  const changedPolicies = new Set<string>();
  const changedKinds = new Map<string, KindRef>();
  let policyJobQueued = false;
  /** A full scan queued and not started yet. */
  let fullScan: Promise<ScanSummary> | undefined;
  let idleWaiters: (() => void)[] = [];

  const pendingDebounce = debouncer<Pending>(options.debounceMs ?? DEFAULT_DEBOUNCE_MS, (key, item) => {
    if (stopped) return;
    ready.set(key, item);
    queueResourceJob();
    settle();
  });

  const isIdle = (): boolean => active === 0 && pendingDebounce.size === 0 && ready.size === 0;
  function settle(): void {
    if (active === 0) deletedDuringScan.clear();
    if (!isIdle() && !stopped) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  const abortReason = (): ScanSummary['reason'] => (stopped ? 'stopped' : options.isLeader() ? undefined : 'not-leader');

  /**
   * Runs a job under the concurrency limit. `prepare` runs when the job gets its turn (so it sees the latest
   * pending work); the job then evaluates each item, checking in with the slicer after each.
   */
  function runJob(trigger: ScanTrigger, prepare: () => Work): Promise<ScanSummary> {
    active++;
    const job = jobs.run(async (): Promise<ScanSummary> => {
      const { items, only } = prepare();
      const t0 = performance.now();
      const set = scanSet(backgroundPolicies(options.policies()).policies);
      const target = { snapshot: cache.snapshot, env, sink };
      const slicer = timeSlicer(sliceMs);
      const summary: ScanSummary = { trigger, completed: true, policies: set.policies.length, resources: 0, entries: 0, durationMs: 0, yields: 0 };
      let reason = abortReason();
      if (reason === undefined) {
        for (const { ref, object } of items) {
          const wait = slicer.checkpoint();
          if (wait) {
            await wait;
            reason = abortReason();
            if (reason !== undefined) break;
          }
          if (deletedDuringScan.size > 0 && deletedDuringScan.has(resourceKeyOf(reportRefOf(object)))) continue;
          try {
            summary.entries += scanObject(set, target, ref, object, only);
            summary.resources++;
          } catch (error) {
            problem(error);
          }
        }
      }
      if (reason !== undefined) {
        summary.completed = false;
        summary.reason = reason;
        // Changes seen before the abort are left to the next leader's (or the next) full scan.
        if (trigger === 'resource') ready.clear();
      }
      summary.durationMs = performance.now() - t0;
      summary.yields = slicer.yields;
      return summary;
    });
    running.add(job);
    void job.finally(() => {
      running.delete(job);
      active--;
      settle();
    }).catch(problem);
    return job;
  }

  function* objectsOf(kinds: Iterable<KindRef>): Iterable<Pending> {
    for (const ref of kinds) for (const object of cache.list(ref)) yield { ref, object };
  }

  function* drainReady(): Iterable<Pending> {
    // Map iteration also visits objects whose debounce fires while this job runs.
    for (const [key, item] of ready) {
      ready.delete(key);
      yield item;
    }
  }

  function scanAll(): Promise<ScanSummary> {
    const reason = abortReason();
    if (reason !== undefined) {
      return Promise.resolve({ trigger: 'full', completed: false, reason, policies: 0, resources: 0, entries: 0, durationMs: 0, yields: 0 });
    }
    // A full scan that has not started yet covers this request too.
    if (fullScan) return fullScan;
    // With a free slot the job starts (and `prepare` runs) before runJob returns.
    let begun = false;
    const scan = runJob('full', () => {
      begun = true;
      fullScan = undefined;
      return { items: objectsOf(scanKinds(options.policies())) };
    });
    if (!begun) fullScan = scan;
    return scan;
  }

  function queueResourceJob(): void {
    if (!options.isLeader()) {
      ready.clear();
      return;
    }
    if (resourceJobQueued) return;
    resourceJobQueued = true;
    runJob('resource', () => {
      resourceJobQueued = false;
      return { items: drainReady() };
    }).catch(problem);
  }

  function queuePolicyJob(): void {
    if (policyJobQueued) return;
    policyJobQueued = true;
    runJob('policy', () => {
      // Changes arriving after this point get a job of their own.
      policyJobQueued = false;
      const only = new Set(changedPolicies);
      const kinds = [...changedKinds.values()];
      changedPolicies.clear();
      changedKinds.clear();
      return { items: objectsOf(kinds), only };
    }).catch(problem);
  }

  function onPolicies(): void {
    if (stopped) return;
    let changes;
    try {
      changes = tracker.update(options.policies());
      kindKeys = new Set(scanKinds(options.policies()).map(kindRefKey));
    } catch (error) {
      problem(error);
      return;
    }
    for (const policy of changes.deleted) {
      try {
        sink.forgetPolicy?.(policy);
      } catch (error) {
        problem(error);
      }
    }
    if (changes.changed.size === 0 || !options.isLeader()) return;
    for (const key of changes.changed) changedPolicies.add(key);
    for (const ref of changes.kinds) changedKinds.set(kindRefKey(ref), ref);
    queuePolicyJob();
  }

  function onCacheChange(change: CacheChange): void {
    if (stopped || !kindKeys.has(kindRefKey(change.ref))) return;
    const ref = reportRefOf(change.object);
    const key = resourceKeyOf(ref);
    if (change.type === 'DELETED') {
      pendingDebounce.cancel(key);
      ready.delete(key);
      if (active > 0) deletedDuringScan.add(key);
      try {
        sink.forgetResource(ref);
      } catch (error) {
        problem(error);
      }
      settle();
      return;
    }
    if (!options.isLeader()) return;
    pendingDebounce.push(key, { ref: change.ref, object: change.object });
  }

  return {
    start() {
      if (started) return;
      started = true;
      tracker.update(options.policies());
      kindKeys = new Set(scanKinds(options.policies()).map(kindRefKey));
      unsubscribe = [options.subscribePolicies(onPolicies), cache.onChange(onCacheChange)];
      if (options.subscribeLeader) {
        unsubscribe.push(options.subscribeLeader((leader) => {
          if (leader && !stopped) scanAll().catch(problem);
        }));
      }
      interval = setInterval(() => {
        if (!stopped && options.isLeader()) scanAll().catch(problem);
      }, intervalMs);
      interval.unref();
      // The first full scan after the current tick, so that the caller finishes its own start-up first.
      setImmediate(() => {
        if (!stopped && options.isLeader()) scanAll().catch(problem);
      }).unref();
    },
    async stop() {
      stopped = true;
      for (const off of unsubscribe) off();
      unsubscribe = [];
      if (interval) clearInterval(interval);
      pendingDebounce.clear();
      ready.clear();
      settle();
      await Promise.allSettled([...running]);
    },
    scanAll,
    idle() {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
  };
}
