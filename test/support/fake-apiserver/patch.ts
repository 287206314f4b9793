/** JSON merge patch (RFC 7386) and JSON patch (RFC 6902), as the API server applies them. */
import { type JsonValue, isJsonObject } from '../../../src/api/json.js';

export type PatchResult = { ok: true; value: JsonValue } | { ok: false; reason: string };

export function mergePatch(target: JsonValue, patch: JsonValue): JsonValue {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const out = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key] ?? null, value);
  }
  return out;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function tokens(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer.slice(1).split('/').map(unescape);
}

type Located = { ok: true; parent: JsonValue[] | Record<string, JsonValue>; key: string } | { ok: false; reason: string };

function locate(doc: JsonValue, path: string[]): Located {
  let node: JsonValue = doc;
  for (const t of path.slice(0, -1)) {
    const next: JsonValue | undefined = Array.isArray(node) ? node[Number(t)] : isJsonObject(node) ? node[t] : undefined;
    if (next === undefined) return { ok: false, reason: `path not found: /${path.join('/')}` };
    node = next;
  }
  if (!Array.isArray(node) && !isJsonObject(node)) return { ok: false, reason: `not a container: /${path.join('/')}` };
  return { ok: true, parent: node, key: path[path.length - 1] };
}

function read(doc: JsonValue, path: string[]): JsonValue | undefined {
  let node: JsonValue | undefined = doc;
  for (const t of path) {
    node = Array.isArray(node) ? node[Number(t)] : node !== undefined && isJsonObject(node) ? node[t] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function arrayIndex(arr: JsonValue[], key: string, forAdd: boolean): number | undefined {
  if (forAdd && key === '-') return arr.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) return undefined;
  const i = Number(key);
  return i <= (forAdd ? arr.length : arr.length - 1) ? i : undefined;
}

function add(doc: JsonValue, path: string[], value: JsonValue): PatchResult {
  if (path.length === 0) return { ok: true, value };
  const loc = locate(doc, path);
  if (!loc.ok) return loc;
  if (Array.isArray(loc.parent)) {
    const i = arrayIndex(loc.parent, loc.key, true);
    if (i === undefined) return { ok: false, reason: `bad array index ${loc.key}` };
    loc.parent.splice(i, 0, value);
  } else {
    loc.parent[loc.key] = value;
  }
  return { ok: true, value: doc };
}

function remove(doc: JsonValue, path: string[]): PatchResult {
  const loc = locate(doc, path);
  if (!loc.ok) return loc;
  if (Array.isArray(loc.parent)) {
    const i = arrayIndex(loc.parent, loc.key, false);
    if (i === undefined) return { ok: false, reason: `bad array index ${loc.key}` };
    loc.parent.splice(i, 1);
  } else {
    if (!(loc.key in loc.parent)) return { ok: false, reason: `path not found: /${path.join('/')}` };
    delete loc.parent[loc.key];
  }
  return { ok: true, value: doc };
}

function applyOne(doc: JsonValue, op: unknown): PatchResult {
  if (!isJsonObject(op) || typeof op.op !== 'string' || typeof op.path !== 'string') return { ok: false, reason: 'invalid operation' };
  const path = tokens(op.path);
  if (path === undefined) return { ok: false, reason: `invalid pointer ${op.path}` };
  const from = typeof op.from === 'string' ? tokens(op.from) : undefined;
  switch (op.op) {
    case 'add':
      return op.value === undefined ? { ok: false, reason: 'add without value' } : add(doc, path, structuredClone(op.value));
    case 'remove':
      return remove(doc, path);
    case 'replace': {
      if (op.value === undefined) return { ok: false, reason: 'replace without value' };
      if (path.length > 0 && read(doc, path) === undefined) return { ok: false, reason: `path not found: ${op.path}` };
      const removed = path.length === 0 ? { ok: true as const, value: doc } : remove(doc, path);
      return removed.ok ? add(removed.value, path, structuredClone(op.value)) : removed;
    }
    case 'test': {
      const actual = read(doc, path);
      return JSON.stringify(actual) === JSON.stringify(op.value) ? { ok: true, value: doc } : { ok: false, reason: `test failed at ${op.path}` };
    }
    case 'move':
    case 'copy': {
      if (from === undefined) return { ok: false, reason: `${op.op} without from` };
      const value = read(doc, from);
      if (value === undefined) return { ok: false, reason: `path not found: ${String(op.from)}` };
      const copy = structuredClone(value);
      if (op.op === 'move') {
        const removed = remove(doc, from);
        if (!removed.ok) return removed;
        return add(removed.value, path, copy);
      }
      return add(doc, path, copy);
    }
    default:
      return { ok: false, reason: `unknown operation ${op.op}` };
  }
}

/** Applies all operations to a copy of `target`; the first failing one fails the whole patch. */
export function jsonPatch(target: JsonValue, operations: unknown): PatchResult {
  if (!Array.isArray(operations)) return { ok: false, reason: 'a JSON patch must be an array of operations' };
  let doc: JsonValue = structuredClone(target);
  for (const op of operations) {
    const r = applyOne(doc, op);
    if (!r.ok) return r;
    doc = r.value;
  }
  return { ok: true, value: doc };
}
