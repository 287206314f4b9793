/**
 * Leader election on a Lease, with client-go's semantics:
 * - a candidate acquires when the Lease is absent (create), unheld, or expired; expiry is judged by the local
 *   clock from the moment this candidate saw the record last change, never from the timestamps written in it,
 *   so clock offsets between replicas do not matter (only clock rates do);
 * - the leader renews every retry period, first optimistically on the version it wrote last, then by re-reading;
 * - every write carries the resourceVersion read, so of two racing candidates one gets 409 and loses;
 * - a leader whose renewals have not succeeded for the renew deadline (shorter than the lease duration) steps
 *   down, so it has stopped before anyone else can consider the lease expired.
 * Unlike client-go, a leader that reads another holder in the Lease steps down at once instead of at its deadline.
 */
import { type ObservedLease, leaseLock } from './lease-lock.js';
import { leaseSpec } from './lease-record.js';
import type { LeaderElection, LeaderElectionOptions } from './types.js';

export interface Elector extends LeaderElection {
  /** Stops every timer and request, without release or notification: what a killed process leaves behind (tests). */
  halt(): void;
}

/** Non-leaders wait between one and 1 + JITTER retry periods, so replicas started together spread their reads. */
const JITTER = 1.2;

interface Timing {
  leaseSeconds: number;
  renewMs: number;
  retryMs: number;
}

function timing(options: LeaderElectionOptions): Timing {
  const leaseSeconds = options.leaseDurationSeconds ?? 15;
  const renewSeconds = options.renewDeadlineSeconds ?? 10;
  const retrySeconds = options.retryPeriodSeconds ?? 2;
  if (!Number.isInteger(leaseSeconds) || leaseSeconds < 1) throw new RangeError(`leaseDurationSeconds must be a whole number of seconds >= 1, not ${leaseSeconds}`);
  if (!(renewSeconds > 0 && renewSeconds < leaseSeconds)) throw new RangeError(`renewDeadlineSeconds must be positive and below leaseDurationSeconds, not ${renewSeconds}`);
  if (!(retrySeconds > 0 && retrySeconds * JITTER < renewSeconds)) throw new RangeError(`retryPeriodSeconds must be positive and ${JITTER} times of it below renewDeadlineSeconds, not ${retrySeconds}`);
  return { leaseSeconds, renewMs: renewSeconds * 1000, retryMs: retrySeconds * 1000 };
}

