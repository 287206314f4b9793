/**
 * generate: the generate stage, (request, policies, snapshot) -> results and a pure description of the objects
 * to create or keep in sync. Pure and synchronous; creating them is the cluster side's job. Per rule, in
 * Kyverno's order: match/exclude, injected values, context entries, preconditions, then the rule's pattern.
 * DELETE and dryRun requests generate nothing: a DELETE reports the rules its trigger matched as `skip`, a
 * dryRun reports the rules as usual but returns no objects. CONNECT requests are not evaluated.
 */
import type { GeneratedObject } from '../api/generate.js';
import { isRecord } from '../api/json.js';
import { failurePolicyOf } from '../api/policy.js';
import type { LoadedPolicy, Policy, Rule } from '../api/policy.js';
import { ruleSkip } from '../api/result.js';
import type { EngineResult, PolicyResult, ResourceRef, RuleResult } from '../api/result.js';
import { Evaluation, policyNamespaceOf, prepareRule, resourceRef, safely } from './evaluation.js';
import { generateRule, type Ownership, type Produced, type TriggerInfo } from './rules/generate/index.js';
import type { EvaluationInput } from './types.js';

export interface GenerateResult extends EngineResult {
  objects: GeneratedObject[];
}

/** `generateExisting` of a rule: its own, else the policy's (or the deprecated `generateExistingOnPolicyUpdate`). */
export function generateExistingOf(policy: Policy, rule: Rule): boolean {
  const own = rule.generate?.generateExisting;
  if (typeof own === 'boolean') return own;
  if (typeof policy.spec.generateExisting === 'boolean') return policy.spec.generateExisting;
  const spec: unknown = policy.spec;
  return isRecord(spec) && spec.generateExistingOnPolicyUpdate === true;
}

export function generate(input: EvaluationInput): GenerateResult {
  const { request } = input;
  if (request.operation === 'CONNECT') return { policies: [], objects: [] };
  const ev = new Evaluation(input);
  const deleting = request.operation === 'DELETE';
  const emit = !deleting && request.dryRun !== true;
  const policies: PolicyResult[] = [];
  const objects: GeneratedObject[] = [];
  let ref: ResourceRef | undefined;
  for (const lp of input.policies) {
    const candidates = ev.rulesOf(lp, 'generate');
    if (candidates.length === 0) continue;
    ref ??= resourceRef(request, ev.resource);
    const rules: RuleResult[] = [];
    for (const rule of candidates) {
      let produced: Produced[] = [];
      const result = safely(rule, 'generate', () => {
        const out = runGenerateRule(ev, lp, rule, triggerOf(ref ?? resourceRef(request, ev.resource)), deleting);
        produced = out?.produced ?? [];
        return out?.result;
      });
      if (!result) continue;
      rules.push(result);
      if (emit) objects.push(...produced.map((p) => describeObject(lp, rule, p)));
      if (lp.policy.spec.applyRules === 'One' && result.status !== 'skip') break;
    }
    if (rules.length === 0) continue;
    const action = lp.policy.spec.validationFailureAction === 'Enforce' ? 'Enforce' : 'Audit';
    policies.push({ policy: lp.key, rules, action, resource: ref, failurePolicy: failurePolicyOf(lp.policy) });
  }
  return { policies, objects };
}

function triggerOf(ref: ResourceRef): TriggerInfo {
  return { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace ?? '', name: ref.name, uid: ref.uid ?? '' };
}

function describeObject(lp: LoadedPolicy, rule: Rule, produced: Produced): GeneratedObject {
  const out: GeneratedObject = {
    policy: lp.key,
    rule: rule.name,
    object: produced.object,
    synchronize: rule.generate?.synchronize === true,
    orphanDownstreamOnPolicyDelete: rule.generate?.orphanDownstreamOnPolicyDelete === true,
  };
  if (produced.cloneSource) out.cloneSource = produced.cloneSource;
  return out;
}

function runGenerateRule(ev: Evaluation, lp: LoadedPolicy, rule: Rule, trigger: TriggerInfo, deleting: boolean): { result: RuleResult; produced: Produced[] } | undefined {
  const prelude = prepareRule(ev, lp, rule, 'generate');
  if (prelude.kind === 'unmatched') return undefined;
  if (prelude.kind === 'done') return { result: prelude.result, produced: [] };
  if (deleting) return { result: ruleSkip(rule.name, 'generate', 'the trigger is being deleted: nothing to generate'), produced: [] };
  const policyNamespace = policyNamespaceOf(lp);
  const owner: Ownership = { policyName: lp.policy.metadata.name, policyNamespace: policyNamespace ?? '', rule: rule.name, trigger };
  return generateRule({
    rule,
    data: prelude.data,
    jmespath: ev.jmespath,
    snapshot: ev.input.snapshot,
    policyNamespace,
    foreachValues: ev.input.values?.foreach?.(lp.policy.metadata.name, rule.name),
    owner,
  });
}
