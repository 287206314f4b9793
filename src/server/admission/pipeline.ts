/**
 * One AdmissionRequest -> one AdmissionResponse, for each webhook route. Synchronous and free of I/O apart
 * from the clock: the route adds parsing, metrics, logging and the reply around it.
 */
import { performance } from 'node:perf_hooks';
import type { AdmissionRequest, AdmissionResponse } from '../../api/admission.js';
import type { EngineEnv } from '../../api/env.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { EngineResult } from '../../api/result.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import { toAdmissionResponse, toMutationResponse } from '../../admission/index.js';
import { topLevelKind } from '../../engine/match/index.js';
import type { EvaluationInput } from '../../engine/index.js';
import { candidatePolicies } from '../../policy/index.js';
import type { PolicySet } from '../../policy/store/index.js';
import type { AdmissionRoute } from '../types.js';
import { deadlineBudgetMs } from './deadline.js';
import { errorMessage, evaluateSafely, failurePolicyOf, mutateSafely } from './evaluate-safely.js';
import { checkPolicyAdmission } from './policy-admission.js';

export interface AdmitContext {
  set: PolicySet;
  snapshot: ClusterSnapshot;
  env: EngineEnv;
  deadlineMs: number;
}

export interface Admitted {
  response: AdmissionResponse;
  result: EngineResult;
  /** Candidate policies for this request (0 when none could apply). */
  candidates: number;
  /** Time spent in the engine, in seconds; undefined when the engine did not run. */
  engineSeconds?: number;
}

const NO_RESULTS: EngineResult = { policies: [] };

function candidatesFor(request: AdmissionRequest, set: PolicySet): readonly LoadedPolicy[] {
  // Policies name the top-level kind (`Pod/exec`), while a subresource request carries e.g. PodExecOptions.
  return candidatePolicies(set.index, topLevelKind(request).kind, request.operation, request.namespace);
}

export function admitValidate(request: AdmissionRequest, ctx: AdmitContext): Admitted {
  const policyCheck = checkPolicyAdmission(request);
  if (policyCheck.kind === 'invalid') {
    const response: AdmissionResponse = {
      uid: request.uid,
      allowed: false,
      status: { status: 'Failure', code: 400, reason: 'BadRequest', message: policyCheck.message },
    };
    return { response, result: NO_RESULTS, candidates: 0 };
  }
  return runStage(request, ctx, candidatesFor(request, ctx.set), evaluateSafely, toAdmissionResponse);
}

/** One engine stage on the candidates, within the request's deadline and timed; no candidates, no engine. */
function runStage<R extends EngineResult>(
  request: AdmissionRequest,
  ctx: AdmitContext,
  policies: readonly LoadedPolicy[],
  stage: (input: EvaluationInput) => R,
  respond: (request: AdmissionRequest, result: R) => AdmissionResponse,
): Admitted {
  if (policies.length === 0) return { response: { uid: request.uid, allowed: true }, result: NO_RESULTS, candidates: 0 };
  const deadline = ctx.env.now() + deadlineBudgetMs(ctx.deadlineMs, policies);
  const started = performance.now();
  const result = stage({ request, policies, snapshot: ctx.snapshot, env: ctx.env, deadline });
  const engineSeconds = (performance.now() - started) / 1000;
  return { response: respond(request, result), result, candidates: policies.length, engineSeconds };
}

/**
 * The mutate route: the candidate policies that have mutate rules run in order on the request's object, and
 * the answer carries the JSON patch from the original to the mutated object (none when nothing changed).
 */
export function admitMutate(request: AdmissionRequest, ctx: AdmitContext): Admitted {
  return runStage(request, ctx, candidatesFor(request, ctx.set).filter(hasMutateRules), mutateSafely, toMutationResponse);
}

const hasMutateRules = (lp: LoadedPolicy): boolean => lp.rules.some((rule) => rule.mutate !== undefined);

export function admit(route: AdmissionRoute, request: AdmissionRequest, ctx: AdmitContext): Admitted {
  return route === 'validate' ? admitValidate(request, ctx) : admitMutate(request, ctx);
}

/**
 * The answer when the pipeline itself failed: it still echoes the uid. It allows only when every candidate
 * policy asked for failurePolicy Ignore; Fail is the default, also when the candidates are unknown.
 */
export function failedAdmission(request: AdmissionRequest, set: PolicySet | undefined, err: unknown): Admitted {
  let ignore: boolean;
  try {
    const policies = set ? candidatesFor(request, set) : [];
    ignore = policies.length > 0 && policies.every((lp) => failurePolicyOf(lp) === 'Ignore');
  } catch {
    ignore = false;
  }
  const response: AdmissionResponse = ignore
    ? { uid: request.uid, allowed: true, warnings: [`tollgate: policies not applied (failurePolicy Ignore): internal error: ${errorMessage(err)}`] }
    : { uid: request.uid, allowed: false, status: { status: 'Failure', code: 500, reason: 'InternalError', message: `tollgate: internal error while evaluating policies: ${errorMessage(err)}` } };
  return { response, result: NO_RESULTS, candidates: 0 };
}
