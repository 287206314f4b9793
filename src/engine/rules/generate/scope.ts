/** Everything one generate rule evaluation reads. Built by the generate stage after match, context and preconditions. */
import type { CloneSourceRef } from '../../../api/generate.js';
import type { KubeObject } from '../../../api/kube.js';
import type { Rule } from '../../../api/policy.js';
import type { ClusterSnapshot } from '../../../api/snapshot.js';
import type { ContextData } from '../../context/request-context.js';
import type { Jmespath } from '../../jmespath/types.js';
import type { Ownership } from './labels.js';

export interface GenerateScope {
  rule: Rule;
  /** The JSON context after the rule's context entries. */
  data: ContextData;
  jmespath: Jmespath;
  /** Clone sources are read through `apiGet`. */
  snapshot: ClusterSnapshot;
  /** A namespaced Policy's namespace: it may generate, and clone from, that namespace only. */
  policyNamespace?: string;
  /** The caller's `foreachValues` for this rule, if any. */
  foreachValues?: Record<string, unknown[]>;
  /** Who the generated objects belong to (policy, rule, trigger), for their labels. */
  owner: Ownership;
}

/** One object a generate pattern asks for. */
export interface Produced {
  object: KubeObject;
  cloneSource?: CloneSourceRef;
}

/** What one generate pattern (the rule's, or one foreach element's) gives: objects, or why it cannot. */
export type PatternOutcome = { ok: true; produced: Produced[]; notes: string[] } | { ok: false; message: string };
