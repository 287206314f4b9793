/** `pattern` and `anyPattern`: variables substituted first, then the pattern matched against the target. */
import { ruleError, ruleFail, rulePass, ruleSkip } from '../../../api/result.js';
import type { FailureDetail, RuleResult } from '../../../api/result.js';
import { matchPattern } from '../../pattern/index.js';
import { substituteAll } from '../../variables/index.js';
import type { RuleScope } from '../rule-scope.js';
import { describeDetail, passMessage, patternFailureMessage, ruleMessage } from './message.js';

export function validatePattern(scope: RuleScope, pattern: unknown, target: unknown): RuleResult {
  const { name } = scope.rule;
  const sub = substituteAll(pattern, { data: scope.data, jmespath: scope.jmespath });
  if (!sub.ok) return ruleError(name, 'validate', `variable substitution failed: ${sub.message}`);
  const out = matchPattern(target, sub.value);
  switch (out.kind) {
    case 'pass':
      return rulePass(name, 'validate', passMessage(scope));
    case 'skip':
      return ruleSkip(name, 'validate', out.reason);
    case 'fail': {
      // A failure with no path is Kyverno's pattern execution error (e.g. anchored keys missing everywhere).
      if (out.path === '') return ruleError(name, 'validate', `validation error: rule ${name} execution error: ${out.reason}`);
      const detail: FailureDetail = { path: (scope.elementPath ?? '') + out.path, expected: out.expected, actual: out.actual };
      return ruleFail(name, 'validate', patternFailureMessage(scope, detail), scope.action, detail);
    }
  }
}

export function validateAnyPattern(scope: RuleScope, patterns: unknown, target: unknown): RuleResult {
  const { name } = scope.rule;
  if (!Array.isArray(patterns)) return ruleError(name, 'validate', 'anyPattern must be a list of patterns');
  const sub = substituteAll(patterns, { data: scope.data, jmespath: scope.jmespath });
  if (!sub.ok) return ruleError(name, 'validate', `variable substitution failed: ${sub.message}`);
  const substituted = sub.value as unknown[];
  const failed: string[] = [];
  const skipped: string[] = [];
  let firstDetail: FailureDetail | undefined;
  for (let i = 0; i < substituted.length; i++) {
    const out = matchPattern(target, substituted[i]);
    if (out.kind === 'pass') return rulePass(name, 'validate', `validation rule '${name}' anyPattern[${i}] passed.`);
    if (out.kind === 'skip') {
      skipped.push(`rule ${name}[${i}] skipped: ${out.reason}`);
      continue;
    }
    const detail = { path: (scope.elementPath ?? '') + out.path, expected: out.expected, actual: out.actual };
    firstDetail ??= detail;
    failed.push(`rule ${name}[${i}] failed at path ${detail.path} ${describeDetail(detail)}`);
  }
  if (failed.length === 0) return ruleSkip(name, 'validate', skipped.join(' '));
  const msg = ruleMessage(scope);
  const lead = msg === '' ? 'validation error:' : `validation error: ${msg.endsWith('.') ? msg : `${msg}.`}`;
  return ruleFail(name, 'validate', `${lead} ${failed.join(' ')}`, scope.action, firstDetail);
}
