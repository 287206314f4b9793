/** `validate.podSecurity`: Pod Security Standards at a level and version, with Kyverno's exclusions. */
import type { PodSecurity } from '../../../api/policy.js';
import { ruleError, ruleFail, rulePass } from '../../../api/result.js';
import type { FailureDetail, RuleResult } from '../../../api/result.js';
import { evaluatePodSecurity, podSecurityFailureMessage } from '../../pss/index.js';
import type { PssViolation } from '../../pss/index.js';
import type { RuleScope } from '../rule-scope.js';

export function validatePodSecurity(scope: RuleScope, spec: PodSecurity): RuleResult {
  const { name } = scope.rule;
  const out = evaluatePodSecurity(scope.resource, spec, scope.memo?.podSecurityChecks(scope.resource));
  if (out.kind === 'error') return ruleError(name, 'validate', out.message);
  if (out.kind === 'pass') return rulePass(name, 'validate', `Validation rule '${name}' passed.`);
  return ruleFail(name, 'validate', podSecurityFailureMessage(name, spec, out.violations), scope.action, detailOf(spec, out.violations[0]));
}

function detailOf(spec: PodSecurity, first: PssViolation | undefined): FailureDetail | undefined {
  if (!first) return undefined;
  return { path: first.fields[0] ?? 'spec', expected: `PodSecurity ${spec.level}:${spec.version ?? 'latest'} (${first.control})`, actual: first.message };
}
