/**
 * Strategic-merge-patch `$patch` directives, as kyaml's merge2 honours them: `$patch` (merge | replace |
 * delete) on maps and, as a lone `{$patch: ...}` element, on merging lists. kyaml has no code for
 * `$retainKeys`, `$setElementOrder/<field>` or `$deleteFromPrimitiveList/<field>` (it would copy them into the
 * object); map-directives.ts gives them their Kubernetes meaning, and their keys never reach the resource.
 */
import { fail, isPlainMap, type MergeFailure } from './result.js';

export type Directive = 'merge' | 'replace' | 'delete';

export const PATCH_KEY = '$patch';

export type DirectiveResult = { readonly ok: true; readonly directive: Directive } | MergeFailure;

export type ListDirectiveResult =
  | { readonly ok: true; readonly directive: Directive; readonly items: readonly unknown[] }
  | MergeFailure;

const MERGE: DirectiveResult = { ok: true, directive: 'merge' };

/** True for keys that are directives rather than data (they never land in the result). */
export function isDirectiveKey(key: string): boolean {
  return (
    key === PATCH_KEY ||
    key === '$retainKeys' ||
    key.startsWith('$setElementOrder/') ||
    key.startsWith('$deleteFromPrimitiveList/')
  );
}

function parseDirective(value: unknown, path: string): DirectiveResult {
  if (value === 'merge' || value === 'replace' || value === 'delete') return { ok: true, directive: value };
  return fail(path, `unknown patch strategy ${JSON.stringify(value)} (expected merge, replace or delete)`);
}

/** The `$patch` directive of a patch map; merge when absent. */
export function mapDirective(patch: Readonly<Record<string, unknown>>, path: string): DirectiveResult {
  if (!Object.prototype.hasOwnProperty.call(patch, PATCH_KEY)) return MERGE;
  return parseDirective(patch[PATCH_KEY], `${path}/${PATCH_KEY}`);
}

/** A `{$patch: ...}` element with no other key: a list directive, never list data. */
export function isSentinel(item: unknown): item is Readonly<Record<string, unknown>> {
  return isPlainMap(item) && Object.prototype.hasOwnProperty.call(item, PATCH_KEY) && Object.keys(item).length === 1;
}

/**
 * The list-level directive of a patch list. Like kyaml, only the first element carrying
 * `$patch` is considered, and only when `$patch` is its sole key (otherwise it is an
 * element-level directive). That element is removed from `items`.
 */
export function listDirective(patch: readonly unknown[], path: string): ListDirectiveResult {
  const index = patch.findIndex((item) => isPlainMap(item) && Object.prototype.hasOwnProperty.call(item, PATCH_KEY));
  if (index < 0) return { ok: true, directive: 'merge', items: patch };
  const sentinel = patch[index];
  if (!isPlainMap(sentinel) || Object.keys(sentinel).length !== 1) return { ok: true, directive: 'merge', items: patch };
  const parsed = parseDirective(sentinel[PATCH_KEY], `${path}/${index}/${PATCH_KEY}`);
  if (!parsed.ok) return parsed;
  return { ok: true, directive: parsed.directive, items: [...patch.slice(0, index), ...patch.slice(index + 1)] };
}
