/** Public shapes of the policy-report writer. */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ReportEntry, ReportResourceRef } from '../../api/report.js';

export interface ReportProblem {
  /** What failed: 'list', 'create', 'update', 'delete', 'get'. */
  action: string;
  /** `Kind/namespace/name` of the report concerned (see reportKey). */
  report?: string;
  error: unknown;
}

export interface ReportWriterOptions {
  kubeConfig: KubeConfig;
  /** Only the leader writes; followers keep their desired state but do not write. */
  isLeader: () => boolean;
  /**
   * Nothing is written (nor cleaned) before this is true: an empty desired state just after a start would
   * otherwise delete every report as stale. Pass e.g. policies loaded + cache synced + first scan done.
   */
  ready?: () => boolean;
  /** Batch window: changes are written at most this often (default 2000 ms). */
  flushIntervalMs?: number;
  /** At most this many writes (POST, PUT, DELETE) in any one-second window (default 20). */
  maxWritesPerSecond?: number;
  /** Largest report object in bytes before it is split (default: the aggregator's, about 900 KiB). */
  maxReportBytes?: number;
  /** Retry delay of a failed write: doubles per attempt from the first to the cap (default 1 s .. 60 s). */
  retry?: { initialMs: number; maxMs: number };
  /** Deadline of one API request (default 10 s). */
  requestTimeoutMs?: number;
  now?: () => number;
  onProblem?(p: ReportProblem): void;
}

export interface ReportWriterStats {
  /** (namespace, policy) groups held in memory. */
  groups: number;
  entries: number;
  /** Report objects the desired state renders to. */
  reports: number;
  /** Report objects whose cluster copy is not (known to be) up to date yet. */
  pending: number;
}

export interface ReportWriter {
  /** Replaces the entries of one (resource, policy) pair: the latest evaluation wins; [] removes them. */
  record(resourceKey: string, policy: string, entries: readonly ReportEntry[]): void;
  /**
   * A result another replica evaluated at `evaluatedMs` and handed over late: recorded unless this writer holds a
   * later result for the pair, or forgot the resource (deleted) after that time. Returns whether it was recorded.
   */
  recordUnlessOutdated(resourceKey: string, policy: string, entries: readonly ReportEntry[], evaluatedMs: number): boolean;
  /**
   * The resource is gone: all its entries go. Given the resource itself (rather than its key), the entries kept
   * under both of its keys go: the uid form and the apiVersion/kind/namespace/name form of admission CREATEs.
   */
  forgetResource(resource: string | ReportResourceRef): void;
  /** The policy is gone: all its entries go. */
  forgetPolicy(policy: string): void;
  /** Writes what changed now (tests, shutdown); a follower writes nothing. */
  flush(): Promise<void>;
  stats(): ReportWriterStats;
  start(): void;
  /**
   * Stops the timer, interrupts a flush between two writes and waits for it; what is still pending waits for the
   * next leader. Flushes after stop() write nothing until start() again: flush first for a last write.
   */
  stop(): Promise<void>;
}
