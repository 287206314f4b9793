/**
 * The composition root of `tollgate serve`: configuration in, a listening HTTPS admission server out.
 * Wires the policy store (directory, reloaded on change), the certificate source (files reloaded on change,
 * or a self-signed pair in memory), metrics, the fastify app and, with `--register`, the webhook configurations
 * kept in sync in the cluster; closing the app closes them all.
 */
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { EngineEnv } from '../../api/env.js';
import { EMPTY_SNAPSHOT } from '../../api/snapshot.js';
import { clusterPolicySource, createApiFetcher, createClusterCache, createServiceCaller, generateCacheKinds, loadKubeConfig, pruneFields, type ClusterCache } from '../../cluster/index.js';
import { backgroundCacheKinds, clusterBackground } from './background.js';
import { cacheKindsFor } from '../../policy/index.js';
import { registerCacheMetrics } from '../../server/cache-metrics.js';
import type { ClusterConfig, Config } from '../../config/index.js';
import { createPolicyStore, directorySource, type PolicySource } from '../../policy/store/index.js';
import { buildApp, followCertificates } from '../../server/index.js';
import { fileCertSource, fingerprintSha256, selfSignedMaterial, staticCertSource, type CertSource } from '../../tls/index.js';
import { UsageError } from '../io.js';
import { caBundleProblem, selfSignedNames, startServeRegistration, type ServeRegistration, type ServeRegistrationOptions } from './registration.js';

export interface StartOptions {
  env: EngineEnv;
  /** Log destination (default stdout). */
  logStream?: { write(line: string): void };
  /** Timing of the webhook registration loop (tests shorten it). */
  registration?: Pick<ServeRegistrationOptions, 'readyPollMs' | 'sync'>;
}

export interface RunningServer {
  app: FastifyInstance;
  /** The bound port (the configured one, or the system's choice for port 0). */
  port: number;
  /** SHA-256 fingerprint of the CA that signed the serving certificate, when known. */
  caFingerprint?: string;
  /** Stops accepting, lets requests in flight finish, then closes the policy and certificate sources. */
  close(): Promise<void>;
}

interface Certificates {
  source: CertSource;
  selfSigned: boolean;
}

