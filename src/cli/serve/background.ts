/**
 * The cluster's background work for `serve`: a Lease elects one leader among the replicas, and only the leader
 * writes: generated objects (generate, synchronize, reconcile after restart) and policy reports (admission
 * results and background scans of the cached objects). Every replica answers admission and hands allowed
 * requests to the generate controller and the report writer; a follower hands its admission results to the
 * leader (ConfigMap hand-off) and keeps generate requests for the leader's reconcile.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyBaseLogger } from 'fastify';
import type { EngineEnv } from '../../api/env.js';
import { DEFAULT_LEASE_NAME, generateController, leaderElection, type ClusterCache, type GenerateController, type LeaderElection } from '../../cluster/index.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ManagedPolicyStore } from '../../policy/store/index.js';
import { backgroundScanner, scanKinds, type BackgroundScanner } from '../../report/background/index.js';
import { clusterReports, type ClusterReports } from '../../report/writer/index.js';
import type { DecisionRecorder } from '../../server/index.js';

export interface ClusterBackground {
  readonly leader: LeaderElection;
  readonly generate: GenerateController;
  readonly reports: ClusterReports;
  readonly scanner: BackgroundScanner;
  /** Hands allowed /validate requests (never dry runs: the route does not record them) to generate and reports. */
  readonly recorder: DecisionRecorder;
  start(): void;
  stop(): Promise<void>;
}

export interface ClusterBackgroundOptions {
  kubeConfig: KubeConfig;
  cache: ClusterCache;
  store: ManagedPolicyStore;
  env: EngineEnv;
  /** Tollgate's namespace, where the Lease lives. */
  namespace: string;
  /** Period of the full background scan. */
  scanIntervalMs: number;
  log: () => FastifyBaseLogger | undefined;
}

/** A replica identity as part of an object name: lowercase alphanumerics and dashes, at most 40 characters. */
export const dnsLabelOf = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '') || 'replica';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function clusterBackground(options: ClusterBackgroundOptions): ClusterBackground {
  const { kubeConfig, cache, store, env } = options;
  // The Pod's name identifies the replica in the Lease; the suffix tells a restarted container apart.
  const identity = `${process.env.POD_NAME ?? hostname()}-${randomUUID().slice(0, 8)}`;
  const leader = leaderElection({
    kubeConfig,
    namespace: options.namespace,
    name: DEFAULT_LEASE_NAME,
    identity,
    onProblem: (err) => options.log()?.warn({ error: message(err) }, 'leader election problem'),
  });
  leader.onChange((isLeader) => options.log()?.info({ identity, leader: isLeader }, isLeader ? 'became the leader: background work runs here' : 'not the leader'));
  const generate = generateController({
    kubeConfig,
    cache,
    policies: () => store.current().policies,
    subscribePolicies: (listener) => store.subscribe(() => listener()),
    policiesReady: () => store.ready(),
    isLeader: () => leader.isLeader(),
    env,
    onProblem: (p) => options.log()?.warn({ action: p.action, object: p.object, error: message(p.error) }, 'generate problem'),
  });
  // A new leader cleans the cluster's reports against what it holds: only once it has scanned everything.
  let fullScanDone = false;
  const reports = clusterReports({
    kubeConfig,
    cache,
    policies: store,
    isLeader: () => leader.isLeader(),
    ready: () => fullScanDone && store.ready() && cache.ready(),
    now: () => env.now(),
    log: (fields, msg) => options.log()?.info(fields, msg),
    // A follower's admission results reach the leader's reports through ConfigMaps in Tollgate's namespace.
    handoff: { namespace: options.namespace, identity: dnsLabelOf(identity) },
    onProblem: (p) => options.log()?.warn({ action: p.action, report: p.report, error: message(p.error) }, 'policy report problem'),
  });
  const scanner = backgroundScanner({
    cache,
    policies: () => store.current().policies,
    subscribePolicies: (listener) => store.subscribe(() => listener()),
    sink: reports.writer,
    isLeader: () => leader.isLeader(),
    env,
    intervalMs: options.scanIntervalMs,
    onProblem: (err) => options.log()?.warn({ error: message(err) }, 'background scan problem'),
  });
  const fullScan = (): void => {
    scanner.scanAll().then(
      (summary) => {
        if (summary.completed) fullScanDone = true;
        options.log()?.info({ resources: summary.resources, results: summary.entries, ms: Math.round(summary.durationMs), completed: summary.completed }, 'background scan');
      },
      (err: unknown) => options.log()?.warn({ error: message(err) }, 'background scan failed'),
    );
  };
  leader.onChange((isLeader) => {
    if (isLeader) fullScan();
    else fullScanDone = false;
  });
  return {
    leader,
    generate,
    reports,
    scanner,
    recorder: {
      record(decision) {
        if (decision.route === 'validate' && decision.response.allowed) generate.admitted(decision.request);
        reports.recorder.record(decision);
      },
    },
    start() {
      leader.start();
      generate.start();
      reports.start();
      scanner.start();
    },
    async stop() {
      // Scans first, then the reports' last flush while this replica may still lead, then the Lease.
      await scanner.stop();
      await reports.stop();
      await generate.stop();
      await leader.stop();
    },
  };
}

/** The kinds background work needs cached: the kinds the background policies match. */
export function backgroundCacheKinds(policies: readonly LoadedPolicy[]): ReturnType<typeof scanKinds> {
  return scanKinds(policies);
}
