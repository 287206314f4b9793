/**
 * The validate handler: podSecurity, pattern, anyPattern, deny, foreach.
 * On UPDATE, a failure that the old object already had is a skip unless `allowExistingViolations: false`.
 */
import { ruleError, ruleSkip } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { withPath } from '../../context/dotted-path.js';
import type { RuleScope } from '../rule-scope.js';
import { validateBody } from './body.js';
import { validatePodSecurity } from './pod-security.js';

export function validateRule(scope: RuleScope, operation: string, oldObject: unknown): RuleResult | undefined {
  const result = validateOnce(scope, operation);
  if (result?.status !== 'fail' || operation !== 'UPDATE' || oldObject === undefined || oldObject === null) return result;
  if (scope.rule.validate?.allowExistingViolations === false) return result;
  const request = scope.data.request as Record<string, unknown>;
  const oldScope: RuleScope = { ...scope, resource: oldObject, data: withPath(scope.data, 'request', { ...request, object: oldObject }) };
  const before = validateOnce(oldScope, operation);
  if (before?.status === 'fail') return ruleSkip(scope.rule.name, 'validate', 'skipping modified resource as validation results have not changed');
  return result;
}

function validateOnce(scope: RuleScope, operation: string): RuleResult | undefined {
  const validation = scope.rule.validate;
  const { name } = scope.rule;
  if (!validation) return undefined;
  if (validation.podSecurity) return validatePodSecurity(scope, validation.podSecurity);
  if (validation.cel !== undefined) return ruleError(name, 'validate', 'validate.cel is not supported yet');
  if (validation.manifests !== undefined) return ruleError(name, 'validate', 'validate.manifests is not supported yet');
  // Kyverno gives no response for a pattern on a deleted resource.
  if (operation === 'DELETE' && !validation.deny && !validation.foreach) return undefined;
  return validateBody(scope, validation, { target: scope.resource, nesting: 0 });
}
