/** match / exclude blocks: `any`, `all` or the legacy top-level filter, as Kyverno's MatchesResourceDescription. */
import type { MatchResources, ResourceDescription, ResourceFilter } from '../../api/policy.js';
import { checkFilter, type MatchContext } from './resource-description.js';
import { isUnknownUser } from './user-info.js';

// Go compares with the zero struct: a present list or map counts as set even when empty, an empty name does not.
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

const DESCRIPTION_FIELDS = ['kinds', 'name', 'names', 'namespaces', 'annotations', 'selector', 'namespaceSelector', 'operations'] as const;

function isEmptyDescription(rd: ResourceDescription | undefined): boolean {
  if (!rd) return true;
  for (const k of DESCRIPTION_FIELDS) if (isSet(rd[k])) return false;
  return true;
}

export function hasUser(f: ResourceFilter): boolean {
  return isSet(f.subjects) || isSet(f.roles) || isSet(f.clusterRoles);
}

export function legacyFilter(block: MatchResources): ResourceFilter {
  return { resources: block.resources, subjects: block.subjects, roles: block.roles, clusterRoles: block.clusterRoles };
}

export type BlockResult = { ok: true } | { ok: false; reason: string };

/** Reasons one match filter fails; an empty filter never matches. */
function matchFilterErrors(filter: ResourceFilter, ctx: MatchContext): string[] {
  // Without any knowledge of the requester, Kyverno drops the user part of match filters (not of exclude ones).
  const f: ResourceFilter = isUnknownUser(ctx.user) ? { resources: filter.resources } : filter;
  if (isEmptyDescription(f.resources) && !hasUser(f)) return ['filter is empty'];
  return checkFilter(f, ctx);
}

/** Whether one exclude filter selects the request; an empty filter excludes nothing. */
function excludeFilterHits(filter: ResourceFilter, ctx: MatchContext): boolean {
  if (isEmptyDescription(filter.resources) && !hasUser(filter)) return false;
  return checkFilter(filter, ctx).length === 0;
}

// Every matching rule of every request gets this answer: one shared object.
const OK: BlockResult = Object.freeze({ ok: true });

export function evaluateMatchBlock(block: MatchResources, ctx: MatchContext): BlockResult {
  if (block.any && block.any.length > 0) {
    const fails: string[] = [];
    for (let i = 0; i < block.any.length; i++) {
      const errs = matchFilterErrors(block.any[i], ctx);
      if (errs.length === 0) return OK;
      fails.push(`any[${i}]: ${errs.join('; ')}`);
    }
    return { ok: false, reason: `match.any: no filter matched (${fails.join(' | ')})` };
  }
  if (block.all && block.all.length > 0) {
    let fails: string[] | undefined;
    for (let i = 0; i < block.all.length; i++) {
      const errs = matchFilterErrors(block.all[i], ctx);
      if (errs.length > 0) (fails ??= []).push(`all[${i}]: ${errs.join('; ')}`);
    }
    return fails === undefined ? OK : { ok: false, reason: `match.all: not every filter matched (${fails.join(' | ')})` };
  }
  const errs = matchFilterErrors(legacyFilter(block), ctx);
  return errs.length === 0 ? OK : { ok: false, reason: `match: ${errs.join('; ')}` };
}

/** `ok: true` when the request is NOT excluded. */
export function evaluateExcludeBlock(block: MatchResources | undefined, ctx: MatchContext): BlockResult {
  if (!block) return OK;
  if (block.any && block.any.length > 0) {
    const hit = block.any.findIndex((f) => excludeFilterHits(f, ctx));
    return hit < 0 ? OK : { ok: false, reason: `excluded by exclude.any[${hit}]` };
  }
  if (block.all && block.all.length > 0) {
    return block.all.every((f) => excludeFilterHits(f, ctx)) ? { ok: false, reason: 'excluded by exclude.all: every filter matched' } : OK;
  }
  return excludeFilterHits(legacyFilter(block), ctx) ? { ok: false, reason: 'excluded by exclude' } : OK;
}
