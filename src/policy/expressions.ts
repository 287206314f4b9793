/**
 * JMESPath syntax in a policy, checked once at load (and so at policy admission): every innermost `{{ }}`
 * expression in any string or key of the rules, and the `foreach.list` / `jmesPath` fields that are plain
 * expressions. A syntax error is reported with the field's path, like a schema error, instead of failing
 * every request later.
 */
import { isRecord } from '../api/json.js';
import type { Policy } from '../api/policy.js';
import { jmespathSyntaxError } from '../engine/jmespath/index.js';
import { innermostExpressions } from '../engine/variables/index.js';

export interface ExpressionIssue {
  path: string;
  reason: string;
}

/** Fields whose whole value is a JMESPath expression (when it holds no `{{ }}`). */
const EXPRESSION_FIELDS = new Set(['list', 'jmesPath']);

export function checkPolicyExpressions(policy: Policy): ExpressionIssue[] {
  const issues: ExpressionIssue[] = [];
  visit(policy.spec.rules, 'spec.rules', undefined, issues);
  return issues;
}

function visit(node: unknown, path: string, key: string | undefined, issues: ExpressionIssue[]): void {
  if (typeof node === 'string') {
    checkString(node, path, key, issues);
  } else if (Array.isArray(node)) {
    node.forEach((item, i) => visit(item, `${path}[${i}]`, undefined, issues));
  } else if (isRecord(node)) {
    for (const [k, v] of Object.entries(node)) {
      checkString(k, `${path}.${k}`, undefined, issues);
      visit(v, `${path}.${k}`, k, issues);
    }
  }
}

function checkString(text: string, path: string, key: string | undefined, issues: ExpressionIssue[]): void {
  if (key !== undefined && EXPRESSION_FIELDS.has(key) && !text.includes('{{')) {
    const error = jmespathSyntaxError(text);
    if (error) issues.push({ path, reason: `invalid JMESPath expression "${text}": ${error}` });
    return;
  }
  if (!text.includes('{{')) return;
  for (const expression of innermostExpressions(text)) {
    if (expression === '@' || expression === '') continue;
    const error = jmespathSyntaxError(expression);
    if (error) issues.push({ path, reason: `invalid JMESPath in variable "{{ ${expression} }}": ${error}` });
  }
}
