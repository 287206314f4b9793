/**
 * evaluate: the validate stage, (request, policies, snapshot) -> results. Pure and synchronous.
 * Per rule, in a fixed order: match/exclude, injected values, context entries, preconditions, handler.
 * An exception inside one rule becomes an `error` result for that rule; it never escapes.
 * Once the input's deadline has passed, every further matched rule is an `error` (cause `deadline`) without
 * running, so a slow policy set costs the request a decision by failurePolicy, never a hung webhook.
 */
import { failurePolicyOf } from '../api/policy.js';
import type { LoadedPolicy, Rule } from '../api/policy.js';
import type { EngineResult, PolicyResult, ResourceRef, RuleResult } from '../api/result.js';
import { Evaluation, namespaceOf, policyNamespaceOf, prepareRule, resourceRef, safely } from './evaluation.js';
import { matchPrepared, prepareMatch } from './match/index.js';
import { failureActionFor } from './rules/failure-action.js';
import { validateRule } from './rules/validate/index.js';
import type { EvaluationInput } from './types.js';

export function evaluate(input: EvaluationInput): EngineResult {
  const ev = new Evaluation(input);
  const policies: PolicyResult[] = [];
  let ref: ResourceRef | undefined;
  for (const lp of input.policies) {
    const result = evaluatePolicy(ev, lp);
    if (!result) continue;
    ref ??= resourceRef(input.request, ev.resource);
    // Written out: spreading an object and then adding a key is a slow path in V8 (~1 µs per object).
    policies.push({ policy: result.policy, rules: result.rules, action: result.action, resource: ref, failurePolicy: result.failurePolicy });
  }
  return { policies };
}

function evaluatePolicy(ev: Evaluation, lp: LoadedPolicy): Omit<PolicyResult, 'resource'> | undefined {
  const rules: RuleResult[] = [];
  // Only validate rules run in this stage; mutate, generate and verifyImages have their own stages.
  for (const rule of ev.rulesOf(lp, 'validate')) {
    const result = safely(rule, 'validate', () => evaluateRule(ev, lp, rule));
    if (result) rules.push(result);
    if (result && lp.policy.spec.applyRules === 'One' && result.status !== 'skip') break;
  }
  if (rules.length === 0) return undefined;
  const action = lp.policy.spec.validationFailureAction === 'Enforce' ? 'Enforce' : 'Audit';
  return { policy: lp.key, rules, action, failurePolicy: failurePolicyOf(lp.policy) };
}

function evaluateRule(ev: Evaluation, lp: LoadedPolicy, rule: Rule): RuleResult | undefined {
  const prelude = prepareRule(ev, lp, rule, 'validate');
  if (prelude.kind === 'unmatched') return undefined;
  if (prelude.kind === 'done') return prelude.result;

  const { request, snapshot } = ev.input;
  return validateRule(
    {
      policy: lp.key,
      rule,
      data: prelude.data,
      resource: ev.resource,
      jmespath: ev.jmespath,
      snapshot,
      action: failureActionFor(lp.policy, rule, namespaceOf(request, ev.resource), snapshot),
      foreachValues: ev.input.values?.foreach?.(lp.policy.metadata.name, rule.name),
      policyNamespace: policyNamespaceOf(lp),
      memo: ev.memo,
    },
    {
      operation: request.operation,
      oldObject: request.oldObject,
      oldObjectMatches: () => {
        const asCreated = { ...request, operation: 'CREATE' as const, object: request.oldObject, oldObject: undefined };
        const input = { ...ev.match, request: asCreated, resource: request.oldObject };
        return matchPrepared(rule, prepareMatch(input), policyNamespaceOf(lp)).matched;
      },
    },
  );
}
