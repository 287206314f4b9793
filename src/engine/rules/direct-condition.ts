/**
 * The common shape of a condition, substituted without the general walk: key and value each a literal or a
 * string that is exactly one `{{ expression }}`, operator and message without variables, no `$( )` anywhere.
 * Such a condition resolves to the same `{key, operator, value, message}` that substitution with the
 * conditions resolver builds, at a fraction of the cost (conditions run per rule and per foreach element).
 * Anything else, and any value the general walk would still rewrite, is left to that walk.
 */
import type { Condition } from '../../api/policy.js';
import type { Jmespath } from '../jmespath/types.js';
import { hasVariables } from '../variables/index.js';
import { findVariables, variableExpression } from '../variables/patterns.js';
import { resolveExpression, splitShallow } from '../variables/resolve.js';

type Operand = { kind: 'literal'; value: unknown } | { kind: 'variable'; expression: string; shallow: boolean };

interface DirectCondition {
  key: Operand;
  value: Operand;
  operator: unknown;
  message: unknown;
}

const FIELDS = new Set(['key', 'operator', 'value', 'message']);
const compiled = new WeakMap<object, DirectCondition | null>();

function operandOf(value: unknown): Operand | undefined {
  if (typeof value !== 'string') return hasVariables(value) ? undefined : { kind: 'literal', value };
  if (value.includes('$(')) return undefined;
  if (!value.includes('{{')) return { kind: 'literal', value };
  const found = findVariables(value);
  if (found.length !== 1 || found[0].start !== 0 || found[0].text !== value) return undefined;
  const { expression, shallow } = splitShallow(variableExpression(value));
  // `{{@}}` depends on the field's position, an empty expression is an error: both for the general walk.
  if (expression === '@' || expression === '' || expression.includes('{{')) return undefined;
  return { kind: 'variable', expression, shallow };
}

function compile(condition: Condition): DirectCondition | null {
  for (const field of Object.keys(condition)) if (!FIELDS.has(field)) return null;
  if (hasVariables(condition.operator) || hasVariables(condition.message)) return null;
  const key = operandOf(condition.key);
  const value = operandOf(condition.value);
  if (key === undefined || value === undefined) return null;
  return { key, value, operator: condition.operator, message: condition.message };
}

/** The substituted condition, or undefined when the general substitution must handle it. */
export function substituteDirect(condition: Condition, data: unknown, jmespath: Jmespath, deleting: boolean): Condition | undefined {
  let direct = compiled.get(condition);
  if (direct === undefined) {
    direct = compile(condition);
    compiled.set(condition, direct);
  }
  if (direct === null) return undefined;
  const key = resolve(direct.key, data, jmespath, deleting);
  if (key === RETRY) return undefined;
  const value = resolve(direct.value, data, jmespath, deleting);
  if (value === RETRY) return undefined;
  return { key, operator: direct.operator as string, value, message: direct.message as string | undefined };
}

const RETRY: unique symbol = Symbol('retry');
const NO_PATH: readonly string[] = [];

function resolve(operand: Operand, data: unknown, jmespath: Jmespath, isDelete: boolean): unknown {
  if (operand.kind === 'literal') return operand.value;
  // The general walk's own resolution (DELETE reads request.oldObject; unresolvable reads as ""). The path only
  // serves `{{@}}` and error messages, neither of which reaches here.
  const out = resolveExpression(operand.expression, operand.shallow, { scope: { data, jmespath }, resolver: 'conditions', path: NO_PATH, isDelete });
  if (!out.ok) return RETRY;
  // A container holding `{{` would be walked and substituted in turn: the general path does that.
  return typeof out.value === 'object' && out.value !== null && hasVariables(out.value) ? RETRY : out.value;
}
