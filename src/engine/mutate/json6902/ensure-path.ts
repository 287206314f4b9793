/**
 * Kyverno applies patches with evanphx/json-patch's EnsurePathExistsOnAdd: before an "add", every missing (or
 * null) parent along the path is created, as an array when the next token is an index or `-`, else an object.
 */
import { formatPointer } from '../../../api/json-pointer.js';
import { addTo, childOf, isContainer, parseArrayIndex, type Step, withChild } from './containers.js';

/** The document with the parents of `tokens` (all but the last) created; the same reference when none was missing. */
export function ensureParents(root: unknown, tokens: readonly string[]): Step<unknown> {
  const last = tokens.length - 1;
  const visit = (node: unknown, depth: number): Step<unknown> => {
    if (depth >= last) return { ok: true, value: node };
    if (!isContainer(node)) return { ok: false, message: `cannot create ${JSON.stringify(formatPointer(tokens.slice(0, depth + 1)))}: its parent is not an object or array` };
    const token = tokens[depth];
    const child = childOf(node, token);
    if (child.found && child.value !== null) {
      if (!isContainer(child.value)) return { ok: false, message: `cannot add below ${JSON.stringify(formatPointer(tokens.slice(0, depth + 1)))}: it is not an object or array` };
      const next = visit(child.value, depth + 1);
      if (!next.ok || next.value === child.value) return next.ok ? { ok: true, value: node } : next;
      return { ok: true, value: withChild(node, child.key, next.value) };
    }
    const next = tokens[depth + 1];
    const nextIndex = parseArrayIndex(next);
    if (nextIndex !== undefined && nextIndex < -1) return { ok: false, message: `cannot create ${JSON.stringify(formatPointer(tokens.slice(0, depth + 1)))} for index ${nextIndex}: only -1 can address a new array` };
    const created = visit(emptyContainerFor(next, nextIndex), depth + 1);
    if (!created.ok) return created;
    // An index past the end of an existing array is reached by padding it with nulls first.
    let parent = node;
    const n = parseArrayIndex(token);
    if (Array.isArray(parent) && n !== undefined && n > parent.length) parent = parent.concat(new Array<null>(n - parent.length).fill(null));
    // Like evanphx, a null array element gets the new container inserted before it, not in its place.
    const added = addTo(parent, token, created.value);
    if (!added.ok) return { ok: false, message: `cannot create ${JSON.stringify(formatPointer(tokens.slice(0, depth + 1)))}: ${added.message}` };
    return added;
  };
  return visit(root, 0);
}

/** An array (padded with nulls up to a positive index) when `next` is an index or `-`, else an object. */
function emptyContainerFor(next: string, index: number | undefined): unknown {
  if (next === '-') return [];
  if (index === undefined) return {};
  return index > 0 ? new Array<null>(index).fill(null) : [];
}
