/**
 * Offline evaluation of resources against policies, as `kyverno test` / `kyverno apply` do it: each policy runs on
 * each resource with that pair's values (so the request may differ per policy), mutate policies first so later
 * policies see the patched object.
 */
import type { EngineEnv } from '../../api/env.js';
import type { GeneratedObject } from '../../api/generate.js';
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { PolicyResult } from '../../api/result.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import { evaluate, generate, mutate, type EvaluationInput } from '../../engine/index.js';
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
  /** One entry per policy and stage (mutate, then validate) that had a matching rule, in evaluation order. */
  results: PolicyResult[];
  /** The object as each policy's mutate rules left it (policy key -> object), for policies with mutate rules. */
  patched: Map<string, KubeObject>;
  /** The object after every policy's mutations (the loaded resource itself when none changed it). */
  mutated: KubeObject;
  /** What the generate rules would create, in policy order. */
  generated: GeneratedObject[];
}

const hasMutate = (p: LoadedPolicy): boolean => p.rules.some((r) => r.mutate !== undefined);
const hasGenerate = (p: LoadedPolicy): boolean => p.rules.some((r) => r.generate !== undefined);

/** Mutate policies first, each group in load order. */
export function evaluationOrder(policies: readonly LoadedPolicy[]): LoadedPolicy[] {
  return [...policies.filter(hasMutate), ...policies.filter((p) => !hasMutate(p))];
}

/**
 * Per policy, as `kyverno apply` / `kyverno test` do: its mutate rules run first, then its validate rules
 * check the mutated object and its generate rules describe what they would create; the next policy starts from
 * that object.
 */
export function evaluateResources(plan: EvaluationPlan): ResourceEvaluation[] {
  const ordered = evaluationOrder(plan.policies);
  return plan.resources.map((resource, index) => {
    let current = resource;
    const results: PolicyResult[] = [];
    const patched = new Map<string, KubeObject>();
    const generated: GeneratedObject[] = [];
    for (const lp of ordered) {
      const name = lp.policy.metadata.name;
      const resourceName = resource.metadata.name ?? '';
      const values = resourceValues(plan.values, name, resourceName);
      const input = (object: KubeObject): EvaluationInput => ({
        request: buildRequest(object, { uid: `tollgate-cli-${index + 1}`, userInfo: plan.requestInfo.userInfo, values }),
        roles: plan.requestInfo.roles,
        policies: [lp],
        snapshot: plan.snapshot,
        env: plan.env,
        values: toInjectedValues(plan.values, name, resourceName),
      });
      if (hasMutate(lp)) {
        const mutation = mutate(input(current));
        results.push(...mutation.policies);
        if (mutation.object !== current && isKubeObject(mutation.object)) current = mutation.object;
        patched.set(lp.key, current);
      }
      results.push(...evaluate(input(current)).policies);
      if (hasGenerate(lp)) {
        const generation = generate(input(current));
        results.push(...generation.policies);
        generated.push(...generation.objects);
      }
    }
    return { resource, results, patched, mutated: current, generated };
  });
}
