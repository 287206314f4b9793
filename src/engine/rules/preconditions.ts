/**
 * Preconditions and deny conditions. Each condition is substituted only when it is reached (with Kyverno's
 * lenient conditions resolver), so a bad variable in a condition that an earlier one already decided is harmless.
 */
import type { Condition, Conditions } from '../../api/policy.js';
import { evaluateConditionsWith } from '../conditions/index.js';
import type { PreparedCondition } from '../conditions/index.js';
import type { ContextData } from '../context/request-context.js';
import type { Jmespath } from '../jmespath/types.js';
import { substituteAll } from '../variables/index.js';
import { isDeleteRequest } from '../variables/resolve.js';
import { substituteDirect } from './direct-condition.js';

export type ConditionCheck = { kind: 'ok'; holds: boolean; message: string } | { kind: 'error'; message: string };

export function checkConditions(conditions: Conditions | undefined, data: ContextData, jmespath: Jmespath): ConditionCheck {
  if (conditions === undefined || conditions === null) return { kind: 'ok', holds: true, message: '' };
  const scope = { data, jmespath };
  const deleting = isDeleteRequest(data);
  const prepare = (condition: Condition): PreparedCondition => {
    const direct = substituteDirect(condition, data, jmespath, deleting);
    if (direct !== undefined) return { kind: 'ok', condition: direct };
    const sub = substituteAll(condition, scope, 'conditions');
    return sub.ok ? { kind: 'ok', condition: sub.value as Condition } : { kind: 'error', message: sub.message };
  };
  const out = evaluateConditionsWith(conditions, prepare);
  if (out.kind === 'error') return out;
  return { kind: 'ok', holds: out.passed, message: out.message };
}

/**
 * A text key for conditions whose outcome depends only on the data they are checked against: the same key on
 * the same data object gives the same check (PSS policies repeat `request.operation != DELETE` in every rule).
 * Undefined when a function call or `$( )` reference appears (`(`): functions may read the clock or randomness.
 */
const keys = new WeakMap<object, string | null>();

export function conditionsKey(conditions: Conditions | undefined): string | undefined {
  if (typeof conditions !== 'object' || conditions === null) return undefined;
  let key = keys.get(conditions);
  if (key === undefined) {
    const text = JSON.stringify(conditions);
    key = text.includes('(') ? null : text;
    keys.set(conditions, key);
  }
  return key ?? undefined;
}
