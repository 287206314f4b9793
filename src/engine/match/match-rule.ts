/** A rule's match AND NOT exclude for one request (Kyverno's MatchesResourceDescription). */
import type { MatchResources, Rule } from '../../api/policy.js';
import { evaluateExcludeBlock, evaluateMatchBlock } from './filter.js';
import type { MatchContext } from './resource-description.js';
import { viewResource } from './resource-view.js';
import { topLevelKind } from './top-level-kind.js';
import type { MatchInput, MatchOutcome } from './types.js';

/**
 * The request side of matching: the same for every rule, so a caller matching many rules against one request
 * builds it once (undefined when there is no object to match).
 */
export function prepareMatch(input: MatchInput): MatchContext | undefined {
  const view = viewResource(input.resource);
  if (!view) return undefined;
  const { request } = input;
  let labels: { labels: Record<string, string>; known: boolean } | undefined;
  return {
    view,
    gvk: topLevelKind(request, input.resourceKind),
    subresource: request.subResource ?? '',
    operation: request.operation,
    user: { userInfo: request.userInfo ?? {}, roles: input.roles, clusterRoles: input.clusterRoles },
    namespaceLabels() {
      if (!labels) {
        // Cluster-scoped resources have no namespace, hence no labels, which a selector then sees as an empty set.
        const ns = view.namespace || request.namespace || '';
        const found = ns === '' ? {} : input.namespaceLabels(ns);
        labels = { labels: found ?? {}, known: found !== undefined };
      }
      return labels;
    },
  };
}

export function matchRule(rule: Rule, input: MatchInput): MatchOutcome {
  return matchPrepared(rule, prepareMatch(input), input.policyNamespace);
}

const MATCHED: MatchOutcome = Object.freeze({ matched: true });

/** matchRule with the request side prepared by `prepareMatch`; `policyNamespace` is set for a namespaced Policy. */
export function matchPrepared(rule: Rule, ctx: MatchContext | undefined, policyNamespace?: string): MatchOutcome {
  if (!ctx) return { matched: false, reason: 'resource is empty' };
  if (policyNamespace && policyNamespace !== ctx.view.namespace) {
    return { matched: false, reason: `policy namespace "${policyNamespace}" differs from resource namespace "${ctx.view.namespace}"` };
  }
  const m = evaluateMatchBlock(rule.match ?? {}, ctx);
  if (!m.ok) return { matched: false, reason: m.reason };
  const e = evaluateExcludeBlock(rule.exclude, ctx);
  if (!e.ok) return { matched: false, reason: e.reason };
  return MATCHED;
}

/** Whether a match block alone selects the request (no policy-namespace check, no exclude). */
export function matchesFilter(match: MatchResources, input: MatchInput): boolean {
  const ctx = prepareMatch(input);
  return ctx !== undefined && evaluateMatchBlock(match, ctx).ok;
}
