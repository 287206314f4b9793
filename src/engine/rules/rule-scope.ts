/** Everything one rule evaluation reads. Built by evaluate.ts after match, context and preconditions. */
import type { FailureAction, Rule } from '../../api/policy.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import type { ContextData } from '../context/request-context.js';
import type { Jmespath } from '../jmespath/types.js';
import type { EvaluationMemo } from './evaluation-memo.js';

export interface RuleScope {
  policy: string;
  rule: Rule;
  /** The JSON context after the rule's context entries. */
  data: ContextData;
  /** The object the rule checks: request.object, or oldObject on DELETE. */
  resource: unknown;
  jmespath: Jmespath;
  snapshot: ClusterSnapshot;
  action: FailureAction;
  /** A namespaced Policy's namespace: its context entries may read that namespace only. */
  policyNamespace?: string;
  /** The caller's `foreachValues` for this rule, if any. */
  foreachValues?: Record<string, unknown[]>;
  /** Request-level results shared with the other rules of the evaluation. */
  memo?: EvaluationMemo;
  /**
   * Where the element under validation sits in the resource (`/spec/containers/1`), when a foreach list is a
   * plain path into request.object; pattern failures then report the full path instead of one relative to
   * the element.
   */
  elementPath?: string;
}
