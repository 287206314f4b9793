/**
 * What a rule's match block could ever select, conservatively: the kind names and the operations.
 * Anything uncertain widens the scope; nothing here may drop a rule that could match.
 */
import { OPERATIONS, type Operation } from '../../api/admission.js';
import type { MatchResources, ResourceDescription, ResourceFilter } from '../../api/policy.js';
import { parseKindSelector } from '../../engine/match/index.js';
import { containsWildcard } from '../../engine/values/index.js';

export interface RuleScope {
  /** Lower-cased kind names, or `any` when a wildcard (or no kinds at all) is involved. */
  kinds: ReadonlySet<string> | 'any';
  operations: ReadonlySet<Operation>;
}

const ALL_OPERATIONS: ReadonlySet<Operation> = new Set(OPERATIONS);

/** The key of a kind name in the index: case-insensitive, so that a misspelt case never hides a rule. */
export function kindKey(kind: string): string {
  return kind.toLowerCase();
}

function descriptionKinds(rd: ResourceDescription | undefined): Set<string> | 'any' {
  const kinds = rd?.kinds ?? [];
  if (kinds.length === 0) return 'any';
  const out = new Set<string>();
  for (const entry of kinds) {
    const sel = parseKindSelector(entry);
    // An empty kind comes from a malformed selector (more than four segments): leave it to the matcher.
    if (sel.kind === '' || containsWildcard(sel.kind)) return 'any';
    out.add(kindKey(sel.kind));
  }
  return out;
}

function descriptionOperations(rd: ResourceDescription | undefined): ReadonlySet<Operation> {
  const ops = rd?.operations ?? [];
  return ops.length === 0 ? ALL_OPERATIONS : new Set(ops);
}

function union(filters: readonly ResourceFilter[]): RuleScope {
  const kinds = new Set<string>();
  const operations = new Set<Operation>();
  let anyKind = false;
  for (const f of filters) {
    const k = descriptionKinds(f.resources);
    if (k === 'any') anyKind = true;
    else k.forEach((name) => kinds.add(name));
    descriptionOperations(f.resources).forEach((op) => operations.add(op));
  }
  return { kinds: anyKind ? 'any' : kinds, operations };
}

/** Every filter must hold: any one filter's kinds bound the rule, and the operations intersect. */
function intersection(filters: readonly ResourceFilter[]): RuleScope {
  let kinds: Set<string> | 'any' = 'any';
  let operations = new Set<Operation>(OPERATIONS);
  for (const f of filters) {
    const k = descriptionKinds(f.resources);
    if (k !== 'any' && (kinds === 'any' || k.size < kinds.size)) kinds = k;
    const ops = descriptionOperations(f.resources);
    operations = new Set([...operations].filter((op) => ops.has(op)));
  }
  return { kinds, operations };
}

export function ruleScope(match: MatchResources): RuleScope {
  if (match.any && match.any.length > 0) return union(match.any);
  if (match.all && match.all.length > 0) return intersection(match.all);
  return { kinds: descriptionKinds(match.resources), operations: descriptionOperations(match.resources) };
}
