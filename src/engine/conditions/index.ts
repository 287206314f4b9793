/** Condition operators for preconditions and deny conditions (Kyverno-compatible). */
export type { ConditionsOutcome, PrepareCondition, PreparedCondition } from './evaluate.js';
export { evaluateConditions, evaluateConditionsWith } from './evaluate.js';
export type { ConditionResult, ConditionOperatorName } from './operators.js';
export { evaluateCondition, resolveOperator, CONDITION_OPERATORS, DEPRECATED_OPERATORS } from './operators.js';
