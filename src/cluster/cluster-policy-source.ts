/**
 * ClusterPolicy and Policy objects of the cluster (all namespaces) as a PolicySource, watched live.
 * Each object goes through the file path (schema, normalisation, autogen); one that fails is left out and
 * its `Ready` condition says why. Ready once both kinds have been listed.
 */
import { CustomObjectsApi, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import { isRecord } from '../api/json.js';
import type { LoadedPolicy } from '../api/policy.js';
import type { PolicySource } from '../policy/store/types.js';
import type { PolicyLoadError } from '../policy/types.js';
import { type ClusterPolicyKind, convertPolicyObject, fingerprint, policyContent } from './policy-object.js';
import { type StatusWriter, conditionUpToDate, desiredCondition, statusPatch, statusWriter } from './policy-status.js';
import { type BackoffOptions, type ResilientInformer, resilientInformer } from './resilient-informer.js';

export type ClusterSourceProblem =
  | { type: 'watch'; kind: ClusterPolicyKind; error: unknown; retryInMs: number }
  | { type: 'status'; kind: ClusterPolicyKind; name: string; namespace?: string; error: unknown };

export interface ClusterPolicySourceOptions {
  /** Keep each policy's Ready condition up to date (needs `patch` on the status subresources). Default true. */
  writeStatus?: boolean;
  backoff?: BackoffOptions;
  watchTimeoutSeconds?: number;
  staleAfterMs?: number;
  /** Connection and status-write problems; the source keeps retrying and serving its last good set. */
  onProblem?: (problem: ClusterSourceProblem) => void;
  /** Clock for condition timestamps. */
  now?: () => Date;
  /** Replaces the status writer (e.g. a dry-run server that must not write). */
  writer?: StatusWriter;
}

interface Entry {
  fingerprint: string;
  policies: readonly LoadedPolicy[];
  errors: readonly PolicyLoadError[];
}

const KINDS: readonly { kind: ClusterPolicyKind; plural: string }[] = [
  { kind: 'ClusterPolicy', plural: 'clusterpolicies' },
  { kind: 'Policy', plural: 'policies' },
];

function asList(value: unknown): KubernetesListObject<KubernetesObject> {
  if (!isRecord(value) || !Array.isArray(value.items)) throw new Error('the API server answered a list without items');
  return value as unknown as KubernetesListObject<KubernetesObject>;
}

function entryKey(kind: ClusterPolicyKind, obj: KubernetesObject): string {
  return `${kind}/${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
}

export function clusterPolicySource(kc: KubeConfig, options: ClusterPolicySourceOptions = {}): PolicySource {
  const api = kc.makeApiClient(CustomObjectsApi);
  const writeStatus = options.writeStatus ?? true;
  const write = options.writer ?? statusWriter(kc);
  const now = options.now ?? (() => new Date());
  const report = (p: ClusterSourceProblem): void => {
    try {
      options.onProblem?.(p);
    } catch {
      // A failing reporter must not break the informer callbacks.
    }
  };
  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let snapshot: { policies: readonly LoadedPolicy[]; errors: readonly PolicyLoadError[] } = { policies: [], errors: [] };
  let emitScheduled = false;
  let closed = false;
  /** Status writes run one at a time, in event order. */
  let statusQueue: Promise<void> = Promise.resolve();

  // Many events arrive together (a list of 500 policies): one snapshot and one notification per batch.
  function scheduleEmit(): void {
    if (emitScheduled || closed) return;
    emitScheduled = true;
    setImmediate(() => {
      emitScheduled = false;
      if (closed) return;
      const sorted = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
      snapshot = { policies: sorted.flatMap((e) => e.policies), errors: sorted.flatMap((e) => e.errors) };
      for (const l of [...listeners]) {
        try {
          l();
        } catch {
          // Listener errors are the listener's to report.
        }
      }
    });
  }

  function queueStatus(kind: ClusterPolicyKind, obj: KubernetesObject, errors: readonly PolicyLoadError[]): void {
    if (!writeStatus) return;
    const want = desiredCondition(errors, obj.metadata?.generation, now());
    if (conditionUpToDate(obj, want)) return;
    const patch = statusPatch(obj, want);
    statusQueue = statusQueue.then(async () => {
      if (closed) return;
      try {
        await write(kind, obj, patch);
      } catch (error) {
        // Deleted since the event: nothing left to describe.
        if (isRecord(error) && error.code === 404) return;
        report({ type: 'status', kind, name: obj.metadata?.name ?? '', ...(obj.metadata?.namespace ? { namespace: obj.metadata.namespace } : {}), error });
      }
    });
  }

  function upsert(kind: ClusterPolicyKind, obj: KubernetesObject): void {
    const key = entryKey(kind, obj);
    const fp = fingerprint(policyContent(kind, obj));
    const existing = entries.get(key);
    if (existing === undefined || existing.fingerprint !== fp) {
      const result = convertPolicyObject(kind, obj);
      entries.set(key, { fingerprint: fp, policies: result.policies, errors: result.errors });
      scheduleEmit();
    }
    // Checked on every event, so a condition someone else overwrote is put back.
    queueStatus(kind, obj, entries.get(key)?.errors ?? []);
  }

  function remove(kind: ClusterPolicyKind, obj: KubernetesObject): void {
    if (entries.delete(entryKey(kind, obj))) scheduleEmit();
  }

  const informers: ResilientInformer<KubernetesObject>[] = KINDS.map(({ kind, plural }) =>
    resilientInformer<KubernetesObject>({
      kubeConfig: kc,
      path: `/apis/kyverno.io/v1/${plural}`,
      list: async () =>
        asList(
          kind === 'ClusterPolicy'
            ? await api.listClusterCustomObject({ group: 'kyverno.io', version: 'v1', plural })
            : await api.listCustomObjectForAllNamespaces({ group: 'kyverno.io', version: 'v1', plural }),
        ),
      onAdd: (o) => upsert(kind, o),
      onUpdate: (o) => upsert(kind, o),
      onDelete: (o) => remove(kind, o),
      onError: (error, retryInMs) => report({ type: 'watch', kind, error, retryInMs }),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.watchTimeoutSeconds !== undefined ? { watchTimeoutSeconds: options.watchTimeoutSeconds } : {}),
      ...(options.staleAfterMs !== undefined ? { staleAfterMs: options.staleAfterMs } : {}),
    }),
  );

  return {
    name: `cluster:${kc.getCurrentCluster()?.server ?? ''}`,
    async start() {
      await Promise.all(informers.map((i) => i.start()));
      // The initial list's events are batched: let that batch land before reporting started.
      await new Promise((resolve) => setImmediate(resolve));
    },
    current: () => snapshot,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: () => informers.every((i) => i.synced()),
    async close() {
      closed = true;
      await Promise.all(informers.map((i) => i.stop()));
      await statusQueue;
    },
  };
}
