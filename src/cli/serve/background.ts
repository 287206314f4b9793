/**
 * The cluster's background work for `serve`: a Lease elects one leader among the replicas, and only the leader
 * writes generated objects (generate, synchronize, reconcile after restart). Every replica answers admission
 * and hands allowed requests to the generate controller, which queues them (a follower's queue runs only if it
 * becomes leader; the leader also generates for triggers it sees appear in its cache).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyBaseLogger } from 'fastify';
import type { EngineEnv } from '../../api/env.js';
import { DEFAULT_LEASE_NAME, generateController, leaderElection, type ClusterCache, type GenerateController, type LeaderElection } from '../../cluster/index.js';
import type { ManagedPolicyStore } from '../../policy/store/index.js';
import type { DecisionRecorder } from '../../server/index.js';

export interface ClusterBackground {
  readonly leader: LeaderElection;
  readonly generate: GenerateController;
  /** Hands allowed /validate requests (never dry runs: the route does not record them) to generate. */
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
  log: () => FastifyBaseLogger | undefined;
}

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
  return {
    leader,
    generate,
    recorder: {
      record(decision) {
        if (decision.route === 'validate' && decision.response.allowed) generate.admitted(decision.request);
      },
    },
    start() {
      leader.start();
      generate.start();
    },
    async stop() {
      await generate.stop();
      await leader.stop();
    },
  };
}
