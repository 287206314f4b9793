/**
 * What a rule's match block can select, as (target, operations) pairs. Conservative like the policy index:
 * exclude blocks are ignored and an `all` block is bounded by one filter's kinds; nothing a rule could match
 * is ever left out of the webhook.
 */
import { OPERATIONS, type Operation } from '../api/admission.js';
import type { MatchResources, ResourceDescription, ResourceFilter } from '../api/policy.js';
import { type Target, selectorTargets } from './targets.js';

export interface TargetOperations {
  targets: Target[];
  operations: Operation[];
}

const EVERYTHING: Target = { group: '*', version: '*', resource: '*' };

function kindTargets(rd: ResourceDescription | undefined): Target[] {
  const kinds = rd?.kinds ?? [];
  // No kinds at all: the engine matches any kind, so the webhook must see every resource.
  if (kinds.length === 0) return [EVERYTHING];
  return kinds.flatMap(selectorTargets);
}

function operationsOf(rd: ResourceDescription | undefined): Operation[] {
  const ops = rd?.operations ?? [];
  return ops.length === 0 ? [...OPERATIONS] : OPERATIONS.filter((op) => ops.includes(op));
}

function fromFilter(filter: ResourceFilter): TargetOperations {
  return { targets: kindTargets(filter.resources), operations: operationsOf(filter.resources) };
}

/** Every filter must hold: the one naming the fewest kinds bounds the rule; the operations intersect. */
function fromAll(filters: readonly ResourceFilter[]): TargetOperations {
  let bound: ResourceDescription | undefined;
  let operations: Operation[] = [...OPERATIONS];
  for (const f of filters) {
    const kinds = f.resources?.kinds ?? [];
    if (kinds.length > 0 && (bound === undefined || kinds.length < (bound.kinds ?? []).length)) bound = f.resources;
    const ops = operationsOf(f.resources);
    operations = operations.filter((op) => ops.includes(op));
  }
  return { targets: kindTargets(bound), operations };
}

export function matchTargets(match: MatchResources): TargetOperations[] {
  if (match.any && match.any.length > 0) return match.any.map(fromFilter);
  if (match.all && match.all.length > 0) return [fromAll(match.all)];
  return [{ targets: kindTargets(match.resources), operations: operationsOf(match.resources) }];
}
