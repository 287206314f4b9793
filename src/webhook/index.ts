/** Admission webhook registration objects generated from a policy set (pure: no I/O). */
export {
  webhookConfigurations, policyWebhookSettings, excludedNamespaces, VALIDATING_CONFIGURATION_NAME, MUTATING_CONFIGURATION_NAME,
  VALIDATE_PATH, MUTATE_PATH, DEFAULT_FAILURE_POLICY, DEFAULT_TIMEOUT_SECONDS, DEFAULT_SERVICE_NAME, DEFAULT_SERVICE_PORT,
  NAMESPACE_NAME_LABEL, CONFIGURATION_LABELS,
} from './configurations.js';
export { selectorTargets, targetCovers, type Target } from './targets.js';
export { matchTargets, type TargetOperations } from './rule-targets.js';
export type * from './types.js';
