import { evaluateCondition } from '../../../src/engine/conditions/index.js';

/** Evaluates one substituted condition and returns whether it held (throws if the evaluator errored). */
export function holds(key: unknown, operator: string, value: unknown): boolean {
  const result = evaluateCondition({ key, operator, value });
  if (result.kind === 'error') throw new Error(result.message);
  return result.passed;
}

