import { evaluateCondition } from '../../../src/engine/conditions/index.js';

/** Evaluates one substituted condition and returns whether it held (throws if the evaluator errored). */
export function holds(key: unknown, operator: string, value: unknown): boolean {
  const result = evaluateCondition({ key, operator, value });
  if (result.kind === 'error') throw new Error(result.message);
  return result.passed;
}


/** Expected results of one family's [>, >=, <, <=] operators for a key and value. */
export type Order = [gt: boolean, ge: boolean, lt: boolean, le: boolean];
export type OrderRow = [key: unknown, value: unknown, expected: Order];

export const BIGGER: Order = [true, true, false, false];
export const SMALLER: Order = [false, false, true, true];
export const SAME: Order = [false, true, false, true];
export const NEVER: Order = [false, false, false, false];

/** The four results of the operators named in [>, >=, <, <=] order. */
export function orderResults(operators: readonly [string, string, string, string], key: unknown, value: unknown): Order {
  const [gt, ge, lt, le] = operators.map((op) => holds(key, op, value));
  return [gt, ge, lt, le];
}