async function certificates(config: Config, env: EngineEnv, onError: (err: Error) => void): Promise<Certificates> {
  const tls = config.tls;
  if (tls.source === 'self-signed') {
    // When registering, the API server verifies the certificate against the name it calls: cover it.
    const names = config.register ? selfSignedNames(config.webhook) : {};
    return { source: staticCertSource(selfSignedMaterial(new Date(env.now()), names)), selfSigned: true };
  }
  try {
    return { source: await fileCertSource({ certFile: tls.certFile, keyFile: tls.keyFile, ...(tls.caFile !== undefined ? { caFile: tls.caFile } : {}), onError }), selfSigned: false };
  } catch (err) {
    throw new UsageError(`cannot load the certificate${tls.caFile !== undefined ? ` (CA ${tls.caFile})` : ''}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** The cluster to talk to, when one is configured and present. */
function loadCluster(cluster: ClusterConfig): KubeConfig | undefined {
  if (cluster.source === 'none') return undefined;
  const loaded =
    cluster.source === 'kubeconfig'
      ? loadKubeConfig(cluster.path)
      : loadKubeConfig(undefined, { env: { KUBERNETES_SERVICE_HOST: process.env.KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT: process.env.KUBERNETES_SERVICE_PORT } });
  if (loaded.type === 'error') throw new UsageError(`cannot load the cluster configuration (${loaded.location}): ${loaded.reason}`);
  // In a Pod without a service account token there is no cluster to use; never fall back to a developer's files.
  if (loaded.type === 'none' || (cluster.source === 'in-cluster' && loaded.origin !== 'in-cluster')) return undefined;
  return loaded.kubeConfig;
}

/** The cluster's ClusterPolicy / Policy objects as a policy source. */
function clusterSource(kc: KubeConfig, logger: { current?: FastifyBaseLogger }): PolicySource {
  return clusterPolicySource(kc, {
    onProblem: (problem) => {
      const error = problem.error instanceof Error ? problem.error.message : String(problem.error);
      logger.current?.warn({ problem: problem.type, kind: problem.kind, error }, 'cluster policy source problem; retrying');
    },
  });
}

async function requireDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`--policies: ${dir} is not a directory`);
}

/** Largest API answer fetched for a lookup the cache cannot answer. */
const FETCH_LIMIT_BYTES = 4 * 1024 * 1024;

export async function startServer(config: Config, options: StartOptions): Promise<RunningServer> {
  await requireDirectory(config.policiesDir);
  // The app's logger exists only once the app does; sources report through it from then on.
  const logger: { current?: FastifyBaseLogger } = {};
  // Resolved before anything holds a file watcher, so that a bad kubeconfig leaves nothing open.
  const kubeConfig = loadCluster(config.cluster);
  if (config.register && kubeConfig === undefined) throw new UsageError('--register: no cluster to register with (in a Pod, the service account token is missing)');
  const certs = await certificates(config, options.env, (err) => logger.current?.error({ err: err.message }, 'certificate reload failed; serving the previous certificate'));
  const caProblem = config.register ? caBundleProblem(certs.source.current()) : undefined;
  if (caProblem !== undefined) {
    await certs.source.close();
    throw new UsageError(`--register: ${caProblem}`);
  }
  const cluster = kubeConfig ? clusterSource(kubeConfig, logger) : undefined;
  const cache: ClusterCache | undefined = kubeConfig
    ? createClusterCache({
        kubeConfig,
        ...(config.cacheDropFields.length > 0 ? { prune: pruneFields(config.cacheDropFields) } : {}),
        onProblem: ({ ref, error, retryInMs }) =>
          logger.current?.warn({ kind: `${ref.resource}${ref.group ? `.${ref.group}` : ''}`, error: error instanceof Error ? error.message : String(error), retryInMs }, 'cluster cache watch failed; retrying'),
      })
    : undefined;
  const directory = directorySource(config.policiesDir, {
    onError: (errors) => {
      for (const e of errors) logger.current?.error({ file: e.file, policy: e.policy }, `policy not loaded: ${e.message}`);
    },
  });
  // The directory comes first: a cluster object cannot replace a policy shipped with the deployment.
  const store = createPolicyStore(cluster ? [directory, cluster] : [directory], { onListenerError: (err) => logger.current?.error({ err }, 'policy change listener failed') });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tollgate_' });
  const background = kubeConfig && cache
    ? clusterBackground({ kubeConfig, cache, store, env: options.env, namespace: config.webhook.namespace, scanIntervalMs: config.backgroundScanIntervalMs, log: () => logger.current })
    : undefined;

  const app = buildApp({
    policies: store,
    // With a cluster, lookups come from the replicated cache; what it does not hold is fetched from the API server.
    snapshot: cache?.snapshot ?? EMPTY_SNAPSHOT,
    ...(cache ? { readiness: [{ name: 'cluster-cache', ready: () => cache.ready() }] } : {}),
    ...(background ? { recorder: background.recorder } : {}),
    services: createServiceCaller({ timeoutMs: Math.min(2000, Math.floor(config.timeoutMs / 4)), maxBytes: FETCH_LIMIT_BYTES }),
    ...(kubeConfig ? { fetcher: createApiFetcher(kubeConfig, { timeoutMs: Math.min(2000, Math.floor(config.timeoutMs / 4)), maxBytes: FETCH_LIMIT_BYTES }) } : {}),
    env: options.env,
    log: { level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    metrics: registry,
    deadlineMs: config.timeoutMs,
    bodyLimitBytes: config.bodyLimitBytes,
    tls: certs.source.current(),
  });
  const log = app.log;
  logger.current = log;
  const unfollow = followCertificates(app, certs.source);
  let unsubscribe = (): void => undefined;
  let unfollowKinds = (): void => undefined;
  let registration: ServeRegistration | undefined;
  app.addHook('onClose', async () => {
    unfollow();
    unsubscribe();
    unfollowKinds();
    // Before the sources: a sync in flight still reads the store and the CA.
    await registration?.close();
    await background?.stop();
    await store.close();
    await cache?.stop();
    await certs.source.close();
  });

  try {
    await store.start();
    const set = store.current();
    if (cache) {
      // The kinds the policies read, kept in step with the policies; Namespaces are always cached.
      const follow = (policies: typeof set.policies): void =>
        cache.setKinds([...cacheKindsFor(policies, config.cacheKinds).kinds, ...generateCacheKinds(policies), ...backgroundCacheKinds(policies)]);
      follow(set.policies);
      unfollowKinds = store.subscribe((next) => follow(next.policies));
      registerCacheMetrics(registry, () => cache.status());
      // Not awaited: informers retry on their own, and /readyz stays false until they have synced.
      cache.start().catch((err: unknown) => log.warn({ error: err instanceof Error ? err.message : String(err) }, 'cluster cache failed to start; retrying'));
      background?.start();
    }
    log.info({ dir: config.policiesDir, policies: set.policies.length, errors: set.errors.length }, 'policies loaded');
    unsubscribe = store.subscribe((next) => log.info({ policies: next.policies.length, errors: next.errors.length, generation: next.generation }, 'policies reloaded'));
    if (cluster) log.info({ cluster: config.cluster.source }, 'watching ClusterPolicy and Policy objects in the cluster');
    const material = certs.source.current();
    const caFingerprint = material.ca ? fingerprintSha256(material.ca) : undefined;
    if (certs.selfSigned) {
      const registered = config.register ? selfSignedNames(config.webhook) : { hosts: [], ips: [] };
      const names = ['localhost', '127.0.0.1', '::1', ...registered.hosts, ...registered.ips];
      log.info({ caFingerprint, names }, 'no certificate given: serving a self-signed certificate generated in memory');
    }
    await app.listen({ host: config.host, port: config.port });
    const port = (app.server.address() as AddressInfo).port;
    // Only once listening: the API server starts calling as soon as the configurations exist.
    if (config.register && kubeConfig) {
      registration = startServeRegistration({ kubeConfig, store, certs: certs.source, target: config.webhook, log, ...(options.registration ?? {}) });
    }
    const running: RunningServer = { app, port, close: () => app.close() };
    if (caFingerprint !== undefined) running.caFingerprint = caFingerprint;
    return running;
  } catch (err) {
    await app.close();
    throw err;
  }
}
