/**
 * Combines conditions the way Kyverno does (pkg/engine/variables/evaluate.go):
 * - `any` holds when one condition holds; it stops at the first that does. A present but EMPTY `any`
 *   list never holds (Go sees a non-nil empty slice); an absent/null `any` holds.
 * - `all` holds when every condition holds; it stops at the first that does not. Absent or empty holds.
 * - both blocks must hold; `any` is evaluated first, then `all`, even when `any` already failed.
 * - the legacy plain list means all, stopping at the first failure.
 * Conditions after a stop are never evaluated, so their substitution errors never surface.
 */
import { isRecord } from '../../api/json.js';
import type { Condition, Conditions } from '../../api/policy.js';
import { evaluateCondition } from './operators.js';

export type ConditionsOutcome =
  | {
      kind: 'ok';
      passed: boolean;
      /** `message` of every evaluated condition that did not hold (empty ones left out), in order. */
      failedMessages: string[];
      /** `message` of every evaluated condition that held (empty ones left out), in order. */
      passedMessages: string[];
      /**
       * The message Kyverno reports with the result: the held messages joined by "; " when the
       * conditions pass, else the failed ones (legacy list: ";" when passing, the failing one otherwise).
       */
      message: string;
    }
  | { kind: 'error'; message: string };

export type PreparedCondition = { kind: 'ok'; condition: Condition } | { kind: 'error'; message: string };

/** Called right before a condition is evaluated: the place to substitute variables lazily, like Kyverno. */
export type PrepareCondition = (condition: Condition) => PreparedCondition;

type Step = { kind: 'ok'; passed: boolean; message: string } | { kind: 'error'; message: string };

function runOne(raw: unknown, prepare: PrepareCondition): Step {
  if (!isRecord(raw)) return { kind: 'error', message: 'invalid condition: expected an object with key, operator and value' };
  const prepared = prepare(raw as unknown as Condition);
  if (prepared.kind === 'error') return prepared;
  const result = evaluateCondition(prepared.condition);
  if (result.kind === 'error') return result;
  const message = typeof prepared.condition.message === 'string' ? prepared.condition.message : '';
  return { kind: 'ok', passed: result.passed, message };
}

function push(list: string[], message: string): void {
  if (message !== '') list.push(message);
}

function conditionList(block: unknown, name: string): unknown[] | undefined | string {
  if (block === undefined || block === null) return undefined;
  if (!Array.isArray(block)) return `invalid conditions: "${name}" must be a list`;
  return block;
}

function evaluateAnyAll(conditions: Record<string, unknown>, prepare: PrepareCondition): ConditionsOutcome {
  const anyList = conditionList(conditions.any, 'any');
  if (typeof anyList === 'string') return { kind: 'error', message: anyList };
  const allList = conditionList(conditions.all, 'all');
  if (typeof allList === 'string') return { kind: 'error', message: allList };
  const failedMessages: string[] = [];
  const passedMessages: string[] = [];

  let anyPassed = true;
  if (anyList !== undefined) {
    anyPassed = false;
    for (const raw of anyList) {
      const step = runOne(raw, prepare);
      if (step.kind === 'error') return step;
      if (step.passed) {
        anyPassed = true;
        push(passedMessages, step.message);
        break;
      }
      push(failedMessages, step.message);
    }
  }

  let allPassed = true;
  for (const raw of allList ?? []) {
    const step = runOne(raw, prepare);
    if (step.kind === 'error') return step;
    if (!step.passed) {
      allPassed = false;
      push(failedMessages, step.message);
      break;
    }
    push(passedMessages, step.message);
  }

  const passed = anyPassed && allPassed;
  const message = (passed ? passedMessages : failedMessages).join('; ');
  return { kind: 'ok', passed, failedMessages, passedMessages, message };
}

function evaluateLegacy(list: unknown[], prepare: PrepareCondition): ConditionsOutcome {
  const passedMessages: string[] = [];
  for (const raw of list) {
    const step = runOne(raw, prepare);
    if (step.kind === 'error') return step;
    if (!step.passed) {
      const failedMessages = step.message === '' ? [] : [step.message];
      return { kind: 'ok', passed: false, failedMessages, passedMessages, message: step.message };
    }
    push(passedMessages, step.message);
  }
  return { kind: 'ok', passed: true, failedMessages: [], passedMessages, message: passedMessages.join(';') };
}

/**
 * Evaluates conditions, preparing each one (e.g. substituting variables) only when it is reached.
 * Missing conditions (undefined / null) hold.
 */
export function evaluateConditionsWith(conditions: Conditions | null | undefined, prepare: PrepareCondition): ConditionsOutcome {
  const input: unknown = conditions;
  if (input === undefined || input === null) {
    return { kind: 'ok', passed: true, failedMessages: [], passedMessages: [], message: '' };
  }
  if (Array.isArray(input)) return evaluateLegacy(input, prepare);
  if (isRecord(input)) return evaluateAnyAll(input, prepare);
  return { kind: 'error', message: 'invalid condition: expected an any/all block or a list of conditions' };
}

/** Evaluates conditions whose keys and values are already substituted. */
export function evaluateConditions(conditions: Conditions | null | undefined): ConditionsOutcome {
  return evaluateConditionsWith(conditions, (condition) => ({ kind: 'ok', condition }));
}