export function leaderElector(options: LeaderElectionOptions): Elector {
  if (options.identity === '') throw new RangeError('identity must not be empty');
  const { leaseSeconds, renewMs, retryMs } = timing(options);
  const identity = options.identity;
  const now = options.now ?? Date.now;
  const lock = leaseLock(options.kubeConfig, options.namespace, options.name);
  const listeners = new Set<(leader: boolean) => void>();

  let running = false;
  let leader = false;
  /** Clock time at which the last successful write as leader was started: the renew deadline counts from it. */
  let renewedAt = 0;
  /** The record last seen and when (local clock) its content last changed. */
  let observed: { lease: ObservedLease; atMs: number } | undefined;
  let loopTimer: ReturnType<typeof setTimeout> | undefined;
  let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  let attempt: { controller: AbortController; done: Promise<void> } | undefined;

  const report = (err: unknown): void => {
    try {
      options.onProblem?.(err);
    } catch {
      // A failing reporter must not break the election loop.
    }
  };
  const notify = (value: boolean): void => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (err) {
        report(err);
      }
    }
  };

  /** A read: the expiry clock restarts only when the record's content changed since the last look. */
  const observeRead = (lease: ObservedLease): void => {
    if (observed?.lease.key === lease.key) observed.lease = lease;
    else observed = { lease, atMs: now() };
  };
  const observeWrite = (lease: ObservedLease): void => {
    observed = { lease, atMs: now() };
  };
  const leaseValid = (at: number): boolean => {
    if (observed === undefined) return false;
    const seconds = observed.lease.record.leaseDurationSeconds ?? leaseSeconds;
    return observed.atMs + seconds * 1000 > at;
  };

  function stepDown(): void {
    if (deadlineTimer !== undefined) clearTimeout(deadlineTimer);
    deadlineTimer = undefined;
    if (!leader) return;
    leader = false;
    notify(false);
  }

  function armDeadline(): void {
    if (deadlineTimer !== undefined) clearTimeout(deadlineTimer);
    const remaining = renewedAt + renewMs - now();
    deadlineTimer = setTimeout(
      () => {
        deadlineTimer = undefined;
        if (!leader) return;
        if (now() - renewedAt < renewMs) return armDeadline();
        // The renewal in flight (if any) is abandoned with the leadership: a late success must not count.
        attempt?.controller.abort(new Error('renew deadline exceeded'));
        report(new Error(`lease ${options.namespace}/${options.name}: not renewed for ${renewMs} ms, stepping down`));
        stepDown();
      },
      Math.max(1, remaining),
    );
    deadlineTimer.unref();
  }

  /** A write as holder succeeded; it counts only if it started within the renew deadline. */
  function wrote(lease: ObservedLease, startedAt: number, signal: AbortSignal): void {
    observeWrite(lease);
    if (signal.aborted || !running || now() - startedAt >= renewMs) return;
    renewedAt = startedAt;
    armDeadline();
    if (!leader) {
      leader = true;
      notify(true);
    }
  }

  const holderRecord = (startedAt: number, acquireTimeMs: number, leaseTransitions: number) =>
    leaseSpec({ holderIdentity: identity, leaseDurationSeconds: leaseSeconds, acquireTimeMs, renewTimeMs: startedAt, leaseTransitions });

  async function tryAcquireOrRenew(signal: AbortSignal): Promise<void> {
    const startedAt = now();
    // Requests cut short by stop() or halt() are no problem worth reporting.
    const problem = (err: unknown): void => {
      if (running) report(err);
    };
    // Fast path: the leader writes over the version it wrote last, without a read.
    if (leader && observed !== undefined && observed.lease.record.holderIdentity === identity && leaseValid(startedAt)) {
      const mine = observed.lease.record;
      const renewed = await lock.update(holderRecord(startedAt, mine.acquireTimeMs ?? startedAt, mine.leaseTransitions), signal);
      if (renewed.type === 'ok') return wrote(renewed.lease, startedAt, signal);
      if (renewed.type === 'error') problem(renewed.error);
      if (signal.aborted) return;
    }
    const read = await lock.get(signal);
    if (read.type === 'not-found') {
      const created = await lock.create(holderRecord(startedAt, startedAt, 0), signal);
      if (created.type === 'ok') wrote(created.lease, startedAt, signal);
      else if (created.type === 'error') problem(created.error);
      return;
    }
    if (read.type !== 'ok') {
      if (read.type === 'error') problem(read.error);
      return;
    }
    observeRead(read.lease);
    const current = read.lease.record;
    const mine = current.holderIdentity === identity;
    if (!mine) stepDown();
    if (current.holderIdentity !== '' && !mine && leaseValid(now())) return;
    const next = mine ? holderRecord(startedAt, current.acquireTimeMs ?? startedAt, current.leaseTransitions) : holderRecord(startedAt, startedAt, current.leaseTransitions + 1);
    const updated = await lock.update(next, signal);
    if (updated.type === 'ok') wrote(updated.lease, startedAt, signal);
    else if (updated.type === 'error') problem(updated.error);
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    if (loopTimer !== undefined) clearTimeout(loopTimer);
    loopTimer = setTimeout(runAttempt, delayMs);
    loopTimer.unref();
  }

  function runAttempt(): void {
    loopTimer = undefined;
    if (!running || attempt !== undefined) return;
    const controller = new AbortController();
    // No request may hang longer than a renew deadline; a leader's deadline timer may abort it sooner.
    const timeout = setTimeout(() => controller.abort(new Error('lease request timed out')), renewMs);
    const done = tryAcquireOrRenew(controller.signal)
      .catch((err: unknown) => {
        if (running) report(err);
      })
      .finally(() => {
        clearTimeout(timeout);
        attempt = undefined;
        schedule(leader ? retryMs : retryMs * (1 + Math.random() * JITTER));
      });
    attempt = { controller, done };
  }

  /** Empties holderIdentity (and shortens the duration to 1 s, as client-go does) if the Lease is still ours. */
  async function release(): Promise<void> {
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(new Error('lease release timed out')), renewMs);
    try {
      let current = lock.cached();
      for (let round = 0; round < 2; round++) {
        if (current === undefined || round > 0) {
          const read = await lock.get(controller.signal);
          if (read.type !== 'ok') {
            if (read.type === 'error') report(read.error);
            return;
          }
          current = read.lease;
        }
        if (current.record.holderIdentity !== identity) return;
        const at = now();
        const result = await lock.update(leaseSpec({ holderIdentity: '', leaseDurationSeconds: 1, acquireTimeMs: at, renewTimeMs: at, leaseTransitions: current.record.leaseTransitions }), controller.signal);
        if (result.type === 'ok') return observeWrite(result.lease);
        // A conflict means our cached version is stale: read again and release if it is still ours.
        if (result.type === 'error') return report(result.error);
      }
    } finally {
      clearTimeout(timeout);
    }
  }

  function halt(): void {
    running = false;
    if (loopTimer !== undefined) clearTimeout(loopTimer);
    if (deadlineTimer !== undefined) clearTimeout(deadlineTimer);
    loopTimer = deadlineTimer = undefined;
    attempt?.controller.abort(new Error('leader election halted'));
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      const wasRunning = running;
      const inFlight = attempt;
      halt();
      await inFlight?.done;
      const wasLeader = leader;
      // Listeners stop the leader's work before the release lets another replica start it.
      stepDown();
      if (wasRunning && (wasLeader || inFlight !== undefined || observed?.lease.record.holderIdentity === identity)) await release();
    },
    isLeader: () => leader && now() - renewedAt < renewMs,
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    halt,
  };
}
