/** Load-time defaults and legacy spellings, applied once so that the engine sees one form only. */
import type { FailureAction, FailureActionOverride, Policy } from '../api/policy.js';

/** Kyverno still accepts its pre-1.9 lower-case `enforce` / `audit`. */
export function normalizeFailureAction(action: string): FailureAction {
  return action.toLowerCase() === 'enforce' ? 'Enforce' : 'Audit';
}

function normalizeOverrides(overrides: FailureActionOverride[] | undefined): void {
  for (const o of overrides ?? []) o.action = normalizeFailureAction(o.action);
}

/**
 * In place, on a schema-valid policy: failure actions capitalised, `validationFailureAction` defaults to Audit,
 * `background` to true, and a Policy without a namespace lands in `default` (as kubectl would put it).
 */
export function normalizePolicy(policy: Policy): Policy {
  const spec = policy.spec;
  spec.validationFailureAction = normalizeFailureAction(spec.validationFailureAction ?? 'Audit');
  spec.background ??= true;
  normalizeOverrides(spec.validationFailureActionOverrides);
  for (const rule of spec.rules) {
    const v = rule.validate;
    if (!v) continue;
    if (v.failureAction !== undefined) v.failureAction = normalizeFailureAction(v.failureAction);
    normalizeOverrides(v.failureActionOverrides);
  }
  if (policy.kind === 'Policy' && !policy.metadata.namespace) policy.metadata.namespace = 'default';
  return policy;
}

/** `name` for a ClusterPolicy, `namespace/name` for a Policy (call after normalizePolicy). */
export function policyKey(policy: Policy): string {
  return policy.kind === 'Policy' ? `${policy.metadata.namespace ?? 'default'}/${policy.metadata.name}` : policy.metadata.name;
}
