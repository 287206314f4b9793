/**
 * Brings one report object in the cluster to its desired state: create, replace (PUT with the resourceVersion
 * last seen; on 409 re-read and try once more), or delete. Every write waits for the rate limiter and checks
 * the guard (still the leader, not stopping) first.
 */
import { ApiError } from '../../cluster/rest.js';
import type { ReportKind, ReportObject } from '../types.js';
import { storedDigest } from './digest.js';
import type { RateLimiter } from './rate-limiter.js';
import type { ReportApi, StoredReport } from './report-api.js';

/** What the writer believes the cluster holds for one report. */
export interface Known {
  resourceVersion: string;
  /** The digest annotation of the stored object. */
  digest: string;
}

/** The object to write (its digest annotation set) and that digest. */
export interface Desired {
  body: ReportObject;
  digest: string;
}

export type SyncOutcome = { outcome: 'present'; known: Known } | { outcome: 'absent' } | { outcome: 'interrupted' };

export interface SyncContext {
  api: ReportApi;
  limiter: RateLimiter;
  /** False when writing must stop (leadership lost, writer stopping). */
  mayWrite(): boolean;
}

export const knownOf = (s: StoredReport): Known => ({ resourceVersion: s.resourceVersion, digest: storedDigest(s.object) });

async function gate(ctx: SyncContext): Promise<boolean> {
  if (!ctx.mayWrite()) return false;
  await ctx.limiter.acquire();
  return ctx.mayWrite();
}

async function create(ctx: SyncContext, desired: ReportObject, digest: string): Promise<SyncOutcome | StoredReport> {
  if (!(await gate(ctx))) return { outcome: 'interrupted' };
  const r = await ctx.api.create(desired);
  if (r !== 'exists') return { outcome: 'present', known: { resourceVersion: r.resourceVersion, digest } };
  // Someone (a former leader) created it meanwhile: read it and replace it.
  const current = await ctx.api.get(desired.kind, desired.metadata.namespace, desired.metadata.name);
  if (current === undefined) throw new ApiError(409, `create ${desired.kind} ${desired.metadata.name}: exists, then gone`);
  return current;
}

/** The identity of one report object (the writer's id is `reportKey` of it). */
export interface ReportTarget {
  kind: ReportKind;
  namespace?: string;
  name: string;
}

export async function syncOne(ctx: SyncContext, target: ReportTarget, want: Desired | undefined, known: Known | undefined): Promise<SyncOutcome> {
  if (want === undefined) {
    if (known === undefined) return { outcome: 'absent' };
    if (!(await gate(ctx))) return { outcome: 'interrupted' };
    // Our reports carry no finalizers: a DELETE removes them at once, and 404 means already gone.
    await ctx.api.remove(target.kind, target.namespace, target.name);
    return { outcome: 'absent' };
  }
  const { body: desired, digest: fp } = want;
  if (known !== undefined && known.digest === fp) return { outcome: 'present', known };
  let current = known;
  if (current === undefined) {
    const r = await create(ctx, desired, fp);
    if ('outcome' in r) return r;
    current = knownOf(r);
    if (current.digest === fp) return { outcome: 'present', known: current };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!(await gate(ctx))) return { outcome: 'interrupted' };
    const r = await ctx.api.replace(desired, current.resourceVersion);
    if (r === 'gone') {
      const c = await create(ctx, desired, fp);
      if ('outcome' in c) return c;
      current = knownOf(c);
    } else if (r === 'conflict') {
      const read = await ctx.api.get(desired.kind, desired.metadata.namespace, desired.metadata.name);
      if (read === undefined) {
        const c = await create(ctx, desired, fp);
        if ('outcome' in c) return c;
        current = knownOf(c);
      } else current = knownOf(read);
    } else return { outcome: 'present', known: { resourceVersion: r.resourceVersion, digest: fp } };
    if (current.digest === fp) return { outcome: 'present', known: current };
  }
  throw new ApiError(409, `replace ${desired.kind} ${desired.metadata.name}: the object kept changing`);
}
