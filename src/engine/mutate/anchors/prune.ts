/**
 * After the walk, the patch still holds its anchored parts; pruning removes them (Kyverno's deleteAnchors).
 * A node "can go" when nothing but anchors (or empty maps) remains in it, so that a leftover empty or null
 * value does not wipe out resource data in the merge.
 */
import { ANY_ANCHOR, containsAnchors, isConditional, isValidateAnchor, mutateAnchor } from './keys.js';
import { isTreeMap, renameKey, type Tree, type TreeMap } from './tree.js';

/** Prunes a node in place; true when the node itself should be removed. A scalar goes only when `dropScalar`. */
export function prune(node: Tree, dropScalar: boolean): boolean {
  if (isTreeMap(node)) return pruneMap(node);
  if (Array.isArray(node)) return pruneList(node);
  return dropScalar;
}

/**
 * The top level of the patch: conditional keys holding only scalars go; the others stay under their
 * anchored name (Kyverno does not unwrap anchors at the top level), plain keys are pruned as usual.
 */
export function pruneTop(patch: TreeMap): void {
  for (const key of Object.keys(patch)) {
    const a = mutateAnchor(key);
    if (isValidateAnchor(a) || prune(patch[key], isConditional(a))) delete patch[key];
  }
}

/**
 * Conditional keys with scalar (or emptied) values go; if any conditional key keeps content, every
 * remaining conditional key is unwrapped to its plain name and so becomes part of the patch. Then every
 * key whose value can go is removed; an empty map can go.
 */
function pruneMap(map: TreeMap): boolean {
  let anchorsKept = false;
  for (const key of Object.keys(map)) {
    const a = mutateAnchor(key);
    if (isValidateAnchor(a)) {
      delete map[key];
      continue;
    }
    if (!isConditional(a)) continue;
    if (prune(map[key], true)) delete map[key];
    else anchorsKept = true;
  }
  if (anchorsKept) {
    for (const key of Object.keys(map)) {
      const a = mutateAnchor(key);
      if (isConditional(a)) renameKey(map, key, a.key);
    }
  }
  let empty = true;
  for (const key of Object.keys(map)) {
    if (prune(map[key], false)) delete map[key];
    else empty = false;
  }
  return empty;
}

/**
 * Elements holding any anchor are the templates written in the policy (their resolved copies were appended
 * without anchors): they go. Other elements are pruned and go when nothing remains. A list emptied this way
 * can go; a list that was empty to begin with stays.
 *
 * Kyverno removes by index while iterating a stale snapshot, which removes the wrong elements when two or more
 * go (kyverno/kyverno#16862, fix pending); we remove exactly the elements that were meant to go.
 */
function pruneList(list: Tree[]): boolean {
  const wasEmpty = list.length === 0;
  const kept = list.filter((e) => !containsAnchors(e, ANY_ANCHOR) && !prune(e, false));
  list.length = 0;
  list.push(...kept);
  return list.length === 0 && !wasEmpty;
}
