/**
 * The common shape of a condition, substituted without the general walk: key and value each a literal or a
 * string that is exactly one `{{ expression }}`, operator and message without variables, no `$( )` anywhere.
 * Such a condition resolves to the same `{key, operator, value, message}` that substitution with the
 * conditions resolver builds, at a fraction of the cost (conditions run per rule and per foreach element).
 * Anything else, and any value the general walk would still rewrite, is left to that walk.
 */
import { isRecord } from '../../api/json.js';
import type { Condition } from '../../api/policy.js';
import type { Jmespath } from '../jmespath/types.js';
import { findVariables, variableExpression } from '../variables/patterns.js';
import { splitShallow } from '../variables/resolve.js';

type Operand =
  | { kind: 'literal'; value: unknown }
  /** `deleting`: the expression as it reads on DELETE, where Kyverno reads request.oldObject for request.object. */
  | { kind: 'variable'; expression: string; deleting: string };

interface DirectCondition {
  key: Operand;
  value: Operand;
  operator: unknown;
  message: unknown;
}

const FIELDS = new Set(['key', 'operator', 'value', 'message']);
const compiled = new WeakMap<object, DirectCondition | null>();

function hasMarkers(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('$(');
  if (Array.isArray(value)) return value.some(hasMarkers);
  if (isRecord(value)) return Object.entries(value).some(([k, v]) => hasMarkers(k) || hasMarkers(v));
  return false;
}

function operandOf(value: unknown): Operand | undefined {
  if (typeof value !== 'string') return hasMarkers(value) ? undefined : { kind: 'literal', value };
  if (value.includes('$(')) return undefined;
  if (!value.includes('{{')) return { kind: 'literal', value };
  const found = findVariables(value);
  if (found.length !== 1 || found[0].start !== 0 || found[0].text !== value) return undefined;
  // `{{- x }}` (shallow) differs only in values that hold variables, which fall back anyway.
  const { expression } = splitShallow(variableExpression(value));
  // `{{@}}` depends on the field's position, an empty expression is an error: both for the general walk.
  if (expression === '@' || expression === '' || expression.includes('{{')) return undefined;
  return { kind: 'variable', expression, deleting: expression.replaceAll('request.object', 'request.oldObject') };
}

function compile(condition: Condition): DirectCondition | null {
  for (const field of Object.keys(condition)) if (!FIELDS.has(field)) return null;
  if (hasMarkers(condition.operator) || hasMarkers(condition.message)) return null;
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

function resolve(operand: Operand, data: unknown, jmespath: Jmespath, deleting: boolean): unknown {
  if (operand.kind === 'literal') return operand.value;
  const out = jmespath.query(deleting ? operand.deleting : operand.expression, data);
  // The conditions resolver reads what cannot be resolved as an empty string.
  if (!out.ok) return '';
  const value = out.value ?? null;
  // A container holding `{{` would be walked and substituted in turn: the general path does that.
  return typeof value === 'object' && value !== null && hasMarkers(value) ? RETRY : value;
}
