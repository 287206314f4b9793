/**
 * Which failure action applies to a validate rule for one resource, in Kyverno's order:
 * the rule's own failureActionOverrides / failureAction, then the policy's overrides / action, then Audit.
 * An override applies when the resource's namespace matches its namespaces (wildcards) or namespaceSelector.
 */
import { isRecord } from '../../api/json.js';
import type { FailureAction, FailureActionOverride, Policy, Rule } from '../../api/policy.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import { evaluateLabelSelector } from '../match/label-selector.js';
import { wildcardMatch } from '../values/index.js';

export function failureActionFor(policy: Policy, rule: Rule, namespace: string | undefined, snapshot: ClusterSnapshot): FailureAction {
  const v = rule.validate;
  const fromRule = override(v?.failureActionOverrides, namespace, snapshot);
  if (fromRule) return fromRule;
  if (v?.failureAction) return normalise(v.failureAction);
  const fromPolicy = override(policy.spec.validationFailureActionOverrides, namespace, snapshot);
  if (fromPolicy) return fromPolicy;
  return normalise(policy.spec.validationFailureAction ?? 'Audit');
}

function override(overrides: readonly FailureActionOverride[] | undefined, namespace: string | undefined, snapshot: ClusterSnapshot): FailureAction | undefined {
  if (!overrides || namespace === undefined || namespace === '') return undefined;
  for (const o of overrides) {
    const byName = o.namespaces?.some((pattern) => wildcardMatch(pattern, namespace)) ?? false;
    if (byName || (o.namespaceSelector && selectsNamespace(o, namespace, snapshot))) return normalise(o.action);
  }
  return undefined;
}

function selectsNamespace(o: FailureActionOverride, namespace: string, snapshot: ClusterSnapshot): boolean {
  if (!o.namespaceSelector) return false;
  const ns = snapshot.namespace(namespace);
  const labels = ns.found && isRecord(ns.value.metadata) ? (ns.value.metadata.labels ?? {}) : {};
  const out = evaluateLabelSelector(o.namespaceSelector, labels);
  return out.ok && out.matched;
}

/** Policies may still use the legacy lower-case spellings. */
function normalise(action: string): FailureAction {
  return action.toLowerCase() === 'enforce' ? 'Enforce' : 'Audit';
}
