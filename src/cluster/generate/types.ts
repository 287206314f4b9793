/** Public shapes of the generate controller: the cluster side of Kyverno `generate` rules. */
import type { KubeConfig } from '@kubernetes/client-node';
import type { AdmissionRequest } from '../../api/admission.js';
import type { EngineEnv } from '../../api/env.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ClusterCache } from '../cache/index.js';

export interface GenerateProblem {
  /** What was being done: `admitted`, `apply`, `delete`, `reconcile`, `trigger-deleted`, `policy-removed`, ... */
  action: string;
  /** `Kind namespace/name` of the object concerned, when there is one. */
  object?: string;
  error: unknown;
}

export interface GenerateControllerOptions {
  kubeConfig: KubeConfig;
  /** Reads triggers, generated objects and clone sources; the kinds come from `generateCacheKinds` (set by the caller). */
  cache: ClusterCache;
  /** The current policies. */
  policies: () => readonly LoadedPolicy[];
  /** Called back on every change of the policies (e.g. `(l) => store.subscribe(() => l())`); without it, changes are seen at the next reconcile only. */
  subscribePolicies?: (listener: () => void) => () => void;
  /** False while the policies are not loaded yet: objects of unknown policies are then never cleaned up (default: always true). */
  policiesReady?: () => boolean;
  /** Background work (and every write) only happens while this is true. */
  isLeader: () => boolean;
  env: EngineEnv;
  onProblem?(problem: GenerateProblem): void;
  /** Tuning (tests use short ones). */
  timing?: Partial<GenerateTiming>;
}

export interface GenerateTiming {
  /** Delay before a queued task runs, so bursts of events about one trigger collapse into one run (default 200). */
  debounceMs: number;
  /** Retry backoff of failed tasks (default 500 .. 30,000). */
  retryInitialMs: number;
  retryMaxMs: number;
  /** How often leadership is checked; becoming leader runs a full reconcile (default 1,000). */
  leaderPollMs: number;
  /**
   * A reconcile also creates the objects of non-synchronized rules for triggers created this recently (after the
   * policy): admissions another replica queued, or this one lost in a crash (default 600,000 = 10 min).
   */
  catchUpMs: number;
  /** Admitted requests a follower keeps at most (default 10,000). */
  maxQueued: number;
  /** Deadline of each API request (default 10,000). */
  requestTimeoutMs: number;
}

export interface ReconcileSummary {
  /** False when this replica was not the leader: nothing was done. */
  leader: boolean;
  triggers: number;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** Rules that failed for a trigger, and writes that failed (reported through onProblem). */
  errors: number;
}

export interface GenerateController {
  /** After an admission request was allowed (the caller skips dryRun): queue the trigger for generation. Returns at once. */
  admitted(request: AdmissionRequest): void;
  /** Full reconcile (leader only, after the cache and the policies are ready). Idempotent. */
  reconcile(): Promise<ReconcileSummary>;
  /** Watches the cache, the policies and leadership; queued work runs on the leader only. */
  start(): void;
  stop(): Promise<void>;
  /** Resolves when no work is waiting or running (on the leader); for tests and orderly shutdown. */
  idle(): Promise<void>;
}
