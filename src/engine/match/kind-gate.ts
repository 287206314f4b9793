/**
 * A cheap first test of a rule's match block: whether its `kinds` lists leave any chance of selecting the
 * request's kind. A policy's autogen rules name pod controllers, so for a Pod most of its rules fail here; the
 * full match (which builds a reason for every failing filter) then runs only for rules that may match.
 * Never stricter than the full match: a filter without kinds, or any filter shape it does not know, passes.
 */
import type { GroupVersionKind } from '../../api/kube.js';
import type { LoadedPolicy, MatchResources, ResourceDescription, ResourceFilter, Rule } from '../../api/policy.js';
import { hasUser, isSet, legacyFilter } from './filter.js';
import { kindsMatch } from './kind-selector.js';

/** `any`: one of the lists must select the kind; `all`: every list must. */
type Gate = { mode: 'any' | 'all'; lists: ReadonlyArray<readonly string[]> } | 'open';

const gates = new WeakMap<Rule, Gate>();

function kindsOf(rd: ResourceDescription | undefined): readonly string[] | undefined {
  const kinds = rd?.kinds;
  return Array.isArray(kinds) && kinds.length > 0 ? kinds : undefined;
}

/** Mirrors the precedence of the full match: a non-empty `any`, else a non-empty `all`, else the legacy filter. */
function gateOf(match: MatchResources | undefined): Gate {
  if (!match) return 'open';
  if (match.any && match.any.length > 0) {
    const lists: (readonly string[])[] = [];
    for (const filter of match.any) {
      const kinds = kindsOf(filter.resources);
      // A filter without kinds may select any kind, and then so may the block.
      if (kinds === undefined) return 'open';
      lists.push(kinds);
    }
    return { mode: 'any', lists };
  }
  if (match.all && match.all.length > 0) {
    const lists = match.all.map((filter) => kindsOf(filter.resources)).filter((k): k is readonly string[] => k !== undefined);
    return lists.length === 0 ? 'open' : { mode: 'all', lists };
  }
  const kinds = kindsOf(match.resources);
  return kinds === undefined ? 'open' : { mode: 'all', lists: [kinds] };
}

/** False only when the rule's match block cannot select a request of this kind and subresource. */
export function mayMatchKind(rule: Rule, gvk: GroupVersionKind, subresource: string): boolean {
  let gate = gates.get(rule);
  if (gate === undefined) {
    gate = gateOf(rule.match);
    gates.set(rule, gate);
  }
  if (gate === 'open') return true;
  if (gate.mode === 'any') {
    for (const kinds of gate.lists) if (kindsMatch(kinds, gvk, subresource, true)) return true;
    return false;
  }
  for (const kinds of gate.lists) if (!kindsMatch(kinds, gvk, subresource, true)) return false;
  return true;
}

/** The stages that run rules, each over the rules holding its own block. */
export type RuleStage = 'validate' | 'mutate' | 'generate';

/** A request's kind and subresource, with the text key its rule lists are cached under. */
export interface RequestKind {
  gvk: GroupVersionKind;
  subresource: string;
  key: string;
}

export function requestKind(gvk: GroupVersionKind, subresource: string): RequestKind {
  return { gvk, subresource, key: `${gvk.group}/${gvk.version}/${gvk.kind}/${subresource}` };
}

/**
 * Per policy, the rules of one stage that may select a kind and subresource, in policy order: the gate runs
 * once per policy and kind instead of once per rule and request, so a request does not even look at the rules
 * its kind rules out. Kinds come from the API server and are few; past the cap a list is computed uncached.
 */
const MAX_KINDS_PER_POLICY = 256;
const plans: Record<RuleStage, WeakMap<LoadedPolicy, Map<string, readonly Rule[]>>> = {
  validate: new WeakMap(),
  mutate: new WeakMap(),
  generate: new WeakMap(),
};

export function candidateRules(lp: LoadedPolicy, stage: RuleStage, kind: RequestKind): readonly Rule[] {
  const byPolicy = plans[stage];
  let plan = byPolicy.get(lp);
  if (plan === undefined) {
    plan = new Map();
    byPolicy.set(lp, plan);
  }
  let rules = plan.get(kind.key);
  if (rules === undefined) {
    rules = lp.rules.filter((rule) => rule[stage] !== undefined && rule[stage] !== null && mayMatchKind(rule, kind.gvk, kind.subresource));
    if (plan.size < MAX_KINDS_PER_POLICY) plan.set(kind.key, rules);
  }
  return rules;
}

/**
 * Whether, for a rule the gate let through, the full match is already decided: the match block names kinds
 * and nothing else (every `any` filter, or the legacy filter, holds `resources.kinds` only: no other resource
 * field, no subjects or roles) and there is no exclude block. Most rules of the policies in the wild, PSS
 * included, are of this shape, and then the full match, with its reasons, is skipped.
 */
const decided = new WeakMap<Rule, boolean>();

export function decidedByKind(rule: Rule): boolean {
  let known = decided.get(rule);
  if (known === undefined) {
    known = kindOnlyMatch(rule.match) && (rule.exclude === undefined || rule.exclude === null);
    decided.set(rule, known);
  }
  return known;
}

function kindsOnly(filter: ResourceFilter | undefined): boolean {
  if (!filter || hasUser(filter)) return false;
  const rd = filter.resources;
  if (!rd || kindsOf(rd) === undefined) return false;
  for (const [key, value] of Object.entries(rd)) if (key !== 'kinds' && isSet(value)) return false;
  return true;
}

function kindOnlyMatch(match: MatchResources | undefined): boolean {
  if (!match) return false;
  if (match.any && match.any.length > 0) return match.any.every(kindsOnly);
  if (match.all && match.all.length > 0) return false;
  return kindsOnly(legacyFilter(match));
}
