/** A generate controller over a cluster cache, both on a fresh fake API server, with short timers. */
import { KubeConfig } from '@kubernetes/client-node';
import type { AdmissionRequest, Operation } from '../../../src/api/admission.js';
import type { JsonObject } from '../../../src/api/json.js';
import type { KubeObject } from '../../../src/api/kube.js';
import type { LoadedPolicy } from '../../../src/api/policy.js';
import { createClusterCache, type ClusterCache } from '../../../src/cluster/cache/index.js';
import { type GenerateController, type GenerateProblem, type GenerateTiming, generateCacheKinds, generateController } from '../../../src/cluster/generate/index.js';
import { loadPolicyFiles, parsePolicies } from '../../../src/policy/index.js';
import { type FakeApiServer, NAMESPACES, startFakeApiServer } from '../../support/fake-apiserver/index.js';

export const NETWORK_POLICIES = { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' } as const;
export const RESOURCE_QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas' } as const;
export const SECRETS = { group: '', version: 'v1', resource: 'secrets' } as const;
export { CONFIGMAPS, NAMESPACES } from '../../support/fake-apiserver/index.js';

export async function shipped(...files: string[]): Promise<LoadedPolicy[]> {
  const { policies, errors } = await loadPolicyFiles(files.map((f) => `policies/${f}`));
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return policies;
}

export function inline(yaml: string): LoadedPolicy[] {
  const { policies, errors } = parsePolicies(yaml, 'inline.yaml');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
  return policies;
}

export interface World {
  server: FakeApiServer;
  kubeConfig: KubeConfig;
  /** The cluster cache of the current controller (a restart makes a new one). */
  cache: ClusterCache;
  controller: GenerateController;
  leader: { value: boolean };
  problems: GenerateProblem[];
  setPolicies(policies: LoadedPolicy[]): void;
  /** A new cache and controller over the same cluster (the old ones stopped), as after a crash. */
  restart(options?: { start?: boolean }): Promise<void>;
  /** Creates the object in the cluster, then tells the controller its admission was allowed. */
  admit(ref: { group: string; version: string; resource: string }, object: KubeObject, operation?: Operation): KubeObject;
  close(): Promise<void>;
}

export function request(object: KubeObject, resource: { group: string; version: string; resource: string }, operation: Operation = 'CREATE'): AdmissionRequest {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const { uid: _uid, ...metadata } = object.metadata;
  return {
    uid: `req-${object.metadata.name ?? ''}`,
    kind: { group, version, kind: object.kind },
    resource,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    ...(object.metadata.name ? { name: object.metadata.name } : {}),
    operation,
    userInfo: { username: 'alice' },
    // As admitted: a CREATE has no uid yet.
    object: operation === 'CREATE' ? { ...object, metadata } : object,
    ...(operation === 'UPDATE' ? { oldObject: object } : {}),
  };
}

export const ns = (name: string, labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });

export async function world(initial: LoadedPolicy[], options: { leader?: boolean; start?: boolean; timing?: Partial<GenerateTiming> } = {}): Promise<World> {
  const server = await startFakeApiServer({ bookmarkIntervalMs: 100 });
  server.addResource({ ...NETWORK_POLICIES, kind: 'NetworkPolicy', namespaced: true, statusSubresource: false, custom: false });
  server.addResource({ ...RESOURCE_QUOTAS, kind: 'ResourceQuota', namespaced: true, statusSubresource: true, custom: false });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(server.kubeconfigPath);
  let policies = initial;
  const listeners = new Set<() => void>();
  const leader = { value: options.leader ?? true };
  const problems: GenerateProblem[] = [];

  const build = async (start: boolean): Promise<{ cache: ClusterCache; controller: GenerateController }> => {
    const cache = createClusterCache({ kubeConfig, backoff: { initialMs: 20, maxMs: 80 } });
    cache.setKinds(generateCacheKinds(policies));
    const controller = generateController({
      kubeConfig,
      cache,
      policies: () => policies,
      subscribePolicies: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      isLeader: () => leader.value,
      env: { now: () => Date.now(), random: () => 0.5 },
      onProblem: (p) => problems.push(p),
      timing: { debounceMs: 5, retryInitialMs: 20, retryMaxMs: 100, leaderPollMs: 20, requestTimeoutMs: 2000, ...(options.timing ?? {}) },
    });
    if (start) {
      await cache.start();
      controller.start();
    }
    return { cache, controller };
  };

  const w: World = {
    server,
    kubeConfig,
    leader,
    problems,
    ...(await build(options.start ?? true)),
    setPolicies(next) {
      policies = next;
      w.cache.setKinds(generateCacheKinds(next));
      for (const l of [...listeners]) l();
    },
    async restart(opts = {}) {
      await w.controller.stop();
      await w.cache.stop();
      listeners.clear();
      Object.assign(w, await build(opts.start ?? true));
    },
    admit(ref, object, operation = 'CREATE') {
      const stored = server.put(ref, object as unknown as JsonObject) as unknown as KubeObject;
      w.controller.admitted(request(stored, ref, operation));
      return stored;
    },
    async close() {
      await w.controller.stop();
      await w.cache.stop();
      await server.close();
    },
  };
  return w;
}

export async function until(check: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A test object as the fake server's put() takes it. */
export const json = (object: unknown): JsonObject => object as JsonObject;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Successful creations (POST 201) under a collection path fragment. */
export function creations(server: FakeApiServer, fragment: string): number {
  return server.requests.filter((r) => r.method === 'POST' && r.path.includes(fragment) && r.status === 201).length;
}

export { NAMESPACES as NS };
