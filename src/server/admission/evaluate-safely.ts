/**
 * The engine never throws for a policy problem, but a bug must not cost the answer. The fast path evaluates
 * all candidate policies in one call (they share the request context); only when that call throws are the
 * policies evaluated one by one, so the faulty one is found and its failurePolicy decides: Fail (the
 * default) denies, Ignore drops that policy's results.
 */
import type { AdmissionRequest } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';
import { failurePolicyOf as policyFailurePolicy, type FailurePolicy, type LoadedPolicy } from '../../api/policy.js';
import { ruleError, type EngineResult, type PolicyResult, type ResourceRef } from '../../api/result.js';
import { evaluate, mutate, type EvaluationInput, type MutationResult } from '../../engine/index.js';

export type { FailurePolicy };

/** Rule name used for a result the engine did not produce itself. */
export const INTERNAL_RULE = 'internal-error';

export function failurePolicyOf(lp: LoadedPolicy): FailurePolicy {
  try {
    return policyFailurePolicy(lp.policy);
  } catch {
    return 'Fail';
  }
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function policyKeyOf(lp: LoadedPolicy, position: number): string {
  try {
    return lp.key;
  } catch {
    return `policy #${position + 1}`;
  }
}

export function requestResourceRef(request: AdmissionRequest): ResourceRef {
  const object = request.operation === 'DELETE' ? request.oldObject : request.object;
  const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : {};
  const { group, version, kind } = request.kind;
  const ref: ResourceRef = {
    apiVersion: group ? `${group}/${version}` : version,
    kind,
    name: typeof meta.name === 'string' ? meta.name : (request.name ?? ''),
  };
  if (request.namespace) ref.namespace = request.namespace;
  return ref;
}

/** A policy whose evaluation threw: an internal error result, which its failurePolicy decides (Fail denies). */
function internalError(lp: LoadedPolicy, position: number, request: AdmissionRequest, err: unknown, stage: 'validate' | 'mutate' = 'validate'): PolicyResult {
  return {
    policy: policyKeyOf(lp, position),
    resource: requestResourceRef(request),
    rules: [ruleError(INTERNAL_RULE, stage, `internal error: ${errorMessage(err)}`, 'internal')],
    action: failurePolicyOf(lp) === 'Fail' ? 'Enforce' : 'Audit',
    failurePolicy: failurePolicyOf(lp),
  };
}

export function evaluateSafely(input: EvaluationInput): EngineResult {
  try {
    return evaluate(input);
  } catch {
    const policies: PolicyResult[] = [];
    input.policies.forEach((lp, position) => {
      try {
        policies.push(...evaluate({ ...input, policies: [lp] }).policies);
      } catch (err) {
        policies.push(internalError(lp, position, input.request, err));
      }
    });
    return { policies };
  }
}

/** As evaluateSafely, for the mutate stage: a policy whose mutation threw is left out of the object. */
export function mutateSafely(input: EvaluationInput): MutationResult {
  try {
    return mutate(input);
  } catch {
    const policies: PolicyResult[] = [];
    let request = input.request;
    input.policies.forEach((lp, position) => {
      try {
        const out = mutate({ ...input, request, policies: [lp] });
        policies.push(...out.policies);
        if (out.object !== request.object) request = { ...request, object: out.object };
      } catch (err) {
        policies.push(internalError(lp, position, input.request, err, 'mutate'));
      }
    });
    return { policies, object: request.object };
  }
}
