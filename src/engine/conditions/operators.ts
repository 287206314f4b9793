/**
 * Operator names and dispatch. Kyverno matches operator names case-insensitively and still accepts the
 * deprecated Equal, NotEqual, In, NotIn and Duration* operators; any other name is an error.
 */
import type { Condition } from '../../api/policy.js';
import { evaluateDurationOp } from './duration-ops.js';
import { evaluateEquals, evaluateNotEquals } from './equality.js';
import { evaluateMembership } from './membership.js';
import { evaluateNumeric } from './numeric.js';

export type ConditionResult = { kind: 'ok'; passed: boolean } | { kind: 'error'; message: string };

type Evaluator = (key: unknown, value: unknown) => boolean;

/** Canonical operator names (as Kyverno's ConditionOperators lists them) and their evaluators. */
export const CONDITION_OPERATORS = {
  Equal: evaluateEquals,
  Equals: evaluateEquals,
  NotEqual: evaluateNotEquals,
  NotEquals: evaluateNotEquals,
  In: (k, v) => evaluateMembership('In', k, v),
  AnyIn: (k, v) => evaluateMembership('AnyIn', k, v),
  AllIn: (k, v) => evaluateMembership('AllIn', k, v),
  NotIn: (k, v) => evaluateMembership('NotIn', k, v),
  AnyNotIn: (k, v) => evaluateMembership('AnyNotIn', k, v),
  AllNotIn: (k, v) => evaluateMembership('AllNotIn', k, v),
  GreaterThan: (k, v) => evaluateNumeric('gt', k, v),
  GreaterThanOrEquals: (k, v) => evaluateNumeric('ge', k, v),
  LessThan: (k, v) => evaluateNumeric('lt', k, v),
  LessThanOrEquals: (k, v) => evaluateNumeric('le', k, v),
  DurationGreaterThan: (k, v) => evaluateDurationOp('gt', k, v),
  DurationGreaterThanOrEquals: (k, v) => evaluateDurationOp('ge', k, v),
  DurationLessThan: (k, v) => evaluateDurationOp('lt', k, v),
  DurationLessThanOrEquals: (k, v) => evaluateDurationOp('le', k, v),
} satisfies Record<string, Evaluator>;

export type ConditionOperatorName = keyof typeof CONDITION_OPERATORS;

/** Operators Kyverno warns about at policy admission, with the replacements it suggests. */
export const DEPRECATED_OPERATORS: Readonly<Partial<Record<ConditionOperatorName, readonly ConditionOperatorName[]>>> = {
  In: ['AllIn', 'AnyIn'],
  NotIn: ['AllNotIn', 'AnyNotIn'],
};

const BY_LOWER_NAME: ReadonlyMap<string, ConditionOperatorName> = new Map(
  (Object.keys(CONDITION_OPERATORS) as ConditionOperatorName[]).map((name) => [name.toLowerCase(), name]),
);

/** The canonical name for an operator as written in a policy (any letter case), or undefined. */
export function resolveOperator(operator: unknown): ConditionOperatorName | undefined {
  return typeof operator === 'string' ? BY_LOWER_NAME.get(operator.toLowerCase()) : undefined;
}

/** Evaluates one condition whose key and value are already substituted. */
export function evaluateCondition(condition: Condition): ConditionResult {
  const name = resolveOperator(condition.operator);
  if (name === undefined) {
    return { kind: 'error', message: `unsupported condition operator ${JSON.stringify(condition.operator)}` };
  }
  return { kind: 'ok', passed: CONDITION_OPERATORS[name](condition.key, condition.value) };
}
