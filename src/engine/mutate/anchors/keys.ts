/**
 * Which overlay keys are anchors for mutation: conditions `(k)`, global conditions `<(k)`, add-if-not-present
 * `+(k)`, and the validate anchors `=(k)` (if present, must match), `X(k)` (must be absent) and `^(k)` (a list
 * element must match), which are conditions with their validate meaning. Kyverno's preprocessing knows only
 * the first three and would write the others into the object as literal keys (`=(owner)` as an annotation);
 * here they gate the patch like a condition and never reach the object.
 */
import { parseAnchor, type Anchor } from '../../anchor/index.js';
import { isTreeMap, type Tree } from './tree.js';

export type MutateAnchor = Extract<Anchor, { kind: 'condition' | 'global' | 'addIfNotPresent' | 'equality' | 'negation' | 'existence' }>;
export type ValidateAnchor = Extract<MutateAnchor, { kind: 'equality' | 'negation' | 'existence' }>;

/** The mutate anchor a key denotes. Kyverno does not trim keys, so a padded key is a plain key. */
export function mutateAnchor(key: string): MutateAnchor | undefined {
  if (key !== key.trim()) return undefined;
  const a = parseAnchor(key);
  if (a === undefined) return undefined;
  return a.kind === 'condition' || a.kind === 'global' || a.kind === 'addIfNotPresent' || isValidateAnchor(a) ? a : undefined;
}

/** `(k)` or `<(k)`: the keys that are checked against the resource and removed from the patch. */
export function isConditional(a: MutateAnchor | undefined): a is Extract<MutateAnchor, { kind: 'condition' | 'global' }> {
  return a !== undefined && (a.kind === 'condition' || a.kind === 'global');
}

/** `=(k)`, `X(k)`, `^(k)`: checked like a condition, always removed from the patch. */
export function isValidateAnchor(a: Anchor | undefined): a is ValidateAnchor {
  return a !== undefined && (a.kind === 'equality' || a.kind === 'negation' || a.kind === 'existence');
}

/**
 * Whether a patch node holds anchors of the given kinds at any depth. As in Kyverno, a string scalar that
 * reads as `(x)` or `<(x)` also counts, whichever kinds were asked for.
 */
export function containsAnchors(node: Tree, kinds: readonly MutateAnchor['kind'][]): boolean {
  if (typeof node === 'string') return isConditional(mutateAnchor(node));
  if (Array.isArray(node)) return node.some((e) => containsAnchors(e, kinds));
  if (!isTreeMap(node)) return false;
  for (const [k, v] of Object.entries(node)) {
    const a = mutateAnchor(k);
    if (a !== undefined && kinds.includes(a.kind)) return true;
    if (containsAnchors(v, kinds)) return true;
  }
  return false;
}

export const ANY_ANCHOR: readonly MutateAnchor['kind'][] = ['condition', 'global', 'addIfNotPresent', 'equality', 'negation', 'existence'];
export const GLOBAL_ANCHOR: readonly MutateAnchor['kind'][] = ['global'];
