/**
 * Merging lists the way kyaml's associative-sequence walk does under kustomize's
 * patchstrategicmerge filter (ListIncreaseDirection = prepend): the patch's elements come
 * first, in patch order, each merged into the original element with the same keys; the
 * original elements the patch did not mention follow in their original order.
 */
import { isSentinel, listDirective, mapDirective } from './directives.js';
import { materialize } from './materialize.js';
import { ABSENT, child, done, isPlainMap, type Step } from './result.js';
import type { ListNode } from './schema.js';

/** Merges one patch element into the original element it matched. */
export type MergeElement = (original: unknown, patch: unknown, path: string) => Step;

/** Lists with a schema strategy of merge; every other list is replaced by the patch. */
export function mergeList(
  original: readonly unknown[],
  patch: readonly unknown[],
  list: ListNode | undefined,
  path: string,
  mergeElement: MergeElement,
): Step {
  if (list === undefined) return materialize(patch, path);
  const directive = listDirective(patch, path);
  if (!directive.ok) return directive;
  switch (directive.directive) {
    case 'delete':
      return done(ABSENT);
    case 'replace':
      return materialize(directive.items, path);
    case 'merge':
      return list.keys.length === 0
        ? mergeSet(original, directive.items, path)
        : mergeKeyed(original, directive.items, list.keys, path, mergeElement);
  }
}

/** kyaml compares key fields by their scalar text; empty or missing values do not count. */
function keyText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function keyValues(element: Readonly<Record<string, unknown>>, keys: readonly string[]): (string | undefined)[] {
  return keys.map((key) => keyText(element[key]));
}

/**
 * kyaml matches on the keys the patch element sets (a port without `protocol` finds the
 * first original port with that number); keys missing on either side are not compared.
 */
function sameElement(patch: readonly (string | undefined)[], original: readonly (string | undefined)[]): boolean {
  let compared = false;
  for (let i = 0; i < patch.length; i++) {
    const p = patch[i];
    const o = original[i];
    if (p === undefined || o === undefined) continue;
    if (p !== o) return false;
    compared = true;
  }
  return compared;
}

function mergeKeyed(
  original: readonly unknown[],
  items: readonly unknown[],
  keys: readonly string[],
  path: string,
  mergeElement: MergeElement,
): Step {
  const originalKeys = original.map((element) => {
    if (!isPlainMap(element)) return undefined;
    const values = keyValues(element, keys);
    return values.every((value) => value === undefined) ? undefined : values;
  });
  const consumed = new Array<boolean>(original.length).fill(false);
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    // kyaml pairs elements through their key values only: a patch element without any
    // key (or not a map) never pairs with anything and is silently dropped.
    if (!isPlainMap(item)) continue;
    const values = keyValues(item, keys);
    if (values.every((value) => value === undefined)) continue;
    const identity = JSON.stringify(values);
    if (seen.has(identity)) continue; // kyaml only ever reads the first duplicate
    seen.add(identity);
    const match = originalKeys.findIndex((candidate, j) => !consumed[j] && candidate !== undefined && sameElement(values, candidate));
    const elementPath = child(path, i);
    const step = match < 0 ? materialize(item, elementPath) : mergeMatched(original[match], item, elementPath, mergeElement);
    if (!step.ok) return step;
    if (match >= 0) consumed[match] = true;
    if (step.value !== ABSENT) out.push(step.value);
  }
  // Unpaired originals follow in their order; kyaml appends those without keys last.
  for (let j = 0; j < original.length; j++) if (!consumed[j] && originalKeys[j] !== undefined) out.push(original[j]);
  for (let j = 0; j < original.length; j++) if (originalKeys[j] === undefined) out.push(original[j]);
  return done(sameItems(original, out) ? original : out);
}

/**
 * kyaml quirk (kustomize issue #6146): under the prepend direction the original element
 * is written back over the merged one, which undoes `$patch: replace` on an element that
 * exists (the original stays as it was). Ordinary merges are unaffected because kyaml
 * merges into the original node itself; `$patch: delete` still removes the element.
 */
function mergeMatched(
  original: unknown,
  item: Readonly<Record<string, unknown>>,
  path: string,
  mergeElement: MergeElement,
): Step {
  const directive = mapDirective(item, path);
  if (!directive.ok) return directive;
  if (directive.directive === 'replace') return done(original);
  return mergeElement(original, item, path);
}

function setKey(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** A list of primitives with strategy merge (finalizers): a union, patch values first. */
function mergeSet(original: readonly unknown[], items: readonly unknown[], path: string): Step {
  const originalByKey = new Map<string, unknown>();
  for (const value of original) {
    const key = setKey(value);
    if (!originalByKey.has(key)) originalByKey.set(key, value);
  }
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (let i = 0; i < items.length; i++) {
    if (isSentinel(items[i])) continue;
    const key = setKey(items[i]);
    if (seen.has(key)) continue;
    seen.add(key);
    if (originalByKey.has(key)) {
      out.push(originalByKey.get(key));
      continue;
    }
    const step = materialize(items[i], child(path, i));
    if (!step.ok) return step;
    if (step.value !== ABSENT) out.push(step.value);
  }
  for (const value of original) {
    const key = setKey(value);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return done(sameItems(original, out) ? original : out);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
