/** Walking a pointer's parent tokens, copy-on-write: only the containers along the path are copied. */
import { formatPointer } from '../../../api/json-pointer.js';
import { childOf, isContainer, type JsonContainer, type Step, withChild } from './containers.js';

/** `parentMissing` tells a missing or non-container parent (which "remove" forgives) from other failures. */
export type WalkResult = { ok: true; value: unknown } | { ok: false; message: string; parentMissing: boolean };

/**
 * The document with `edit` applied to the container that holds the last token. As in evanphx/json-patch, a null
 * or scalar along the way counts as missing. When `edit` returns its container unchanged, so does this.
 */
export function updateParent(root: unknown, tokens: readonly string[], edit: (parent: JsonContainer, last: string) => Step<JsonContainer>): WalkResult {
  const last = tokens.length - 1;
  const visit = (node: unknown, depth: number): WalkResult => {
    if (!isContainer(node)) return missing(tokens, depth);
    if (depth === last) {
      const edited = edit(node, tokens[depth]);
      return edited.ok ? edited : { ok: false, message: edited.message, parentMissing: false };
    }
    const child = childOf(node, tokens[depth]);
    if (!child.found) return missing(tokens, depth + 1);
    const next = visit(child.value, depth + 1);
    if (!next.ok || next.value === child.value) return next.ok ? { ok: true, value: node } : next;
    return { ok: true, value: withChild(node, child.key, next.value) };
  };
  return visit(root, 0);
}

/** The value at a pointer (non-empty tokens). `absentKey` is set when only the last object key is missing. */
export function valueAt(root: unknown, tokens: readonly string[]): { ok: true; value: unknown } | { ok: false; message: string; absentKey: boolean } {
  let node = root;
  for (let depth = 0; depth < tokens.length; depth++) {
    if (!isContainer(node)) return { ...missing(tokens, depth), absentKey: false };
    const child = childOf(node, tokens[depth]);
    if (!child.found) {
      const lastKey = depth === tokens.length - 1;
      return { ok: false, message: lastKey ? `${child.message} at ${pathText(tokens, depth + 1)}` : missing(tokens, depth + 1).message, absentKey: lastKey && child.missingKey };
    }
    node = child.value;
  }
  return { ok: true, value: node };
}

function pathText(tokens: readonly string[], length: number): string {
  return JSON.stringify(formatPointer(tokens.slice(0, length)));
}

/** `depth` tokens lead to the node that is not there or is not a container. */
function missing(tokens: readonly string[], depth: number): { ok: false; message: string; parentMissing: true } {
  const where = depth === 0 ? 'the document is not an object or array' : `${pathText(tokens, depth)} is missing or not an object or array`;
  return { ok: false, message: `doc is missing path ${pathText(tokens, tokens.length)}: ${where}`, parentMissing: true };
}
