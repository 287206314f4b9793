/** Rule messages: `validate.message` with variables, shaped like Kyverno's so users recognise them. */
import type { FailureDetail } from '../../../api/result.js';
import { substituteAll } from '../../variables/index.js';
import type { RuleScope } from '../rule-scope.js';

/** The user's message with variables substituted; the raw text if substitution fails (Kyverno does the same). */
export function ruleMessage(scope: RuleScope): string {
  const raw = scope.rule.validate?.message;
  if (!raw) return '';
  const sub = substituteAll(raw, { data: scope.data, jmespath: scope.jmespath });
  if (!sub.ok) return raw;
  return typeof sub.value === 'string' ? sub.value : JSON.stringify(sub.value);
}

export function describeDetail(detail: FailureDetail): string {
  return `(expected ${detail.expected}, found ${detail.actual})`;
}

/** `validation error: <message>. rule <rule> failed at path <path> (expected ..., found ...)` */
export function patternFailureMessage(scope: RuleScope, detail: FailureDetail): string {
  const msg = ruleMessage(scope);
  const lead = msg === '' ? 'validation error:' : `validation error: ${msg.endsWith('.') ? msg : `${msg}.`}`;
  return `${lead} rule ${scope.rule.name} failed at path ${detail.path} ${describeDetail(detail)}`;
}

export function passMessage(scope: RuleScope): string {
  return `validation rule '${scope.rule.name}' passed.`;
}
