/** Preconditions (rule or foreach level): substituted with Kyverno's lenient resolver, then evaluated. */
import type { Conditions } from '../../api/policy.js';
import { evaluateConditions } from '../conditions/index.js';
import type { ContextData } from '../context/request-context.js';
import type { Jmespath } from '../jmespath/types.js';
import { substituteAll } from '../variables/index.js';

export type ConditionCheck = { kind: 'ok'; holds: boolean; failedMessages: string[] } | { kind: 'error'; message: string };

export function checkConditions(conditions: Conditions | undefined, data: ContextData, jmespath: Jmespath): ConditionCheck {
  if (conditions === undefined || conditions === null) return { kind: 'ok', holds: true, failedMessages: [] };
  const sub = substituteAll(conditions, { data, jmespath }, 'conditions');
  if (!sub.ok) return { kind: 'error', message: sub.message };
  const out = evaluateConditions(sub.value as Conditions);
  if (out.kind === 'error') return out;
  return { kind: 'ok', holds: out.passed, failedMessages: out.failedMessages };
}
