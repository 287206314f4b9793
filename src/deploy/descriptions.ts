/** `kubectl explain` texts for the main policy fields, by dotted path under the CRD root. */
import type { Descriptions } from './crd-schema.js';

export const POLICY_DESCRIPTIONS: Descriptions = {
  spec: 'The policy: its rules and how they are applied at admission and in background scans.',
  'spec.rules': 'Rules, evaluated in order. Each has a match block and exactly one of validate, mutate, generate or verifyImages.',
  'spec.rules[].name': 'Rule name, unique within the policy.',
  'spec.rules[].match': 'Resources the rule selects (kinds, names, namespaces, selectors, operations, subjects, roles).',
  'spec.rules[].exclude': 'Resources the rule skips even when the match block selects them.',
  'spec.rules[].context': 'Variables for the rule: values, ConfigMaps, API calls, image registry data.',
  'spec.rules[].preconditions': 'Conditions that must hold for the rule to apply.',
  'spec.rules[].validate': 'Checks the resource against a pattern, anyPattern, deny conditions, foreach, or a Pod Security level.',
  'spec.rules[].mutate': 'Changes the resource with a strategic merge patch, a JSON patch, or foreach.',
  'spec.rules[].generate': 'Creates or clones another resource when the matched resource is admitted.',
  'spec.validationFailureAction': 'Enforce blocks a failing request; Audit admits it and reports the failure.',
  'spec.background': 'Whether existing resources are scanned too (default true).',
  'spec.admission': 'Whether the policy applies at admission (default true).',
  'spec.failurePolicy': 'What the API server does when Tollgate cannot answer: Fail (reject, the default) or Ignore (admit).',
  'spec.webhookTimeoutSeconds': 'Webhook timeout for this policy, 1 to 30 seconds (default 10).',
  'spec.webhookConfiguration': 'Webhook settings (failurePolicy, timeoutSeconds); they win over the top-level fields.',
  status: 'Written by Tollgate: whether the policy is loaded and serving.',
  'status.conditions': 'Standard conditions; Ready is True once the policy compiled and is enforced.',
};
