/**
 * Offline evaluation of resources against policies, as `kyverno test` / `kyverno apply` do it: each policy runs on
 * each resource with that pair's values (so the request may differ per policy), mutate policies first so later
 * policies see the patched object.
 */
import type { EngineEnv } from '../../api/env.js';
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { PolicyResult } from '../../api/result.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import { evaluate } from '../../engine/index.js';
import type { RequestInfo } from '../inputs/userinfo-file.js';
import { resourceValues, toInjectedValues, type ValuesFile } from '../inputs/values-file.js';
import { isKubeObject } from '../resources.js';
import { buildRequest } from './request.js';

export interface EvaluationPlan {
  policies: readonly LoadedPolicy[];
  resources: readonly KubeObject[];
  values: ValuesFile;
  requestInfo: RequestInfo;
  snapshot: ClusterSnapshot;
  env: EngineEnv;
}

export interface ResourceEvaluation {
  /** The resource as loaded (before any mutation). */
  resource: KubeObject;
  /** One entry per policy that had a matching rule, in evaluation order. */
  results: PolicyResult[];
}

const hasMutate = (p: LoadedPolicy): boolean => p.rules.some((r) => r.mutate !== undefined);

/** Mutate policies first, each group in load order. */
export function evaluationOrder(policies: readonly LoadedPolicy[]): LoadedPolicy[] {
  return [...policies.filter(hasMutate), ...policies.filter((p) => !hasMutate(p))];
}

export function evaluateResources(plan: EvaluationPlan): ResourceEvaluation[] {
  const ordered = evaluationOrder(plan.policies);
  return plan.resources.map((resource, index) => {
    let current = resource;
    const results: PolicyResult[] = [];
    for (const lp of ordered) {
      const name = lp.policy.metadata.name;
      const values = resourceValues(plan.values, name, resource.metadata.name ?? '');
      const request = buildRequest(current, { uid: `tollgate-cli-${index + 1}`, userInfo: plan.requestInfo.userInfo, values });
      const outcome = evaluate({
        request,
        roles: plan.requestInfo.roles,
        policies: [lp],
        snapshot: plan.snapshot,
        env: plan.env,
        values: toInjectedValues(plan.values, name, resource.metadata.name ?? ''),
      });
      for (const pr of outcome.policies) {
        results.push(pr);
        if (isKubeObject(pr.patched)) current = pr.patched;
      }
    }
    return { resource, results };
  });
}
