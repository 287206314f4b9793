/**
 * The kinds generate needs: the triggers a rule matches (to find them for generateExisting, synchronize and
 * reconcile), the kinds it generates (to see edits and deletions of its objects) and its clone sources (to see
 * their changes). Only kinds written out in the policy count: a kind given by a variable or a wildcard cannot
 * be known before evaluation (those objects are still written, just not watched).
 */
import type { LoadedPolicy, MatchResources, ResourceFilter, Rule } from '../../api/policy.js';
import { servedKind } from '../../api/kube-names.js';
import { isRecord } from '../../api/json.js';
import { parseCloneKind } from '../../engine/rules/generate/index.js';
import type { KindRef } from '../cache/index.js';
import { offlineKind } from './discovery.js';

export interface KindName {
  apiVersion: string;
  kind: string;
}

const hasVariable = (text: string): boolean => text.includes('{{') || text.includes('*') || text.includes('?');

function builtinApiVersion(kind: string): string | undefined {
  const served = servedKind(kind);
  if (!served) return undefined;
  return served.group ? `${served.group}/${served.version}` : served.version;
}

/** `Namespace`, `v1/Pod`, `apps/v1/Deployment`; subresources (`Pod/exec`) and wildcards are left out. */
export function parseMatchKind(text: string): KindName | undefined {
  if (hasVariable(text)) return undefined;
  const parts = text.split('/');
  const last = parts[parts.length - 1];
  if (parts.length >= 2 && /^[a-z]/.test(last)) return undefined;
  if (parts.length === 1) {
    const apiVersion = builtinApiVersion(last);
    return apiVersion ? { apiVersion, kind: last } : undefined;
  }
  if (parts.length === 2) return { apiVersion: parts[0], kind: last };
  if (parts.length === 3) return { apiVersion: `${parts[0]}/${parts[1]}`, kind: last };
  return undefined;
}

function filtersOf(match: MatchResources | undefined): ResourceFilter[] {
  if (!match) return [];
  const out: ResourceFilter[] = [...(match.any ?? []), ...(match.all ?? [])];
  if (match.resources) out.push({ resources: match.resources });
  return out;
}

function unique(list: readonly KindName[]): KindName[] {
  const seen = new Map<string, KindName>();
  for (const k of list) seen.set(`${k.apiVersion}|${k.kind}`, k);
  return [...seen.values()];
}

export function triggerKindsOf(rule: Rule): KindName[] {
  const out: KindName[] = [];
  for (const filter of filtersOf(rule.match)) {
    for (const text of filter.resources?.kinds ?? []) {
      const parsed = parseMatchKind(text);
      if (parsed) out.push(parsed);
    }
  }
  return unique(out);
}

function targetKind(fields: Record<string, unknown>): KindName | undefined {
  const kind = typeof fields.kind === 'string' ? fields.kind : '';
  if (kind === '' || hasVariable(kind)) return undefined;
  const given = typeof fields.apiVersion === 'string' && fields.apiVersion !== '' ? fields.apiVersion : undefined;
  if (given !== undefined && hasVariable(given)) return undefined;
  const apiVersion = given ?? builtinApiVersion(kind);
  return apiVersion ? { apiVersion, kind } : undefined;
}

function cloneListKinds(fields: Record<string, unknown>): KindName[] {
  const list = isRecord(fields.cloneList) && Array.isArray(fields.cloneList.kinds) ? fields.cloneList.kinds : [];
  return list.flatMap((text) => {
    const parsed = typeof text === 'string' && !hasVariable(text) ? parseCloneKind(text) : undefined;
    return parsed ? [parsed] : [];
  });
}

/** The kinds a rule generates (and, for clones, reads: a clone has the kind of its source). */
export function downstreamKindsOf(rule: Rule): KindName[] {
  const g = rule.generate;
  if (!g) return [];
  const patterns: Record<string, unknown>[] = [g as unknown as Record<string, unknown>];
  for (const entry of g.foreach ?? []) if (isRecord(entry)) patterns.push(entry);
  const out: KindName[] = [];
  for (const p of patterns) {
    const own = targetKind(p);
    if (own && (p.data !== undefined || p.clone !== undefined)) out.push(own);
    out.push(...cloneListKinds(p));
  }
  return unique(out);
}

export const generateRules = (lp: LoadedPolicy): Rule[] => lp.rules.filter((r) => r.generate !== undefined);

const refKey = (r: KindRef): string => `${r.group}/${r.version}/${r.resource}`;

/**
 * The kinds the cluster cache must replicate for generate: trigger kinds and generated kinds (clone sources are
 * generated kinds too). Namespaces are always cached by the cache itself and are left out.
 */
export function generateCacheKinds(policies: readonly LoadedPolicy[]): KindRef[] {
  const out = new Map<string, KindRef>();
  for (const lp of policies) {
    for (const rule of generateRules(lp)) {
      for (const k of [...triggerKindsOf(rule), ...downstreamKindsOf(rule)]) {
        const { ref } = offlineKind(k.apiVersion, k.kind);
        if (ref.resource !== 'namespaces' || ref.group !== '') out.set(refKey(ref), ref);
      }
    }
  }
  return [...out.values()].sort((a, b) => refKey(a).localeCompare(refKey(b)));
}
