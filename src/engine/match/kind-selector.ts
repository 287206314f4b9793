/**
 * Kind selectors of `match.resources.kinds`: `Kind`, `Version/Kind`, `Group/Version/Kind`, each optionally followed
 * by a subresource (`/sub` or `.sub`), with `*` wildcards anywhere (Kyverno's ParseKindSelector / CheckKind).
 */
import type { GroupVersionKind } from '../../api/kube.js';
import { wildcardMatch } from '../values/index.js';

/**
 * `group`/`version` undefined: not given, any value matches (Kyverno's implicit `*`).
 * `subresource` undefined: not given, only the main resource matches (Kyverno's implicit empty subresource).
 */
export interface KindSelector {
  group: string | undefined;
  version: string | undefined;
  kind: string;
  subresource: string | undefined;
}

// A version is `v1`, `v2beta1`, `v1alpha3` ... or a lone `*`; anything else in first place is a group or a kind.
const VERSION = /^(v\d+((alpha|beta)\d+)?|\*)$/;

export function parseKindSelector(entry: string): KindSelector {
  const slashParts = entry.split('/');
  // Only the last segment may carry a `.subresource` suffix; dots in a group name are left alone.
  const last = slashParts.pop() ?? '';
  const parts = [...slashParts, ...last.split('.')];
  const [a, b, c, d] = parts;
  switch (parts.length) {
    case 1:
      return { group: undefined, version: undefined, kind: a, subresource: undefined };
    case 2:
      if (a === '*' && b === '*') return { group: undefined, version: undefined, kind: '*', subresource: '*' };
      // `*/status`: every kind's subresource (a lowercase second part cannot be a kind).
      if (a === '*' && b.toLowerCase() === b) return { group: undefined, version: undefined, kind: '*', subresource: b };
      if (VERSION.test(a)) return { group: undefined, version: a, kind: b, subresource: undefined };
      return { group: undefined, version: undefined, kind: a, subresource: b };
    case 3:
      if (VERSION.test(a)) return { group: undefined, version: a, kind: b, subresource: c };
      return { group: a, version: b, kind: c, subresource: undefined };
    case 4:
      return { group: a, version: b, kind: c, subresource: d };
    default:
      // Kyverno yields empty fields here: the selector can then only match an empty kind, i.e. nothing real.
      return { group: '', version: '', kind: '', subresource: undefined };
  }
}

function groupVersionKindMatch(sel: KindSelector, gvk: GroupVersionKind): boolean {
  return wildcardMatch(sel.group ?? '*', gvk.group) && wildcardMatch(sel.version ?? '*', gvk.version) && wildcardMatch(sel.kind, gvk.kind);
}

export function kindSelectorMatches(sel: KindSelector, gvk: GroupVersionKind, subresource: string | undefined): boolean {
  return groupVersionKindMatch(sel, gvk) && wildcardMatch(sel.subresource ?? '', subresource ?? '');
}

function isCorePod(gvk: GroupVersionKind): boolean {
  return gvk.group === '' && gvk.version === 'v1' && gvk.kind === 'Pod';
}

/**
 * Whether any entry of `kinds` selects the request. For rule matching Kyverno lets a selector of the Pod itself also
 * match `pods/ephemeralcontainers`, so that `kubectl debug` cannot bypass Pod policies.
 */
export function kindsMatch(kinds: readonly string[], gvk: GroupVersionKind, subresource: string | undefined, allowEphemeralContainers: boolean): boolean {
  const ephemeral = allowEphemeralContainers && isCorePod(gvk) && subresource === 'ephemeralcontainers';
  // A loop, not `.some` with a closure: this runs for every rule of every request.
  for (const sel of parsedKinds(kinds)) {
    if (kindSelectorMatches(sel, gvk, subresource) || (ephemeral && groupVersionKindMatch(sel, gvk))) return true;
  }
  return false;
}

/** `kinds` lists are immutable policy data matched on every request: each list is parsed once. */
const parsedLists = new WeakMap<readonly string[], readonly KindSelector[]>();

function parsedKinds(kinds: readonly string[]): readonly KindSelector[] {
  let parsed = parsedLists.get(kinds);
  if (parsed === undefined) {
    parsed = kinds.map(parseKindSelector);
    parsedLists.set(kinds, parsed);
  }
  return parsed;
}
