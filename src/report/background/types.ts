/** Public shapes of the background scanner. */
import type { EngineEnv } from '../../api/env.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ClusterCache } from '../../cluster/cache/index.js';
import type { ReportWriter } from '../writer/index.js';

/**
 * Where scan results go: the report writer. `record` replaces what a (resource, policy) pair had; a resource is
 * keyed by the writer's resourceKeyOf. `forgetPolicy`, when given, is called for policies that disappear.
 */
export type BackgroundSink = Pick<ReportWriter, 'record' | 'forgetResource'> & Partial<Pick<ReportWriter, 'forgetPolicy'>>;

export interface BackgroundScannerOptions {
  cache: Pick<ClusterCache, 'list' | 'onChange' | 'snapshot'>;
  policies: () => readonly LoadedPolicy[];
  subscribePolicies: (listener: () => void) => () => void;
  sink: BackgroundSink;
  /** Scans run on the leader only (followers keep their caches warm for a takeover). */
  isLeader: () => boolean;
  /** Optional: a new leader runs a full scan at once instead of waiting for the next period. */
  subscribeLeader?: (listener: (leader: boolean) => void) => () => void;
  /** Clock for report timestamps, and the engine's environment. */
  env: EngineEnv;
  /** Full scan period (--background-scan-interval); default 1 h. */
  intervalMs?: number;
  /** Quiet time after a resource's last change before it is scanned; default 1 s. */
  debounceMs?: number;
  /** Longest stretch of work before yielding to the event loop; default 5 ms. */
  sliceMs?: number;
  /** Scan jobs running at once; default 1. */
  concurrency?: number;
  /** Reports a failure inside a scan job (the sink threw, a listener failed); the scanner carries on. */
  onProblem?: (error: unknown) => void;
}

export type ScanTrigger = 'full' | 'policy' | 'resource';

export interface ScanSummary {
  trigger: ScanTrigger;
  /** False when the scan stopped early: `stopped` (scanner stopped) or `not-leader` (leadership lost or absent). */
  completed: boolean;
  reason?: 'stopped' | 'not-leader';
  /** Background policies in the scan (after dropping admission-only rules). */
  policies: number;
  /** Objects evaluated. */
  resources: number;
  /** Report entries recorded (rule results). */
  entries: number;
  durationMs: number;
  /** Times the scan gave the event loop a turn. */
  yields: number;
}

export interface BackgroundScanner {
  /** Subscribes to policy and cache changes, runs a first full scan and then one every intervalMs. */
  start(): void;
  /** Unsubscribes, cancels timers and waits for running jobs to stop at their next checkpoint. */
  stop(): Promise<void>;
  /** A full scan now (queued behind running jobs; a full scan already waiting is shared). */
  scanAll(): Promise<ScanSummary>;
  /** Resolves once no scan runs or waits and no resource change is being debounced. */
  idle(): Promise<void>;
}
