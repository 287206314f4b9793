/**
 * Which policies and rules a background scan may evaluate, as Kyverno's background controller decides:
 * policies with `spec.background` not false, and of those only validate rules that need nothing but the
 * object itself. A rule that matches or excludes by subjects, roles or clusterRoles, or whose variables read
 * the requesting user (`request.userInfo`, `request.roles`, `request.clusterRoles`, `serviceAccountName`,
 * `serviceAccountNamespace`), cannot be answered without an admission request and is left out.
 * `request.operation` is allowed: a background scan evaluates the object as a CREATE, as Kyverno's scanner does.
 */
import type { LoadedPolicy, MatchResources, ResourceFilter, Rule } from '../../api/policy.js';

export interface ExcludedRule {
  policy: string;
  rule: string;
  reason: string;
}

export interface BackgroundSelection {
  /** Background policies, each reduced to its background-safe validate rules; policies left with none are absent. */
  policies: LoadedPolicy[];
  /** Validate rules of background policies that were left out, with why. */
  excluded: ExcludedRule[];
}

// Kyverno's variables: `{{ ... }}` allowing one level of nested braces (JMESPath multiselect hashes).
const VARIABLE = /\{\{(?:\{[^{}]*\}|[^{}])*\}\}/g;
// A user-dependent name counts only at the start of a path: `request.object.spec.serviceAccountName` is the object's.
const USER_VARIABLES: readonly RegExp[] = [
  /[^.](serviceAccountName)\b/,
  /[^.](serviceAccountNamespace)\b/,
  /[^.](request\.userInfo)\b/,
  /[^.](request\.roles)\b/,
  /[^.](request\.clusterRoles)\b/,
];

function filterUserInfo(filter: ResourceFilter | MatchResources): string | undefined {
  if ((filter.subjects?.length ?? 0) > 0) return 'subjects';
  if ((filter.roles?.length ?? 0) > 0) return 'roles';
  if ((filter.clusterRoles?.length ?? 0) > 0) return 'clusterRoles';
  return undefined;
}

function userInfoIn(block: MatchResources | undefined, where: 'match' | 'exclude'): string | undefined {
  if (!block) return undefined;
  const top = filterUserInfo(block);
  if (top) return `${where}.${top}`;
  for (const [list, name] of [[block.any, 'any'], [block.all, 'all']] as const) {
    for (const [i, f] of (list ?? []).entries()) {
      const field = filterUserInfo(f);
      if (field) return `${where}.${name}[${i}].${field}`;
    }
  }
  return undefined;
}

/** Why a rule cannot run in the background, or undefined when it can. */
export function admissionOnlyReason(rule: Rule): string | undefined {
  const userInfo = userInfoIn(rule.match, 'match') ?? userInfoIn(rule.exclude, 'exclude');
  if (userInfo) return `${userInfo} needs the admission request's user`;
  const text = JSON.stringify(rule);
  for (const variable of text.match(VARIABLE) ?? []) {
    const hit = USER_VARIABLES.find((re) => re.test(variable));
    if (hit) return `variable ${variable} needs the admission request's user`;
  }
  return undefined;
}

/** `spec.background` defaults to true (the loader sets it; a hand-built policy may not). */
export function isBackgroundPolicy(lp: LoadedPolicy): boolean {
  return lp.policy.spec.background !== false;
}

interface Reduced {
  policy: LoadedPolicy | undefined;
  excluded: ExcludedRule[];
}

// Policies are immutable once loaded: the reduction is computed once per policy object.
const reduced = new WeakMap<LoadedPolicy, Reduced>();

function reduce(lp: LoadedPolicy): Reduced {
  const known = reduced.get(lp);
  if (known) return known;
  const rules: Rule[] = [];
  const excluded: ExcludedRule[] = [];
  for (const rule of lp.rules) {
    // Mutate and generate rules never run on existing objects here (the generate controller has its own path).
    if (!rule.validate) continue;
    const reason = admissionOnlyReason(rule);
    if (reason) excluded.push({ policy: lp.key, rule: rule.name, reason });
    else rules.push(rule);
  }
  const policy = rules.length === 0 ? undefined : rules.length === lp.rules.length ? lp : { ...lp, rules };
  const out = { policy, excluded };
  reduced.set(lp, out);
  return out;
}

export function backgroundPolicies(policies: readonly LoadedPolicy[]): BackgroundSelection {
  const out: BackgroundSelection = { policies: [], excluded: [] };
  for (const lp of policies) {
    if (!isBackgroundPolicy(lp)) continue;
    const r = reduce(lp);
    if (r.policy) out.policies.push(r.policy);
    out.excluded.push(...r.excluded);
  }
  return out;
}
