/**
 * Resolves anchors by walking the patch alongside the resource (Kyverno's strategic-merge preprocessing).
 * Maps: `+(k)` keys are resolved, then the map's global conditions and conditions are checked, then the
 * plain keys are walked; a failure anywhere in a chain of maps ends the whole walk. Lists of maps: each
 * anchored patch element is tried against every resource element; a condition failure only skips that
 * resource element, and each element that passes gets its own copy of the patch element, named after it.
 */
import { checkConditions, resolveAddIfNotPresent, type Failure } from './conditions.js';
import { ANY_ANCHOR, containsAnchors, GLOBAL_ANCHOR, mutateAnchor } from './keys.js';
import { prune } from './prune.js';
import { cloneJson, cloneTree, field, isTreeMap, put, type ResourceValue, type Tree, type TreeMap } from './tree.js';

/** Walks one patch node (edited in place) against the resource value at the same place (undefined = absent). */
export function walk(node: Tree, resource: ResourceValue, path: string): Failure | undefined {
  if (isTreeMap(node)) return walkMap(node, resource, path);
  if (Array.isArray(node)) return walkList(node, resource, path);
  return undefined;
}

function walkMap(pattern: TreeMap, resource: ResourceValue, path: string): Failure | undefined {
  resolveAddIfNotPresent(pattern, resource);
  const failed = checkConditions(pattern, resource, 'global', path) ?? checkConditions(pattern, resource, 'condition', path);
  if (failed !== undefined) return failed;
  // Values of conditional keys were matched, not walked; `=(k)`, `X(k)`, `^(k)` are plain keys here.
  for (const key of Object.keys(pattern)) {
    if (mutateAnchor(key) !== undefined || !Object.hasOwn(pattern, key)) continue;
    const f = walk(pattern[key], field(resource, key), `${path}${key}/`);
    if (f !== undefined) return f;
  }
  return undefined;
}

/** Only a list whose first element is a map has elements to match against the resource's. */
function walkList(list: Tree[], resource: ResourceValue, path: string): Failure | undefined {
  if (list.length === 0 || !isTreeMap(list[0])) return undefined;
  return walkListOfMaps(list, resource, path);
}

function walkListOfMaps(list: Tree[], resource: ResourceValue, path: string): Failure | undefined {
  let elements: readonly unknown[];
  if (resource === undefined || resource === null) elements = [];
  else if (Array.isArray(resource)) elements = resource;
  else return { kind: 'error', path, message: `the patch has a list where the resource has ${isTreeMap(resource) ? 'an object' : `a ${typeof resource}`}` };

  // Copies are appended to `list` while we go; only the elements written in the policy are tried.
  const written = list.slice();
  for (let p = 0; p < written.length; p++) {
    const original = written[p];
    if (!containsAnchors(original, ANY_ANCHOR)) continue;
    const at = `${path}${p}/`;
    // An element with a global condition only gates the patch; it never becomes a patch element itself.
    const gate = containsAnchors(original, GLOBAL_ANCHOR);
    // One working copy serves every resource element in turn, as in Kyverno: what `+(k)` resolution and
    // nested lists did for an earlier resource element carries over to the later ones.
    const working = cloneTree(original);
    let gatePassed = false;
    let gateFailure: Failure | undefined;
    for (const element of elements) {
      const f = walk(working, element, at);
      if (f?.kind === 'condition') continue;
      if (f?.kind === 'global') {
        gateFailure = f;
        continue;
      }
      if (f !== undefined) return f;
      if (gate) gatePassed = true;
      else {
        const e = instantiate(list, working, element, at);
        if (e !== undefined) return e;
      }
    }
    if (resource === undefined) {
      // The resource has no such list: the conditions are still evaluated (against nothing).
      const f = walk(working, undefined, at);
      if (f?.kind === 'condition') continue;
      if (f !== undefined) return f;
      if (gate) gatePassed = true;
    }
    if (!gatePassed && gateFailure !== undefined) return gateFailure;
  }
  return undefined;
}

/**
 * Appends the anchor-free form of the working element, named after the resource element so that the merge
 * targets it. Resource elements without a name are not patched; nor is a copy left empty by anchor removal.
 */
function instantiate(list: Tree[], working: Tree, element: unknown, path: string): Failure | undefined {
  const name = field(element, 'name');
  if (isNilOrEmpty(name)) return undefined;
  const copy = cloneTree(working);
  if (prune(copy, true)) return undefined;
  if (!isTreeMap(copy)) return { kind: 'error', path, message: 'cannot name a list element that is not an object' };
  const cloned = cloneJson(name);
  if ('badPath' in cloned) return { kind: 'error', path, message: 'the resource element name is not JSON data' };
  put(copy, 'name', cloned.tree);
  list.push(copy);
  return undefined;
}

/** Missing, null, `{}` or `[]` (an empty string is a name). */
function isNilOrEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  return isTreeMap(value) && Object.keys(value).length === 0;
}
