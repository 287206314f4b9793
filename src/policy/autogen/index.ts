/**
 * Kyverno's autogen for pod controllers: a policy whose rules match Pods also gets rules for the controllers
 * that create Pods (`autogen-<rule>`, pattern under `spec.template`) and for CronJobs
 * (`autogen-cronjob-<rule>`, under `spec.jobTemplate.spec.template`). Pure; run once when a policy loads.
 */
import type { Policy, Rule } from '../../api/policy.js';
import { requestedControllers, splitKinds } from './controllers.js';
import { isAutogenRuleName, pickRuleFields, rewriteRuleVariables, ruleForControllers, ruleForCronJob } from './generate.js';

function withoutCronJob(controllers: string): string {
  return splitKinds(controllers)
    .filter((c) => c !== 'CronJob')
    .join(',');
}

/** The generated rules only, in Kyverno's order: per source rule, the controller rule then the CronJob rule. */
export function generateAutogenRules(policy: Policy): Rule[] {
  const controllers = requestedControllers(policy);
  if (controllers === undefined) return [];
  const generated: Rule[] = [];
  for (const rule of policy.spec.rules) {
    const forControllers = ruleForControllers(rule, withoutCronJob(controllers));
    if (forControllers) generated.push(pickRuleFields(rewriteRuleVariables(forControllers, 'pod-controller', forControllers.validate?.cel != null)));
    const forCronJob = ruleForCronJob(rule, controllers);
    if (forCronJob) generated.push(pickRuleFields(rewriteRuleVariables(forCronJob, 'cronjob', forCronJob.validate?.cel != null)));
  }
  return generated;
}

/**
 * The rules the engine runs: the policy's own rules, then the generated ones. Rules already named
 * `autogen-*` in the policy are replaced by the fresh ones (they are stale copies from a cluster).
 */
export function computeRules(policy: Policy): Rule[] {
  const generated = generateAutogenRules(policy);
  if (generated.length === 0) return [...policy.spec.rules];
  return [...policy.spec.rules.filter((r) => !isAutogenRuleName(r.name)), ...generated];
}

export { AUTOGEN_ANNOTATION, POD_CONTROLLERS, canAutoGen, requestedControllers } from './controllers.js';
export { AUTOGEN_PREFIX, AUTOGEN_CRONJOB_PREFIX, isAutogenRuleName } from './generate.js';
