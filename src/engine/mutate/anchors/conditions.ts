/**
 * The checks one patch map makes against the resource map at the same place: add-if-not-present keys are
 * resolved, then global conditions, then conditions (Kyverno's order). A condition's value is matched with
 * the validate pattern machinery; `=(k)`, `X(k)` and `^(k)` count as conditions with their validate meaning.
 */
import { matchPattern } from '../../pattern/index.js';
import { isConditional, isValidateAnchor, mutateAnchor } from './keys.js';
import { cloneTree, field, isTreeMap, renameKey, type ResourceValue, type Tree, type TreeMap } from './tree.js';

/** Why walking stopped: a condition (drops one list element), a global condition (drops the patch), or a real error. */
export type Failure =
  | { kind: 'condition' | 'global'; path: string; reason: string }
  | { kind: 'error'; path: string; message: string };

/**
 * `+(k)` keys of a patch map: removed when the resource has `k` (even as null), otherwise unwrapped to `k`.
 * Returns how many there were; a non-map pattern has none.
 */
export function resolveAddIfNotPresent(pattern: Tree, resource: ResourceValue): number {
  if (!isTreeMap(pattern)) return 0;
  let count = 0;
  for (const key of Object.keys(pattern)) {
    const a = mutateAnchor(key);
    if (a?.kind !== 'addIfNotPresent') continue;
    count++;
    if (field(resource, a.key) !== undefined) delete pattern[key];
    else renameKey(pattern, key, a.key);
  }
  return count;
}

/** Checks the map's anchors of one kind, in key order; the first that does not hold is the failure. */
export function checkConditions(
  pattern: TreeMap,
  resource: ResourceValue,
  kind: 'condition' | 'global',
  path: string,
): Failure | undefined {
  for (const key of Object.keys(pattern)) {
    const a = mutateAnchor(key);
    if (kind === 'condition' && isValidateAnchor(a)) {
      // The validate meaning, checked on the enclosing map: `=(k)` holds when k is absent or matches.
      const result = matchPattern(isTreeMap(resource) ? resource : {}, { [key]: patternInput(pattern[key]) });
      if (result.kind === 'pass') continue;
      return { kind, path: `${path}${key}/`, reason: result.reason };
    }
    if (!isConditional(a) || a.kind !== kind) continue;
    const at = `${path}${key}/`;
    const actual = field(resource, a.key);
    // Unlike validate, an absent key never satisfies a mutate condition, global ones included.
    if (actual === undefined) return { kind, path: at, reason: `key "${a.key}" is absent from the resource` };
    const expected = pattern[key];
    // A condition whose value holds `+(k)` keys only resolves them and is not checked (Kyverno's rule).
    if (resolveAddIfNotPresent(expected, actual) > 0) continue;
    const result = matchPattern(resourceInput(actual), patternInput(expected));
    if (result.kind === 'pass') continue;
    const where = result.path === '' || result.path === '/' ? '' : ` at ${result.path}`;
    return { kind, path: at, reason: `value does not match${where}: ${result.reason}` };
  }
  return undefined;
}

/**
 * Kyverno reads a scalar condition operand (pattern or resource) as the text of its YAML node, so `true`,
 * `"true"`, `1` and `"1"` compare alike and null reads as "null"; maps and lists keep their JSON types.
 * Go's JSON number text equals JavaScript's for finite numbers.
 */
function scalarText(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value === 'string' ? value : undefined;
}

/** Pattern maps are copied: the pattern compiler caches by object identity and our tree is edited later. */
function patternInput(value: Tree): unknown {
  return scalarText(value) ?? cloneTree(value);
}

function resourceInput(value: unknown): unknown {
  return scalarText(value) ?? value;
}
