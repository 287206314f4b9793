/**
 * Copy-on-write access to one level of a JSON document, with the index rules of evanphx/json-patch as Kyverno
 * configures it (negative indices count from the end). Within one patch application (`withOwnership`) the
 * copies it made belong to it alone, so later operations edit those in place instead of copying them again:
 * a sidecar's dozen operations on `spec` copy `spec` once, not a dozen times.
 */
import { isRecord } from '../../../api/json.js';

export type JsonContainer = Record<string, unknown> | unknown[];

export type Step<T> = { ok: true; value: T } | { ok: false; message: string };

export function isContainer(value: unknown): value is JsonContainer {
  return Array.isArray(value) || isRecord(value);
}

const INTEGER = /^[+-]?[0-9]+$/;

/** Go's strconv.Atoi: an optional sign and decimal digits (leading zeros allowed); undefined when it fails. */
export function parseArrayIndex(token: string): number | undefined {
  if (!INTEGER.test(token)) return undefined;
  const n = Number(token);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A child that exists: `key` is the resolved array index (negatives made positive) or the object key. */
export type Child = { found: true; key: string | number; value: unknown } | { found: false; missingKey: boolean; message: string };

export function childOf(container: JsonContainer, token: string): Child {
  if (!Array.isArray(container)) {
    if (Object.hasOwn(container, token)) return { found: true, key: token, value: container[token] };
    return { found: false, missingKey: true, message: `missing key ${JSON.stringify(token)}` };
  }
  const n = parseArrayIndex(token);
  if (n === undefined) return { found: false, missingKey: false, message: `${JSON.stringify(token)} is not an array index` };
  const idx = n < 0 ? n + container.length : n;
  if (idx < 0 || idx >= container.length) return { found: false, missingKey: false, message: `index ${n} is out of range (array length ${container.length})` };
  return { found: true, key: idx, value: container[idx] };
}

/** Containers created by the current patch application; undefined outside one (every edit copies). */
let owned: Set<object> | undefined;

/** Runs one patch application: copies made during `run` are edited in place by its later steps. */
export function withOwnership<T>(run: () => T): T {
  const previous = owned;
  owned = new Set();
  try {
    return run();
  } finally {
    owned = previous;
  }
}

/**
 * Forgets what the application owns: after a copy (or move) a container may be reachable from two places, and
 * editing it in place would change both.
 */
export function disownAll(): void {
  owned?.clear();
}

function isOwned(container: JsonContainer): boolean {
  return owned !== undefined && owned.has(container);
}

function own<T extends JsonContainer>(container: T): T {
  owned?.add(container);
  return container;
}

/** Sets an own property even when the key is `__proto__`, which plain assignment would treat as the prototype. */
function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}

/** A copy of `container` whose existing child `key` (from childOf) is `value`. */
export function withChild(container: JsonContainer, key: string | number, value: unknown): JsonContainer {
  if (Array.isArray(container)) {
    const out = isOwned(container) ? container : own(container.slice());
    out[key as number] = value;
    return out;
  }
  const out = isOwned(container) ? container : own({ ...container });
  defineKey(out, String(key), value);
  return out;
}

/** RFC 6902 "add" into one container: objects set the key; arrays insert at an index up to the length, or `-`. */
export function addTo(container: JsonContainer, token: string, value: unknown): Step<JsonContainer> {
  if (!Array.isArray(container)) {
    const out = isOwned(container) ? container : own({ ...container });
    defineKey(out, token, value);
    return { ok: true, value: out };
  }
  let idx = container.length;
  if (token !== '-') {
    const n = parseArrayIndex(token);
    if (n === undefined) return { ok: false, message: `${JSON.stringify(token)} is not a proper array index` };
    // With the inserted element the array is one longer, so -1 means "after the last element".
    const size = container.length + 1;
    if (n >= size || n < -size) return { ok: false, message: `index ${n} is out of range (array length ${container.length})` };
    idx = n < 0 ? n + size : n;
  }
  if (isOwned(container)) {
    if (idx === container.length) container.push(value);
    else container.splice(idx, 0, value);
    return { ok: true, value: container };
  }
  const out = container.slice(0, idx);
  out.push(value);
  for (let i = idx; i < container.length; i++) out.push(container[i]);
  return { ok: true, value: own(out) };
}

/**
 * Kyverno applies patches with AllowMissingPathOnRemove: a missing key or an index past either end leaves the
 * container as it is (the very same reference). A token that is no index at all is still an error.
 */
export function removeFrom(container: JsonContainer, token: string): Step<JsonContainer> {
  if (!Array.isArray(container)) {
    if (!Object.hasOwn(container, token)) return { ok: true, value: container };
    const out = isOwned(container) ? container : own({ ...container });
    delete out[token];
    return { ok: true, value: out };
  }
  const n = parseArrayIndex(token);
  if (n === undefined) return { ok: false, message: `${JSON.stringify(token)} is not an array index` };
  const idx = n < 0 ? n + container.length : n;
  if (idx < 0 || idx >= container.length) return { ok: true, value: container };
  if (isOwned(container)) {
    container.splice(idx, 1);
    return { ok: true, value: container };
  }
  const out = container.slice(0, idx);
  for (let i = idx + 1; i < container.length; i++) out.push(container[i]);
  return { ok: true, value: own(out) };
}

/** RFC 6902 "replace" in one container: the key or index must exist. */
export function replaceIn(container: JsonContainer, token: string, value: unknown): Step<JsonContainer> {
  const child = childOf(container, token);
  if (!child.found) return { ok: false, message: child.message };
  return { ok: true, value: withChild(container, child.key, value) };
}
