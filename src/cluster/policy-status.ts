/**
 * The `Ready` condition Tollgate keeps on each ClusterPolicy / Policy (as Kyverno does): True when the
 * policy loaded, False with the load errors as message. Written through the status subresource with a merge
 * patch, and only when it differs from what the object already shows.
 */
import { CustomObjectsApi, type KubeConfig, type KubernetesObject, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { isRecord } from '../api/json.js';
import type { PolicyLoadError } from '../policy/types.js';
import type { ClusterPolicyKind } from './policy-object.js';

export interface ReadyCondition {
  type: 'Ready';
  status: 'True' | 'False';
  reason: 'Succeeded' | 'Failed';
  message: string;
  observedGeneration?: number;
  lastTransitionTime: string;
}

const MAX_MESSAGE = 1024;

function describe(e: PolicyLoadError): string {
  return e.path ? `${e.path}: ${e.reason}` : e.reason;
}

export function desiredCondition(errors: readonly PolicyLoadError[], generation: number | undefined, now: Date): ReadyCondition {
  const ok = errors.length === 0;
  const text = ok ? 'Ready' : [...new Set(errors.map(describe))].join('; ');
  return {
    type: 'Ready',
    status: ok ? 'True' : 'False',
    reason: ok ? 'Succeeded' : 'Failed',
    message: text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
    lastTransitionTime: now.toISOString(),
  };
}

function conditionsOf(obj: KubernetesObject): unknown[] {
  const raw: unknown = obj;
  const status = isRecord(raw) ? raw.status : undefined;
  return isRecord(status) && Array.isArray(status.conditions) ? status.conditions : [];
}

/** The condition as the object shows it, when it says the same as `want` (transition time aside). */
export function conditionUpToDate(obj: KubernetesObject, want: ReadyCondition): boolean {
  const have = conditionsOf(obj).find((c) => isRecord(c) && c.type === 'Ready');
  return (
    isRecord(have) &&
    have.status === want.status &&
    have.reason === want.reason &&
    have.message === want.message &&
    have.observedGeneration === want.observedGeneration
  );
}

/** The patch body: other conditions kept, Ready replaced; `ready` mirrors it for older printer columns. */
export function statusPatch(obj: KubernetesObject, want: ReadyCondition): Record<string, unknown> {
  const others = conditionsOf(obj).filter((c) => !(isRecord(c) && c.type === 'Ready'));
  const have = conditionsOf(obj).find((c) => isRecord(c) && c.type === 'Ready');
  // The transition time moves only when the status flips.
  const since = isRecord(have) && have.status === want.status && typeof have.lastTransitionTime === 'string' ? have.lastTransitionTime : want.lastTransitionTime;
  return { status: { ready: want.status === 'True', conditions: [...others, { ...want, lastTransitionTime: since }] } };
}

export type StatusWriter = (kind: ClusterPolicyKind, obj: KubernetesObject, patch: Record<string, unknown>) => Promise<void>;

export function statusWriter(kc: KubeConfig): StatusWriter {
  const api = kc.makeApiClient(CustomObjectsApi);
  const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
  return async (kind, obj, body) => {
    const name = obj.metadata?.name ?? '';
    if (kind === 'ClusterPolicy') {
      await api.patchClusterCustomObjectStatus({ group: 'kyverno.io', version: 'v1', plural: 'clusterpolicies', name, body }, merge);
    } else {
      await api.patchNamespacedCustomObjectStatus({ group: 'kyverno.io', version: 'v1', plural: 'policies', namespace: obj.metadata?.namespace ?? 'default', name, body }, merge);
    }
  };
}
