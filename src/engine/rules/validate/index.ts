/**
 * The validate handler: podSecurity, pattern, anyPattern, deny, foreach.
 * Pre-existing violations (Kyverno's allowExistingViolations, on by default): for an Enforce rule on UPDATE,
 * the old object is validated as if it were being created; when it fails too, the rule is skipped, so
 * editing an object that was already non-compliant is not blocked for that reason alone.
 */
import type { Operation } from '../../../api/admission.js';
import { ruleError, ruleSkip } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { withPath } from '../../context/dotted-path.js';
import type { RuleScope } from '../rule-scope.js';
import { validateBody } from './body.js';
import { validatePodSecurity } from './pod-security.js';

export interface UpdateContext {
  operation: Operation;
  oldObject: unknown;
  /** Whether the rule matches the old object as a CREATE (it must, for the old result to count). */
  oldObjectMatches(): boolean;
}

export function validateRule(scope: RuleScope, update: UpdateContext): RuleResult | undefined {
  const result = validateOnce(scope, update.operation);
  if (result?.status !== 'fail' || !checksExistingViolations(scope, update)) return result;
  if (!update.oldObjectMatches()) return result;
  const request = scope.data.request as Record<string, unknown>;
  const asCreated = { ...request, object: update.oldObject, oldObject: null, operation: 'CREATE' };
  const before = validateOnce({ ...scope, resource: update.oldObject, data: withPath(scope.data, 'request', asCreated) }, 'CREATE');
  if (before?.status === 'fail') return ruleSkip(scope.rule.name, 'validate', 'skipping the rule evaluation as pre-existing violations are allowed');
  return result;
}

function checksExistingViolations(scope: RuleScope, update: UpdateContext): boolean {
  if (update.operation !== 'UPDATE' || update.oldObject === undefined || update.oldObject === null) return false;
  if (scope.action !== 'Enforce') return false;
  return scope.rule.validate?.allowExistingViolations !== false;
}

function validateOnce(scope: RuleScope, operation: Operation): RuleResult | undefined {
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
