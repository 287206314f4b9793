/**
 * The policy-report writer: keeps the desired entries in memory, and every batch window (on the leader only)
 * renders the groups that changed with the aggregator, compares the objects with what it knows the cluster
 * holds, and creates, replaces or deletes report objects under a rate limit. A failed write keeps its object
 * pending with a capped exponential delay: nothing is lost while the desired state stays in memory. Each time
 * this replica becomes the leader, its first flush lists the Tollgate-labelled reports in the cluster, so it
 * corrects what another leader wrote and deletes reports that no desired entry produces any more (old policies,
 * resources deleted while no one was leading).
 */
import { restClient } from '../../cluster/rest.js';
import { buildReports, reportKey } from '../aggregate.js';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, type ReportObject } from '../types.js';
import { DesiredState, type GroupKey } from './desired-state.js';
import { digestOf, withDigest } from './digest.js';
import { rateLimiter, realClock } from './rate-limiter.js';
import { REPORT_KINDS, reportApi, storedKey, type StoredReport } from './report-api.js';
import { type Known, knownOf, type ReportTarget, syncOne, type SyncContext } from './sync-one.js';
import type { ReportWriter, ReportWriterOptions } from './types.js';

interface Slot {
  target: ReportTarget;
  /** The digest of what the object should be; undefined: it should not exist. */
  digest?: string;
  /** The object to write, kept only until the cluster holds it (memory: entries are not held twice). */
  body?: ReportObject;
  /** What the cluster holds as far as we know; undefined: absent (or unknown before the first list). */
  known?: Known;
  failures: number;
  notBefore: number;
}

const SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

