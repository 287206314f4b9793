/**
 * The Lease as a lock: get, create, and update with the resourceVersion last seen as a precondition, so that
 * of two candidates writing the same version exactly one wins (the other gets 409 and must re-read).
 * Every call can be aborted: a renewal hanging past the renew deadline must not hold the loop.
 */
import { CoordinationV1Api, type KubeConfig, Observable, type RequestContext, type ResponseContext, type V1Lease, type V1LeaseSpec } from '@kubernetes/client-node';
import { type LeaseRecord, readLeaseRecord, recordKey } from './lease-record.js';

export interface ObservedLease {
  record: LeaseRecord;
  /** Content identity of the record (see recordKey). */
  key: string;
}

export type LockResult =
  | { type: 'ok'; lease: ObservedLease }
  | { type: 'not-found' }
  /** Someone else wrote first: a stale resourceVersion on update, or the Lease already exists on create. */
  | { type: 'conflict'; error: unknown }
  | { type: 'error'; error: unknown };

export interface LeaseLock {
  get(signal: AbortSignal): Promise<LockResult>;
  create(spec: V1LeaseSpec, signal: AbortSignal): Promise<LockResult>;
  /** Replaces the spec of the Lease last read or written; 'error' when none has been seen yet. */
  update(spec: V1LeaseSpec, signal: AbortSignal): Promise<LockResult>;
  /** The last Lease read or written (its resourceVersion is the precondition of the next update). */
  cached(): ObservedLease | undefined;
}

export function statusCode(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number' ? err.code : undefined;
}

/** Request options that attach an abort signal to the HTTP request (client-node has no per-call timeout). */
function abortable(signal: AbortSignal): { middleware: { pre(ctx: RequestContext): Observable<RequestContext>; post(ctx: ResponseContext): Observable<ResponseContext> }[]; middlewareMergeStrategy: 'append' } {
  return {
    middleware: [
      {
        pre(ctx) {
          ctx.setSignal(signal);
          return new Observable(Promise.resolve(ctx));
        },
        post: (ctx) => new Observable(Promise.resolve(ctx)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

export function leaseLock(kc: KubeConfig, namespace: string, name: string): LeaseLock {
  const api = kc.makeApiClient(CoordinationV1Api);
  let latest: V1Lease | undefined;

  const observe = (lease: V1Lease): LockResult => {
    latest = lease;
    return { type: 'ok', lease: { record: readLeaseRecord(lease.spec), key: recordKey(lease.spec) } };
  };
  const failure = (error: unknown, conflictStatus: number): LockResult => {
    const code = statusCode(error);
    if (code === conflictStatus) return { type: 'conflict', error };
    return { type: 'error', error };
  };

  return {
    async get(signal) {
      try {
        return observe(await api.readNamespacedLease({ name, namespace }, abortable(signal)));
      } catch (error) {
        if (statusCode(error) === 404) {
          latest = undefined;
          return { type: 'not-found' };
        }
        return { type: 'error', error };
      }
    },
    async create(spec, signal) {
      const body: V1Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace }, spec };
      try {
        return observe(await api.createNamespacedLease({ namespace, body }, abortable(signal)));
      } catch (error) {
        return failure(error, 409);
      }
    },
    async update(spec, signal) {
      const base = latest;
      if (base?.metadata?.resourceVersion === undefined) return { type: 'error', error: new Error(`lease ${namespace}/${name}: update before any read`) };
      const body: V1Lease = { ...base, metadata: { ...base.metadata, name, namespace }, spec };
      try {
        return observe(await api.replaceNamespacedLease({ name, namespace, body }, abortable(signal)));
      } catch (error) {
        // A Lease deleted under us: the next attempt reads again and recreates it.
        if (statusCode(error) === 404) latest = undefined;
        return failure(error, 409);
      }
    },
    cached: () => (latest === undefined ? undefined : { record: readLeaseRecord(latest.spec), key: recordKey(latest.spec) }),
  };
}
