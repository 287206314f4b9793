/** `deny.conditions`: the rule fails when the conditions hold. An empty deny always denies, as in Kyverno. */
import type { Deny } from '../../../api/policy.js';
import { ruleError, ruleFail, rulePass } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { checkConditions } from '../preconditions.js';
import type { RuleScope } from '../rule-scope.js';
import { passMessage, ruleMessage } from './message.js';

export function validateDeny(scope: RuleScope, deny: Deny): RuleResult {
  const { name } = scope.rule;
  const check = checkConditions(deny.conditions ?? { all: [] }, scope.data, scope.jmespath);
  if (check.kind === 'error') return ruleError(name, 'validate', `failed to check deny conditions: ${check.message}`);
  if (!check.holds) return rulePass(name, 'validate', passMessage(scope));
  // The rule message joined with the messages of the conditions that held, as Kyverno reports it.
  const msg = [ruleMessage(scope), check.message].filter((m) => m !== '').join('; ');
  return ruleFail(name, 'validate', msg === '' ? `validation error: rule ${name} failed` : msg, scope.action);
}
