/**
 * The document walk shared by both substitution passes. Like Kyverno's JSON traversal it visits
 * every scalar string and every map key (a key sees the path of its map), rebuilds the containers
 * it passes through (the input is never mutated) and, when a string turns into an object or list,
 * walks into that value too, so the result never shares structure with the context.
 */
import { isRecord } from '../../api/json.js';
import type { Segment } from './paths.js';

export type StringStep =
  | { ok: true; value: unknown; descend: boolean }
  | { ok: false; variable: string; path: readonly Segment[]; message: string };

/**
 * Rewrites one string found at `path`; `isKey` when the string is a map key. Returns undefined to keep
 * the string as it is (the common case, so it costs no allocation).
 */
export type StringVisitor = (value: string, path: readonly Segment[], isKey: boolean) => StringStep | undefined;

export type WalkResult = { ok: true; value: unknown } | { ok: false; variable: string; path: readonly Segment[]; message: string };

/** Bounds walking into substituted values that themselves keep producing new structure. */
const MAX_DESCENT = 32;

/** A failed step, returned up the walk in place of a value (walked values are JSON, never instances of this). */
class Failure {
  constructor(
    readonly variable: string,
    readonly path: readonly Segment[],
    readonly message: string,
  ) {}
}

interface Walker {
  visit: StringVisitor;
  unchanged: ((node: object) => boolean) | undefined;
}

/**
 * `unchanged` may tell which containers of the walked document hold nothing the visitor would rewrite:
 * they are returned as they are (shared with the document, which is immutable policy data) instead of rebuilt.
 * Values that substitution walks into are always copied.
 * The `path` a visitor receives is only valid during the call (one array is reused for the whole walk).
 */
export function walk(node: unknown, visit: StringVisitor, unchanged?: (node: object) => boolean): WalkResult {
  return walkFrom(node, [], visit, unchanged, 0);
}

/**
 * Continues a walk at `path` (not modified) and descent `depth`: substitution uses it to walk into the value a
 * string turned into, exactly as `walk` would have.
 */
export function walkFrom(node: unknown, path: readonly Segment[], visit: StringVisitor, unchanged: ((node: object) => boolean) | undefined, depth: number): WalkResult {
  const out = walkNode(node, path.slice(), { visit, unchanged }, depth);
  return out instanceof Failure ? { ok: false, variable: out.variable, path: out.path, message: out.message } : { ok: true, value: out };
}

/** `path` is the walker's one mutable stack: a segment is pushed around each child and copied only into failures. */
function walkNode(node: unknown, path: Segment[], walker: Walker, depth: number): unknown {
  if (typeof node === 'string') {
    const step = walker.visit(node, path, false);
    if (step === undefined) return node;
    if (!step.ok) return new Failure(step.variable, step.path === path ? path.slice() : step.path, step.message);
    if (!step.descend || typeof step.value !== 'object' || step.value === null) return step.value;
    if (depth >= MAX_DESCENT) return new Failure(node, path.slice(), `variable substitution too deeply nested at ${node}`);
    return walkNode(step.value, path, walker, depth + 1);
  }
  if (typeof node !== 'object' || node === null) return node;
  if (depth === 0 && walker.unchanged?.(node)) return node;
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      const r = walkNode(node[i], path, walker, depth);
      path.pop();
      if (r instanceof Failure) return r;
      out.push(r);
    }
    return out;
  }
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(node)) {
      let newKey = key;
      const k = walker.visit(key, path, true);
      if (k !== undefined) {
        if (!k.ok) return new Failure(k.variable, k.path === path ? path.slice() : k.path, k.message);
        if (typeof k.value !== 'string') return new Failure(key, path.slice(), `expected string after substituting variables in key "${key}"`);
        newKey = k.value;
      }
      path.push(key);
      const r = walkNode(node[key], path, walker, depth);
      path.pop();
      if (r instanceof Failure) return r;
      out[newKey] = r;
    }
    return out;
  }
  return node;
}

/** A structural copy of JSON data (used where a value is kept without being walked). */
export function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out;
  }
  return value;
}
