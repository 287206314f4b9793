/** RFC 6902 operations with the options Kyverno passes to evanphx/json-patch (see ensure-path.ts, containers.ts). */
import type { JsonPatchOp } from '../../../api/json-patch.js';
import { parsePointer } from '../../../api/json-pointer.js';
import { deepEqualJson } from '../../values/index.js';
import { addTo, disownAll, isContainer, removeFrom, replaceIn, type Step, withOwnership } from './containers.js';
import { ensureParents } from './ensure-path.js';
import { updateParent, valueAt } from './walk.js';

export type ApplyResult = { ok: true; value: unknown } | { ok: false; message: string; index: number; op: JsonPatchOp };

/**
 * Applies `ops` in order and stops at the first that fails. `doc` is never modified: the result shares every
 * untouched subtree (and the operations' values) with its inputs, so treat it as immutable too.
 */
export function applyJsonPatch(doc: unknown, ops: readonly JsonPatchOp[]): ApplyResult {
  return withOwnership(() => {
    let current = doc;
    for (let index = 0; index < ops.length; index++) {
      const op = ops[index];
      const step = applyOne(current, op);
      if (!step.ok) return { ok: false, message: `${op.op} operation at ${JSON.stringify(op.path)} failed: ${step.message}`, index, op };
      current = step.value;
    }
    return { ok: true, value: current };
  });
}

function applyOne(doc: unknown, op: JsonPatchOp): Step<unknown> {
  const path = parsePointer(op.path);
  if (!path.ok) return path;
  switch (op.op) {
    case 'add':
      return add(doc, path.tokens, op.value, true);
    case 'remove':
      return remove(doc, path.tokens);
    case 'replace':
      return replace(doc, path.tokens, op.value);
    case 'test':
      return test(doc, path.tokens, op.value);
    case 'move':
    case 'copy': {
      // The value will be reachable from its new place too (copy), or was edited in place by earlier steps (move).
      disownAll();
      const from = parsePointer(op.from);
      if (!from.ok) return from;
      return op.op === 'move' ? move(doc, from.tokens, path.tokens) : copy(doc, from.tokens, path.tokens);
    }
  }
}

/** The whole document can only become another object or array (a scalar document is no patch target). */
function replaceDocument(value: unknown): Step<unknown> {
  return isContainer(value) ? { ok: true, value } : { ok: false, message: 'the value for the whole document must be an object or array' };
}

function add(doc: unknown, tokens: readonly string[], value: unknown, ensure: boolean): Step<unknown> {
  if (tokens.length === 0) return replaceDocument(value);
  let root = doc;
  if (ensure) {
    const ensured = ensureParents(doc, tokens);
    if (!ensured.ok) return ensured;
    root = ensured.value;
  }
  return updateParent(root, tokens, (parent, last) => addTo(parent, last, value));
}

/** AllowMissingPathOnRemove: a missing parent, key or index leaves the document as it is. */
function remove(doc: unknown, tokens: readonly string[]): Step<unknown> {
  if (tokens.length === 0) return { ok: false, message: 'cannot remove the whole document' };
  const result = updateParent(doc, tokens, removeFrom);
  if (!result.ok && result.parentMissing) return { ok: true, value: doc };
  return result;
}

function replace(doc: unknown, tokens: readonly string[], value: unknown): Step<unknown> {
  if (tokens.length === 0) return replaceDocument(value);
  return updateParent(doc, tokens, (parent, last) => replaceIn(parent, last, value));
}

function move(doc: unknown, from: readonly string[], to: readonly string[]): Step<unknown> {
  if (from.length === 0) return { ok: false, message: 'cannot move the whole document' };
  const value = valueAt(doc, from);
  if (!value.ok) return { ok: false, message: `from: ${value.message}` };
  const removed = updateParent(doc, from, removeFrom);
  if (!removed.ok) return removed;
  // Moving a value into its own subtree fails here: removing it took the destination's parent away.
  return add(removed.value, to, value.value, false);
}

function copy(doc: unknown, from: readonly string[], to: readonly string[]): Step<unknown> {
  const value = from.length === 0 ? { ok: true as const, value: doc } : valueAt(doc, from);
  if (!value.ok) return { ok: false, message: `from: ${value.message}` };
  return add(doc, to, value.value, false);
}

/** Deep JSON equality; as in evanphx/json-patch, a missing object key equals null. */
function test(doc: unknown, tokens: readonly string[], expected: unknown): Step<unknown> {
  let actual: unknown = doc;
  if (tokens.length > 0) {
    const found = valueAt(doc, tokens);
    if (!found.ok && !found.absentKey) return found;
    actual = found.ok ? found.value : null;
  }
  if (deepEqualJson(actual, expected)) return { ok: true, value: doc };
  return { ok: false, message: `value is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}` };
}