export function reportWriter(options: ReportWriterOptions): ReportWriter {
  const now = options.now ?? Date.now;
  const intervalMs = options.flushIntervalMs ?? 2000;
  const retry = options.retry ?? { initialMs: 1000, maxMs: 60_000 };
  const buildOptions = options.maxReportBytes !== undefined ? { maxBytes: options.maxReportBytes } : {};
  const api = reportApi(restClient(options.kubeConfig, { timeoutMs: options.requestTimeoutMs ?? 10_000 }));
  const limiter = rateLimiter(options.maxWritesPerSecond ?? 20, realClock(now));
  const problem = (action: string, error: unknown, report?: string): void => {
    try {
      options.onProblem?.({ action, error, ...(report !== undefined ? { report } : {}) });
    } catch {
      // A failing problem handler must not stop the writer.
    }
  };
  const delay = (failures: number): number => Math.min(retry.initialMs * 2 ** Math.max(0, failures - 1), retry.maxMs);

  const state = new DesiredState();
  const slots = new Map<string, Slot>();
  const pending = new Set<string>();
  const groupReports = new Map<GroupKey, string[]>();
  let clusterKnown = false;
  let listFailures = 0;
  let listNotBefore = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: { aborted: boolean } | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;

  function slot(target: ReportTarget): Slot {
    const id = storedKey(target);
    let s = slots.get(id);
    if (s === undefined) {
      s = { target, failures: 0, notBefore: 0 };
      slots.set(id, s);
    }
    return s;
  }

  const targetOf = (o: ReportObject): ReportTarget => ({ kind: o.kind, ...(o.metadata.namespace !== undefined ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name });

  function render(): void {
    for (const [group, entries] of state.takeDirty()) {
      const objects = entries.length > 0 ? buildReports(entries, buildOptions) : [];
      const ids = new Set(objects.map(reportKey));
      for (const old of groupReports.get(group) ?? []) {
        const s = slots.get(old);
        if (s !== undefined && !ids.has(old)) {
          delete s.digest;
          delete s.body;
          pending.add(old);
        }
      }
      for (const o of objects) {
        const s = slot(targetOf(o));
        s.digest = digestOf(o);
        if (s.known?.digest === s.digest) delete s.body;
        else {
          s.body = withDigest(o, s.digest);
          pending.add(reportKey(o));
        }
      }
      if (ids.size > 0) groupReports.set(group, [...ids]);
      else groupReports.delete(group);
    }
  }

  /** Replaces what we know of the cluster with a fresh list of Tollgate's reports. */
  async function learnCluster(): Promise<boolean> {
    let found: StoredReport[];
    try {
      found = (await Promise.all(REPORT_KINDS.map((kind) => api.list(kind, SELECTOR)))).flat();
    } catch (error) {
      listFailures++;
      listNotBefore = now() + delay(listFailures);
      problem('list', error);
      return false;
    }
    listFailures = 0;
    for (const s of slots.values()) delete s.known;
    for (const f of found) slot(f).known = knownOf(f);
    // Render everything again: the bodies of what the cluster lacks were dropped after their last write.
    state.markAllDirty();
    for (const [id, s] of slots) if (s.known !== undefined) pending.add(id);
    clusterKnown = true;
    return true;
  }

  async function runOnce(force: boolean): Promise<void> {
    if (stopped) return;
    if (!options.isLeader()) {
      clusterKnown = false;
      return;
    }
    if (options.ready?.() === false) return;
    const run = { aborted: false };
    current = run;
    const ctx: SyncContext = { api, limiter, mayWrite: () => !run.aborted && options.isLeader() };
    try {
      if (!clusterKnown && !((force || now() >= listNotBefore) && (await learnCluster()))) return;
      render();
      for (const id of [...pending]) {
        const s = slots.get(id);
        if (s === undefined) {
          pending.delete(id);
          continue;
        }
        if (!force && now() < s.notBefore) continue;
        const action = s.digest === undefined ? 'delete' : s.known === undefined ? 'create' : 'update';
        let result;
        try {
          const want = s.digest !== undefined && s.body !== undefined ? { body: s.body, digest: s.digest } : undefined;
          // A wanted object without a body is already in the cluster (render dropped the body on equal digests).
          result = s.digest !== undefined && want === undefined ? { outcome: 'present' as const, known: s.known ?? { resourceVersion: '', digest: s.digest } } : await syncOne(ctx, s.target, want, s.known);
        } catch (error) {
          s.failures++;
          s.notBefore = now() + delay(s.failures);
          problem(action, error, id);
          continue;
        }
        if (result.outcome === 'interrupted') break;
        if (result.outcome === 'present') s.known = result.known;
        else delete s.known;
        delete s.body;
        s.failures = 0;
        s.notBefore = 0;
        pending.delete(id);
        if (s.digest === undefined && s.known === undefined) slots.delete(id);
      }
      // Leadership lost mid-way: another leader may write; re-list when it comes back.
      if (!options.isLeader()) clusterKnown = false;
    } catch (error) {
      problem('flush', error);
    } finally {
      if (current === run) current = undefined;
    }
  }

  /** One run at a time; a call during a run gets one more run after it (which sees every change until then). */
  function schedule(force: boolean): Promise<void> {
    if (running === undefined) {
      running = runOnce(force).finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running.then(() => {
      queued = undefined;
      return schedule(force);
    });
    return queued;
  }

  function tick(): void {
    if (!options.isLeader()) {
      clusterKnown = false;
      return;
    }
    if (running !== undefined || options.ready?.() === false) return;
    if (!clusterKnown || state.hasDirty() || pending.size > 0) void schedule(false);
  }

  return {
    record(resourceKey, policy, entries) {
      state.record(resourceKey, policy, entries);
    },
    recordUnlessOutdated(resourceKey, policy, entries, evaluatedMs) {
      if (state.isOutdated(resourceKey, policy, entries[0]?.resource, evaluatedMs)) return false;
      state.record(resourceKey, policy, entries);
      return true;
    },
    forgetResource(resource) {
      state.forgetResource(resource, now());
    },
    forgetPolicy(policy) {
      state.forgetPolicy(policy);
    },
    flush: () => schedule(true),
    stats() {
      let reports = 0;
      for (const s of slots.values()) if (s.digest !== undefined) reports++;
      return { ...state.stats(), reports, pending: pending.size };
    },
    start() {
      if (timer !== undefined) return;
      stopped = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      stopped = true;
      if (current !== undefined) current.aborted = true;
      await queued;
      await running;
    },
  };
}
