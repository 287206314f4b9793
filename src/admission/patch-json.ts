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

/** Byte for byte what JSON.stringify(ops) gives. */
export function patchJson(ops: readonly JsonPatchOp[]): string {
  const parts: string[] = [];
  for (const op of ops) {
    const fields: string[] = [];
    for (const [key, value] of Object.entries(op)) {
      if (value === undefined) continue;
      fields.push(`${JSON.stringify(key)}:${key === 'value' ? valueText(value) : JSON.stringify(value)}`);
    }
    parts.push(`{${fields.join(',')}}`);
  }
  return `[${parts.join(',')}]`;
}
