/**
 * Which generate rules a cached kind matters to: as trigger (its objects are matched) or as clone source (a
 * change must reach the copies). Keyed like the cache's KindRefs (offline kind -> resource names, as
 * generateCacheKinds uses), rebuilt when the policies change.
 */
import type { KubeObject } from '../../api/kube.js';
import { isRecord } from '../../api/json.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import { parseCloneKind } from '../../engine/rules/generate/index.js';
import type { KindRef } from '../cache/index.js';
import { offlineKind } from './discovery.js';
import { generateRules, triggerKindsOf } from './kinds.js';

export interface RuleRef {
  lp: LoadedPolicy;
  rule: Rule;
}

export interface KindRoles {
  triggerOf: RuleRef[];
  sourceOf: RuleRef[];
}

export interface RolesIndex {
  of(ref: KindRef): KindRoles | undefined;
}

const refKey = (r: KindRef): string => `${r.group}/${r.version}/${r.resource}`;
const literal = (v: unknown): string | undefined => (typeof v === 'string' && !v.includes('{{') ? v : undefined);

interface SourcePattern {
  apiVersion?: unknown;
  kind?: unknown;
  clone?: unknown;
  cloneList?: unknown;
}

function patternsOf(rule: Rule): SourcePattern[] {
  const g = rule.generate;
  if (!g) return [];
  const out: SourcePattern[] = [g];
  for (const entry of g.foreach ?? []) if (isRecord(entry)) out.push(entry);
  return out;
}

function sourceKinds(rule: Rule): { apiVersion: string; kind: string }[] {
  const out: { apiVersion: string; kind: string }[] = [];
  for (const p of patternsOf(rule)) {
    const kind = literal(p.kind);
    if (p.clone !== undefined && kind) {
      const parsed = parseCloneKind(literal(p.apiVersion) ? `${String(p.apiVersion)}/${kind}` : kind);
      if (parsed) out.push(parsed);
    }
    const list = isRecord(p.cloneList) && Array.isArray(p.cloneList.kinds) ? p.cloneList.kinds : [];
    for (const k of list) {
      const parsed = literal(k) ? parseCloneKind(String(k)) : undefined;
      if (parsed) out.push(parsed);
    }
  }
  return out;
}

export function rolesIndex(policies: readonly LoadedPolicy[]): RolesIndex {
  const map = new Map<string, KindRoles>();
  const entry = (ref: KindRef): KindRoles => {
    const key = refKey(ref);
    let roles = map.get(key);
    if (!roles) {
      roles = { triggerOf: [], sourceOf: [] };
      map.set(key, roles);
    }
    return roles;
  };
  for (const lp of policies) {
    for (const rule of generateRules(lp)) {
      for (const k of triggerKindsOf(rule)) entry(offlineKind(k.apiVersion, k.kind).ref).triggerOf.push({ lp, rule });
      for (const k of sourceKinds(rule)) entry(offlineKind(k.apiVersion, k.kind).ref).sourceOf.push({ lp, rule });
    }
  }
  return { of: (ref) => map.get(refKey(ref)) };
}

function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return true;
  const ml = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  if (!Object.entries(ml).every(([k, v]) => labels[k] === v)) return false;
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return exprs.every((e) => {
    if (!isRecord(e) || typeof e.key !== 'string') return true;
    const value = labels[e.key];
    const values = Array.isArray(e.values) ? e.values.map(String) : [];
    if (e.operator === 'In') return value !== undefined && values.includes(value);
    if (e.operator === 'NotIn') return value === undefined || !values.includes(value);
    if (e.operator === 'Exists') return value !== undefined;
    if (e.operator === 'DoesNotExist') return value === undefined;
    return true;
  });
}

/**
 * Could `object` be a source of the rule not yet recorded on any copy: a cloneList source (namespace and
 * selector fit), or the literal clone source (a source created after its copies failed)?
 */
export function mayBeNewSource(rule: Rule, object: KubeObject): boolean {
  const ns = object.metadata.namespace ?? '';
  const name = object.metadata.name ?? '';
  for (const p of patternsOf(rule)) {
    if (isRecord(p.cloneList)) {
      const listNs = literal(p.cloneList.namespace);
      if (listNs === undefined && p.cloneList.namespace !== undefined) return true;
      if ((listNs ?? '') === ns && selectorMatches(p.cloneList.selector, object.metadata.labels ?? {})) return true;
    }
    if (isRecord(p.clone)) {
      const cNs = p.clone.namespace === undefined ? '' : literal(p.clone.namespace);
      const cName = literal(p.clone.name);
      // A variable in the reference: any object of the kind may be the source.
      if (cNs === undefined || cName === undefined) return true;
      if (cNs === ns && cName === name) return true;
    }
  }
  return false;
}
