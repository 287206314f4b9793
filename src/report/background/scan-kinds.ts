/**
 * The kinds a background scan reads from the cluster cache: the kinds named by the background rules' match
 * blocks. A kind can only be scanned when its REST resource is known: built-in kinds by name, others when the
 * selector gives group and version (`example.com/v1/Widget`). Wildcards and subresources cannot be listed.
 */
import type { LoadedPolicy, MatchResources, ResourceDescription } from '../../api/policy.js';
import { kindToResource, servedKind } from '../../api/kube-names.js';
import type { KindRef } from '../../cluster/cache/index.js';
import { parseKindSelector } from '../../engine/match/index.js';
import { backgroundPolicies } from './background-rules.js';

export function kindRefKey(ref: KindRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}`;
}

const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/** The resource a kind selector names, or undefined when it cannot be listed. */
export function kindRefOf(selector: string): KindRef | undefined {
  const sel = parseKindSelector(selector);
  if (sel.kind === '' || hasWildcard(sel.kind) || sel.subresource !== undefined) return undefined;
  const served = servedKind(sel.kind);
  const group = sel.group ?? served?.group;
  const version = sel.version ?? (group === served?.group ? served?.version : undefined);
  if (group === undefined || version === undefined || hasWildcard(group) || hasWildcard(version)) return undefined;
  const resource = served && served.group === group ? served.resource : kindToResource(sel.kind);
  return { group, version, resource };
}

function descriptions(match: MatchResources): ResourceDescription[] {
  const out: ResourceDescription[] = [];
  if (match.resources) out.push(match.resources);
  for (const f of [...(match.any ?? []), ...(match.all ?? [])]) if (f.resources) out.push(f.resources);
  return out;
}

/** Sorted and without duplicates; only background policies' background-safe rules count. */
export function scanKinds(policies: readonly LoadedPolicy[]): KindRef[] {
  const kinds = new Map<string, KindRef>();
  for (const lp of backgroundPolicies(policies).policies) {
    for (const rule of lp.rules) {
      for (const rd of descriptions(rule.match)) {
        for (const selector of rd.kinds ?? []) {
          const ref = kindRefOf(selector);
          if (ref) kinds.set(kindRefKey(ref), ref);
        }
      }
    }
  }
  return [...kinds.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ref]) => ref);
}
