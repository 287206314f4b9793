/** Everything one mutate rule evaluation reads. Built by the mutate stage after match, context and preconditions. */
import type { Rule } from '../../../api/policy.js';
import type { ClusterSnapshot } from '../../../api/snapshot.js';
import type { ContextData } from '../../context/request-context.js';
import type { Jmespath } from '../../jmespath/types.js';
import type { ObjectType } from '../../mutate/strategic-merge/index.js';

export interface MutateScope {
  rule: Rule;
  /** The JSON context after the rule's context entries; `request.object` is the object before this rule. */
  data: ContextData;
  /** The object being mutated: the result of the rules and policies before this one. */
  resource: unknown;
  /** apiVersion and kind of the object, which choose the strategic-merge schema. */
  type: ObjectType;
  jmespath: Jmespath;
  snapshot: ClusterSnapshot;
  /** A namespaced Policy's namespace: its context entries may read that namespace only. */
  policyNamespace?: string;
  /** The caller's `foreachValues` for this rule, if any. */
  foreachValues?: Record<string, unknown[]>;
}

/** What applying one rule (or one foreach element) did to the object. */
export type PatchOutcome =
  | { kind: 'patched'; value: unknown }
  | { kind: 'unchanged' }
  | { kind: 'error'; message: string };
