/**
 * Kind selectors (`Pod`, `apps/v1/Deployment`, `Pod/exec`, `*`) -> the group/version/resource triples a
 * webhook rule names. Offline there is no discovery: built-in kinds come from a table, other kinds fall back
 * to their plural in any group, so a selector never selects less than the engine would match.
 */
import { kindToResource, servedKind } from '../api/kube-names.js';
import { parseKindSelector } from '../engine/match/index.js';
import { containsWildcard } from '../engine/values/index.js';

export interface Target {
  group: string;
  version: string;
  /** `pods`, `pods/exec`, `deployments/*`, or a wildcard: `*` (every resource), star-slash-star (with subresources). */
  resource: string;
}

/** undefined: not given (a built-in kind's own group or version applies); `*`: explicitly any. */
const part = (value: string | undefined): string | undefined => (value !== undefined && containsWildcard(value) ? '*' : value);

function withSubresource(resource: string, subresource: string | undefined): string {
  if (subresource === undefined) return resource;
  return `${resource}/${containsWildcard(subresource) ? '*' : subresource}`;
}

export function selectorTargets(entry: string): Target[] {
  const sel = parseKindSelector(entry);
  // A malformed selector (more than four segments) matches nothing in the engine.
  if (sel.kind === '') return [];
  const group = part(sel.group);
  const version = part(sel.version);
  if (containsWildcard(sel.kind)) {
    return [{ group: group ?? '*', version: version ?? '*', resource: withSubresource('*', sel.subresource) }];
  }
  const served = servedKind(sel.kind);
  const builtin = served !== undefined && (group === undefined || group === served.group) ? served : undefined;
  const target: Target = {
    group: group ?? builtin?.group ?? '*',
    version: version ?? builtin?.version ?? '*',
    resource: withSubresource(builtin?.resource ?? kindToResource(sel.kind), sel.subresource),
  };
  // The engine lets a Pod selector match pods/ephemeralcontainers too, so `kubectl debug` cannot bypass it.
  if (builtin?.resource === 'pods' && sel.subresource === undefined) {
    return [target, { ...target, resource: 'pods/ephemeralcontainers' }];
  }
  return [target];
}

function resourceCovers(wide: string, narrow: string): boolean {
  if (wide === narrow || wide === '*/*') return true;
  const [wideMain, wideSub] = wide.split('/');
  const [narrowMain, narrowSub] = narrow.split('/');
  if (wideSub === undefined) return wideMain === '*' && narrowSub === undefined;
  if (narrowSub === undefined) return false;
  return (wideMain === '*' || wideMain === narrowMain) && (wideSub === '*' || wideSub === narrowSub);
}

/** Whether every request `narrow` selects is also selected by `wide` (the API server's wildcard rules). */
export function targetCovers(wide: Target, narrow: Target): boolean {
  return (
    (wide.group === '*' || wide.group === narrow.group) &&
    (wide.version === '*' || wide.version === narrow.version) &&
    resourceCovers(wide.resource, narrow.resource)
  );
}
