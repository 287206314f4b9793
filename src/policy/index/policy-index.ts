/**
 * Candidate (policy, rule) pairs per kind, operation and namespace, all precomputed at build time so that a
 * request costs a map lookup; a kind that no policy names gets the wildcard rules only.
 */
import type { Operation } from '../../api/admission.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import { type RuleScope, kindKey, ruleScope } from './rule-scope.js';

export interface IndexedRule {
  policy: LoadedPolicy;
  rule: Rule;
  /** Position of the rule in `policy.rules` (autogen rules included). */
  ruleIndex: number;
}

export interface PolicyIndex {
  /**
   * The rules that could match, in policy then rule order. `kind` is the kind of the resource the request is
   * about (for a subresource request, its parent: `Pod` for pods/exec; a `Kind/sub` string is also accepted).
   * `namespace` is the request's namespace; namespaced Policies only come back for their own namespace.
   */
  candidates(kind: string, operation: Operation, namespace?: string): readonly IndexedRule[];
  /** Every indexed rule, in order. */
  readonly rules: readonly IndexedRule[];
}

interface Entry {
  indexed: IndexedRule;
  scope: RuleScope;
  /** Set for a namespaced Policy. */
  namespace: string | undefined;
}

interface OperationBucket {
  cluster: readonly IndexedRule[];
  /** Only namespaces whose list differs from `cluster` (they hold Policies for this kind and operation). */
  byNamespace: ReadonlyMap<string, readonly IndexedRule[]>;
}

type KindBucket = Readonly<Record<Operation, OperationBucket>>;

function policyNamespace(lp: LoadedPolicy): string | undefined {
  return lp.policy.kind === 'Policy' ? (lp.policy.metadata.namespace ?? 'default') : undefined;
}

function bucketFor(entries: readonly Entry[], kind: string | undefined, namespaces: ReadonlySet<string>): KindBucket {
  const forKind = entries.filter((e) => e.scope.kinds === 'any' || (kind !== undefined && e.scope.kinds.has(kind)));
  const make = (op: Operation): OperationBucket => {
    const forOp = forKind.filter((e) => e.scope.operations.has(op));
    const cluster = forOp.filter((e) => e.namespace === undefined).map((e) => e.indexed);
    const byNamespace = new Map<string, readonly IndexedRule[]>();
    for (const ns of namespaces) {
      if (!forOp.some((e) => e.namespace === ns)) continue;
      byNamespace.set(ns, forOp.filter((e) => e.namespace === undefined || e.namespace === ns).map((e) => e.indexed));
    }
    return { cluster, byNamespace };
  };
  return { CREATE: make('CREATE'), UPDATE: make('UPDATE'), DELETE: make('DELETE'), CONNECT: make('CONNECT') };
}

export function buildPolicyIndex(policies: readonly LoadedPolicy[]): PolicyIndex {
  const entries: Entry[] = [];
  const kindNames = new Set<string>();
  const namespaces = new Set<string>();
  for (const policy of policies) {
    const namespace = policyNamespace(policy);
    if (namespace !== undefined) namespaces.add(namespace);
    policy.rules.forEach((rule, ruleIndex) => {
      const scope = ruleScope(rule.match);
      if (scope.kinds !== 'any') scope.kinds.forEach((k) => kindNames.add(k));
      entries.push({ indexed: { policy, rule, ruleIndex }, scope, namespace });
    });
  }
  const wildcardOnly = bucketFor(entries, undefined, namespaces);
  const byKind = new Map<string, KindBucket>();
  for (const kind of kindNames) byKind.set(kind, bucketFor(entries, kind, namespaces));
  const rules = entries.map((e) => e.indexed);

  return {
    rules,
    candidates(kind: string, operation: Operation, namespace?: string): readonly IndexedRule[] {
      const slash = kind.indexOf('/');
      const name = slash < 0 ? kind : kind.slice(0, slash);
      const bucket = (byKind.get(kindKey(name)) ?? wildcardOnly)[operation];
      if (!bucket) return [];
      return (namespace ? bucket.byNamespace.get(namespace) : undefined) ?? bucket.cluster;
    },
  };
}


const grouped = new WeakMap<readonly IndexedRule[], readonly LoadedPolicy[]>();

/**
 * The candidate rules regrouped as policies (each with only its candidate rules, in order), ready for the
 * engine. Candidate lists are precomputed and stable, so the grouping is done once per list and cached.
 */
export function candidatePolicies(index: PolicyIndex, kind: string, operation: Operation, namespace?: string): readonly LoadedPolicy[] {
  const rules = index.candidates(kind, operation, namespace);
  if (rules.length === 0) return [];
  let out = grouped.get(rules);
  if (!out) {
    const byPolicy = new Map<LoadedPolicy, Rule[]>();
    for (const { policy, rule } of rules) {
      const list = byPolicy.get(policy);
      if (list) list.push(rule);
      else byPolicy.set(policy, [rule]);
    }
    out = [...byPolicy].map(([policy, subset]) => (subset.length === policy.rules.length ? policy : { ...policy, rules: subset }));
    grouped.set(rules, out);
  }
  return out;
}
