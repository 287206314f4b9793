/**
 * Writes one generated object: created when missing (POST; a 409 AlreadyExists means another write won, so the
 * object is read again), corrected when `synchronize` is on and it drifted (PUT with the resourceVersion it was
 * compared against; on a conflict it is read and compared again), otherwise left alone. An object that exists but
 * belongs to someone else (not labelled for this rule) is never taken over.
 */
import { GENERATE_LABELS } from '../../api/generate.js';
import type { KubeObject } from '../../api/kube.js';
import type { GenerateApi } from './api.js';
import { correction, drifted } from './compare.js';
import type { ResolvedKind } from './discovery.js';
import { ApiError } from '../rest.js';

export type ApplyOutcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'foreign';

export interface ApplyRequest {
  kind: ResolvedKind;
  desired: KubeObject;
  synchronize: boolean;
  /** May a missing object be created (see the eligibility rules in plan.ts)? */
  mayCreate: boolean;
  /** The object as the cache has it (a hint: the API server decides). */
  cached?: KubeObject;
}

const CONFLICT_RETRIES = 3;

function sameRule(desired: KubeObject, existing: KubeObject): boolean {
  const want = desired.metadata.labels ?? {};
  const have = existing.metadata.labels ?? {};
  return [GENERATE_LABELS.policyName, GENERATE_LABELS.policyNamespace, GENERATE_LABELS.ruleName].every((k) => want[k] === have[k]);
}

export async function applyObject(api: GenerateApi, req: ApplyRequest): Promise<ApplyOutcome> {
  const { kind, desired } = req;
  const namespace = desired.metadata.namespace;
  const name = desired.metadata.name ?? '';
  let existing = req.cached;
  let fresh = false;
  if (existing === undefined) {
    existing = await api.get(kind, namespace, name);
    fresh = true;
  }
  if (existing === undefined) {
    if (!req.mayCreate) return 'skipped';
    const made = await api.create(kind, desired);
    if (made.created) return 'created';
    existing = await api.get(kind, namespace, name);
    fresh = true;
    if (existing === undefined) throw new ApiError(409, `${kind.kind} ${namespace ?? ''}/${name} already existed and is gone again`);
  }
  if (!sameRule(desired, existing)) return 'foreign';
  if (!req.synchronize || !drifted(desired, existing)) return 'unchanged';
  for (let attempt = 0; attempt < CONFLICT_RETRIES; attempt++) {
    if (!fresh) {
      const current = await api.get(kind, namespace, name);
      if (current === undefined) {
        // Deleted between reads: create it again (the next round re-reads if someone else was faster).
        if (!req.mayCreate) return 'skipped';
        if ((await api.create(kind, desired)).created) return 'created';
        continue;
      }
      existing = current;
      if (!sameRule(desired, existing)) return 'foreign';
      if (!drifted(desired, existing)) return 'unchanged';
    }
    if ((await api.replace(kind, correction(desired, existing))) === 'replaced') return 'updated';
    fresh = false;
  }
  throw new ApiError(409, `${kind.kind} ${namespace ?? ''}/${name}: still conflicting after ${CONFLICT_RETRIES} attempts`);
}
