/**
 * mutate: the mutate stage, (request, policies, snapshot) -> results and the mutated object. Pure and
 * synchronous. Policies and their rules apply in order and each rule sees the object (and `request.object`)
 * as the rules before it left it, as in Kyverno. A policy with an `error` rule leaves the object unchanged
 * (its mutations are all or nothing). DELETE and CONNECT requests are never mutated.
 */
import { isRecord } from '../api/json.js';
import { failurePolicyOf } from '../api/policy.js';
import type { LoadedPolicy, Rule } from '../api/policy.js';
import type { EngineResult, PolicyResult, ResourceRef, RuleResult } from '../api/result.js';
import { Evaluation, policyNamespaceOf, prepareRule, resourceRef, safely } from './evaluation.js';
import type { ObjectType } from './mutate/strategic-merge/index.js';
import { mutateRule } from './rules/mutate/index.js';
import type { EvaluationInput } from './types.js';

export interface MutationResult extends EngineResult {
  /** The object after every mutation; the request's own object when nothing changed. */
  object: unknown;
}

export function mutate(input: EvaluationInput): MutationResult {
  const { request } = input;
  if (request.operation !== 'CREATE' && request.operation !== 'UPDATE') return { policies: [], object: request.object };
  let ev = new Evaluation(input);
  let ref: ResourceRef | undefined;
  const policies: PolicyResult[] = [];
  for (const lp of input.policies) {
    const candidates = ev.rulesOf(lp, 'mutate');
    if (candidates.length === 0) continue;
    const before = ev;
    const rules: RuleResult[] = [];
    for (const rule of candidates) {
      let patched: unknown;
      const result = safely(rule, 'mutate', () => {
        const out = runMutateRule(ev, lp, rule);
        patched = out?.patched;
        return out?.result;
      });
      if (!result) continue;
      rules.push(result);
      if (result.status === 'pass' && patched !== undefined && patched !== ev.resource) ev = ev.withObject(patched);
      if (lp.policy.spec.applyRules === 'One' && result.status === 'pass') break;
    }
    if (rules.length === 0) continue;
    // A policy's mutations apply together or not at all: after an error the object is as the policy found it,
    // and its failurePolicy decides whether the request goes on without them.
    if (rules.some((r) => r.status === 'error')) ev = before;
    ref ??= resourceRef(request, request.object);
    const action = lp.policy.spec.validationFailureAction === 'Enforce' ? 'Enforce' : 'Audit';
    const pr: PolicyResult = { policy: lp.key, rules, action, resource: ref, failurePolicy: failurePolicyOf(lp.policy) };
    if (ev.resource !== before.resource) pr.patched = ev.resource;
    policies.push(pr);
  }
  return { policies, object: ev.resource };
}

function runMutateRule(ev: Evaluation, lp: LoadedPolicy, rule: Rule): { result: RuleResult; patched?: unknown } | undefined {
  const prelude = prepareRule(ev, lp, rule, 'mutate');
  if (prelude.kind === 'unmatched') return undefined;
  if (prelude.kind === 'done') return { result: prelude.result };
  return mutateRule({
    rule,
    data: prelude.data,
    resource: ev.resource,
    type: objectType(ev),
    jmespath: ev.jmespath,
    snapshot: ev.input.snapshot,
    foreachValues: ev.input.values?.foreach?.(lp.policy.metadata.name, rule.name),
    policyNamespace: policyNamespaceOf(lp),
  });
}

function objectType(ev: Evaluation): ObjectType {
  const object = ev.resource;
  const { group, version, kind } = ev.input.request.kind;
  return {
    apiVersion: isRecord(object) && typeof object.apiVersion === 'string' ? object.apiVersion : group ? `${group}/${version}` : version,
    kind: isRecord(object) && typeof object.kind === 'string' ? object.kind : kind,
  };
}
