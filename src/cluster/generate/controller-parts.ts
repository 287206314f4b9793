/** Pieces of the generate controller: default timing, merging queued trigger runs, kinds of requests and events. */
import type { AdmissionRequest } from '../../api/admission.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import type { CacheChange } from '../cache/index.js';
import type { ResolvedKind } from './discovery.js';
import { ApiError } from '../rest.js';
import type { TriggerMode, TriggerRun } from './trigger-sync.js';
import type { GenerateTiming } from './types.js';

export const DEFAULT_TIMING: GenerateTiming = {
  debounceMs: 200,
  retryInitialMs: 500,
  retryMaxMs: 30_000,
  leaderPollMs: 1_000,
  catchUpMs: 600_000,
  maxQueued: 10_000,
  requestTimeoutMs: 10_000,
};

/** An admitted trigger not stored yet is looked for this many times (it may have been refused after us). */
export const ADMISSION_LOOKUPS = 8;
/** Rule errors of an admission (a clone source not there yet) are retried this many times. */
export const ADMISSION_RULE_RETRIES = 5;

export const RANK: Record<TriggerMode, number> = { background: 1, full: 2, policy: 3, created: 4, admission: 5 };

export interface PendingTrigger {
  kind: ResolvedKind;
  namespace: string | undefined;
  name: string;
  run: TriggerRun;
  lookups: number;
  ruleRetries: number;
}

/** 4xx answers other than conflicts and throttling will not change by retrying. */
export const permanent = (error: unknown): boolean => error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 409 && error.status !== 429;

export function mergeRuns(a: TriggerRun, b: TriggerRun): TriggerRun {
  const mode = RANK[a.mode] >= RANK[b.mode] ? a.mode : b.mode;
  const request = b.request ?? a.request;
  const known = new Set([...(a.known ?? []), ...(b.known ?? [])]);
  return { mode, ...(request ? { request } : {}), ...(known.size > 0 ? { known } : {}) };
}

export function kindOfRequest(request: AdmissionRequest): ResolvedKind {
  const { group, version } = request.kind;
  return {
    ref: { group: request.resource.group, version: request.resource.version, resource: request.resource.resource },
    apiVersion: group ? `${group}/${version}` : version,
    kind: request.kind.kind,
    namespaced: Boolean(request.namespace),
  };
}

export function kindOfChange(change: CacheChange): ResolvedKind {
  return { ref: change.ref, apiVersion: change.object.apiVersion, kind: change.object.kind, namespaced: change.object.metadata.namespace !== undefined };
}

export const ruleJson = (lp: LoadedPolicy, rule: Rule): string =>
  JSON.stringify([rule, lp.policy.spec.generateExisting, lp.policy.metadata.creationTimestamp, lp.policy.metadata.uid]);
