/**
 * The time budget of one evaluation. It must end before the API server gives up on the webhook call
 * (timeoutSeconds, which the policies set through webhookConfiguration / webhookTimeoutSeconds), so the
 * answer, even a failure-policy answer, arrives in time.
 */
import type { LoadedPolicy } from '../../api/policy.js';

/** Part of the webhook timeout the engine may use; the rest covers parsing, the network and the API server. */
const SHARE_OF_WEBHOOK_TIMEOUT = 0.8;

function webhookTimeoutSeconds(lp: LoadedPolicy): number | undefined {
  const spec = lp.policy.spec;
  const seconds = spec.webhookConfiguration?.timeoutSeconds ?? spec.webhookTimeoutSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
}

/** The configured budget, shortened to fit the smallest webhook timeout among the candidate policies. */
export function deadlineBudgetMs(configuredMs: number, policies: readonly LoadedPolicy[]): number {
  let budget = configuredMs;
  for (const lp of policies) {
    const seconds = webhookTimeoutSeconds(lp);
    if (seconds !== undefined) budget = Math.min(budget, seconds * 1000 * SHARE_OF_WEBHOOK_TIMEOUT);
  }
  return budget;
}
