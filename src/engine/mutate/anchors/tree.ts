/**
 * The overlay as a private, mutable JSON tree. Kyverno resolves anchors by editing its copy of the patch in
 * place (and some of its results depend on that), so we work on a deep copy and never touch the caller's data.
 */
import type { JsonObject, JsonValue } from '../../../api/json.js';
import { isRecord } from '../../../api/json.js';

export type Tree = JsonValue;
export type TreeMap = JsonObject;

export function isTreeMap(value: unknown): value is TreeMap {
  return isRecord(value);
}

/** A value as it sits in a resource: `undefined` means the key is absent (Go's nil node). */
export type ResourceValue = unknown;

/** Deep copy of a JSON value, or the path of the first value that is not JSON (NaN, undefined, functions...). */
export function cloneJson(value: unknown, path = '/'): { tree: Tree } | { badPath: string } {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { tree: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { tree: value } : { badPath: path };
  if (Array.isArray(value)) {
    const out: Tree[] = [];
    for (let i = 0; i < value.length; i++) {
      const c = cloneJson(value[i], `${path}${i}/`);
      if ('badPath' in c) return c;
      out.push(c.tree);
    }
    return { tree: out };
  }
  if (isRecord(value)) {
    const out: TreeMap = {};
    for (const [k, v] of Object.entries(value)) {
      const c = cloneJson(v, `${path}${k}/`);
      if ('badPath' in c) return c;
      put(out, k, c.tree);
    }
    return { tree: out };
  }
  return { badPath: path };
}

/** Deep copy of a tree that is already known to be JSON. */
export function cloneTree(tree: Tree): Tree {
  if (Array.isArray(tree)) return tree.map(cloneTree);
  if (isTreeMap(tree)) {
    const out: TreeMap = {};
    for (const [k, v] of Object.entries(tree)) put(out, k, cloneTree(v));
    return out;
  }
  return tree;
}

/** Sets an own property, also for keys like `__proto__` that plain assignment would treat specially. */
export function put(map: TreeMap, key: string, value: Tree): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** The resource's value under `key`, or undefined when the resource is not a map or lacks the key. */
export function field(resource: ResourceValue, key: string): ResourceValue {
  return isRecord(resource) && Object.hasOwn(resource, key) ? resource[key] : undefined;
}

/** Renames a key in place, keeping its position (Kyverno renames the YAML key node). */
export function renameKey(map: TreeMap, from: string, to: string): void {
  const entries = Object.entries(map);
  for (const [k] of entries) delete map[k];
  for (const [k, v] of entries) put(map, k === from ? to : k, v);
}
