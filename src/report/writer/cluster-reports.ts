/**
 * The report side of `serve`, ready for the lead to wire next to generate: one writer (leader-only writes),
 * the admission recorder feeding it, and the two "gone" signals: a policy that leaves the policy set drops its
 * entries, a cached object that is DELETED drops its entries (both of its keys). The background scanner records
 * into `writer` with `resourceKeyOf(ref)` of the cached object.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { ReportResourceRef } from '../../api/report.js';
import type { ClusterCache, KindRef } from '../../cluster/cache/index.js';
import type { PolicyStore } from '../../policy/store/index.js';
import type { DecisionRecorder } from '../../server/types.js';
import { auditRecorder, type AuditLog } from './audit-recorder.js';
import { admissionHandoff, handoffConsumer } from './handoff.js';
import type { ReportProblem, ReportWriter } from './types.js';
import { reportWriter } from './writer.js';

const apiVersionOf = (ref: KindRef): string => (ref.group === '' ? ref.version : `${ref.group}/${ref.version}`);

export interface ClusterReportsOptions {
  kubeConfig: KubeConfig;
  cache: Pick<ClusterCache, 'onChange'>;
  policies: Pick<PolicyStore, 'current' | 'subscribe'>;
  isLeader: () => boolean;
  /** See ReportWriterOptions.ready: hold writes until the desired state is complete enough to clean with. */
  ready?: () => boolean;
  now: () => number;
  flushIntervalMs?: number;
  maxWritesPerSecond?: number;
  /** How long stop() keeps writing what is pending before giving up (default 5 s). */
  shutdownFlushMs?: number;
  /** Denied admission requests (events-style lines). */
  log?: AuditLog;
  /**
   * Followers hand their admission records to the leader through ConfigMaps in this namespace (handoff.ts);
   * without it a follower's admission results stay in its own writer, which never writes.
   */
  handoff?: { namespace: string; identity: string };
  onProblem?(p: ReportProblem): void;
}

export interface ClusterReports {
  readonly writer: ReportWriter;
  /** Records allowed /validate decisions (never dry runs: the route does not hand them over). */
  readonly recorder: DecisionRecorder;
  start(): void;
  /** A last bounded flush (if leader), then stops. */
  stop(): Promise<void>;
}

export function clusterReports(options: ClusterReportsOptions): ClusterReports {
  const writer = reportWriter({
    kubeConfig: options.kubeConfig,
    isLeader: options.isLeader,
    now: options.now,
    ...(options.ready ? { ready: options.ready } : {}),
    ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}),
    ...(options.maxWritesPerSecond !== undefined ? { maxWritesPerSecond: options.maxWritesPerSecond } : {}),
    ...(options.onProblem ? { onProblem: (p: ReportProblem) => options.onProblem?.(p) } : {}),
  });
  const problem = (p: ReportProblem): void => options.onProblem?.(p);
  const handoff = options.handoff
    ? {
        out: admissionHandoff({ kubeConfig: options.kubeConfig, namespace: options.handoff.namespace, identity: options.handoff.identity, isLeader: options.isLeader, now: options.now, onProblem: problem, ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}) }),
        in: handoffConsumer({ kubeConfig: options.kubeConfig, namespace: options.handoff.namespace, writer, isLeader: options.isLeader, onProblem: problem, ...(options.flushIntervalMs !== undefined ? { intervalMs: options.flushIntervalMs } : {}) }),
      }
    : undefined;
  const sink: Pick<ReportWriter, 'record' | 'forgetResource'> =
    handoff === undefined
      ? writer
      : {
          record: (key, policy, entries) => (options.isLeader() ? writer.record(key, policy, entries) : handoff.out.record(key, policy, entries)),
          forgetResource: (resource) => writer.forgetResource(resource),
        };
  const recorder = auditRecorder(sink, () => options.policies.current().policies, options.now, options.log);
  const unsubscribe: (() => void)[] = [];
  let known = new Set<string>();

  return {
    writer,
    recorder,
    start() {
      if (unsubscribe.length > 0) return;
      known = new Set(options.policies.current().policies.map((p) => p.key));
      unsubscribe.push(
        options.policies.subscribe((set) => {
          const next = new Set(set.policies.map((p) => p.key));
          for (const key of known) if (!next.has(key)) writer.forgetPolicy(key);
          known = next;
        }),
        options.cache.onChange((change) => {
          if (change.type !== 'DELETED' || !change.object.metadata.name) return;
          const { name, namespace, uid } = change.object.metadata;
          const ref: ReportResourceRef = { apiVersion: apiVersionOf(change.ref), kind: change.object.kind, ...(namespace ? { namespace } : {}), name, ...(uid ? { uid } : {}) };
          writer.forgetResource(ref);
        }),
      );
      writer.start();
      handoff?.out.start();
      handoff?.in.start();
    },
    async stop() {
      for (const u of unsubscribe.splice(0)) u();
      await handoff?.in.stop();
      await handoff?.out.stop();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.shutdownFlushMs ?? 5000);
        timer.unref();
      });
      await Promise.race([writer.flush(), deadline]);
      clearTimeout(timer);
      await writer.stop();
    },
  };
}
