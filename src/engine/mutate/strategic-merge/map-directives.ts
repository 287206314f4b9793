/**
 * The Kubernetes strategic-merge directives that kyaml (and so Kyverno) ignores, applied after a map has
 * merged, with apimachinery's meaning:
 * - `$setElementOrder/<field>: [...]` orders the list: elements named by the directive (by their merge-key
 *   fields, or by value in a list of primitives) come in its order; an element it does not name stays right
 *   after the element that preceded it;
 * - `$deleteFromPrimitiveList/<field>: [...]` removes those values from a list of primitives;
 * - `$retainKeys: [...]` keeps only the named keys of the map (and the directives' own fields).
 * Kyverno would copy them into the object as ordinary fields; a Kubernetes user expects them to work.
 */
import { fail, isPlainMap, type Step } from './result.js';

const ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';
const RETAIN = '$retainKeys';

export function hasMapDirectives(patch: Readonly<Record<string, unknown>>): boolean {
  for (const key of Object.keys(patch)) if (key === RETAIN || key.startsWith(ORDER) || key.startsWith(DELETE_FROM)) return true;
  return false;
}

/** Applies the directives of `patch` to the merged map `merged` (never modified; a copy is returned when they change it). */
export function applyMapDirectives(merged: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>, path: string): Step {
  let out: Record<string, unknown> | undefined;
  const current = (): Record<string, unknown> => (out ??= Object.assign({}, merged));
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith(DELETE_FROM)) {
      const field = key.slice(DELETE_FROM.length);
      if (!Array.isArray(value)) return fail(`${path}/${key}`, 'expected a list of values to delete');
      const list = merged[field];
      if (!Array.isArray(list)) continue;
      const drop = new Set(value.map(String));
      current()[field] = list.filter((item) => isPlainMap(item) || Array.isArray(item) || !drop.has(String(item)));
    }
  }
  for (const [key, value] of Object.entries(patch)) {
    if (!key.startsWith(ORDER)) continue;
    const field = key.slice(ORDER.length);
    if (!Array.isArray(value)) return fail(`${path}/${key}`, 'expected a list giving the element order');
    const list = (out ?? merged)[field];
    if (Array.isArray(list)) current()[field] = ordered(list, value);
  }
  if (Object.prototype.hasOwnProperty.call(patch, RETAIN)) {
    const keep = patch[RETAIN];
    if (!Array.isArray(keep) || keep.some((k) => typeof k !== 'string')) return fail(`${path}/${RETAIN}`, 'expected a list of field names');
    const names = new Set(keep as string[]);
    const source = out ?? merged;
    const retained: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(source)) if (names.has(k)) retained[k] = v;
    out = retained;
  }
  return { ok: true, value: out ?? merged };
}

/** The position of `item` in the order list, or -1: a map matches an order entry whose fields it all has. */
function rank(item: unknown, order: readonly unknown[]): number {
  return order.findIndex((entry) => {
    if (isPlainMap(entry)) return isPlainMap(item) && Object.entries(entry).every(([k, v]) => item[k] !== undefined && String(item[k]) === String(v));
    return !isPlainMap(item) && !Array.isArray(item) && String(item) === String(entry);
  });
}

function ordered(list: readonly unknown[], order: readonly unknown[]): unknown[] {
  // Unnamed elements ride along with the named element before them (or lead, when none precedes them).
  const groups: { rank: number; items: unknown[] }[] = [{ rank: -1, items: [] }];
  for (const item of list) {
    const r = rank(item, order);
    if (r < 0) groups[groups.length - 1].items.push(item);
    else groups.push({ rank: r, items: [item] });
  }
  const [lead, ...named] = groups;
  named.sort((a, b) => a.rank - b.rank);
  return [...lead.items, ...named.flatMap((g) => g.items)];
}
