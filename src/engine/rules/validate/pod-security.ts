/** `validate.podSecurity`: Pod Security Standards at a level and version, with Kyverno's exclusions. */
import type { PodSecurity } from '../../../api/policy.js';
import { ruleError, ruleFail, rulePass } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { evaluatePodSecurity } from '../../pss/index.js';
import type { RuleScope } from '../rule-scope.js';
import { ruleMessage } from './message.js';

export function validatePodSecurity(scope: RuleScope, spec: PodSecurity): RuleResult {
  const { name } = scope.rule;
  const out = evaluatePodSecurity(scope.resource, spec);
  if (out.kind === 'error') return ruleError(name, 'validate', out.message);
  if (out.kind === 'pass') return rulePass(name, 'validate', `Validation rule '${name}' passed.`);
  const user = ruleMessage(scope);
  const checks = out.violations.map((v) => v.message).join('; ');
  const level = `${spec.level}:${spec.version ?? 'latest'}`;
  const message = `${user === '' ? '' : `${user.endsWith('.') ? user : `${user}.`} `}Validation rule '${name}' failed. It violates PodSecurity "${level}": ${checks}`;
  const first = out.violations[0];
  const detail = first ? { path: first.fields[0] ?? '/spec', expected: `PodSecurity ${level} (${first.control})`, actual: first.message } : undefined;
  return ruleFail(name, 'validate', message, scope.action, detail);
}
