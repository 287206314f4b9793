/**
 * The JSON text of a patch, as JSON.stringify writes it, with the text of frozen values kept per value: a
 * mutation's inserted values are often frozen policy data shared by every request (a sidecar's containers and
 * volumes), so each is serialized once instead of on every answer. Only frozen values are kept, since only
 * they cannot have changed since.
 */
import type { JsonPatchOp } from '../api/json-patch.js';

const texts = new WeakMap<object, string>();

function valueText(value: unknown): string {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** Characters JSON.stringify escapes in a string: quote, backslash, controls, surrogate halves. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * Byte for byte what JSON.stringify(ops) gives for operations written as the diff writes them (keys op, path,
 * value), without walking the operation objects generically (this runs for every operation of every answer).
 */
export function patchJson(ops: readonly JsonPatchOp[]): string {
  let text = '[';
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (i > 0) text += ',';
    if (op.op === 'move' || op.op === 'copy') {
      text += JSON.stringify(op);
      continue;
    }
    text += `{"op":"${op.op}","path":${stringText(op.path)}`;
    if (op.op !== 'remove' && op.value !== undefined) text += `,"value":${valueText(op.value)}`;
    text += '}';
  }
  return text + ']';
}
