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

/** Rewrites one string found at `path`; `isKey` when the string is a map key. */
export type StringVisitor = (value: string, path: readonly Segment[], isKey: boolean) => StringStep;

export type WalkResult = { ok: true; value: unknown } | { ok: false; variable: string; path: readonly Segment[]; message: string };

/** Bounds walking into substituted values that themselves keep producing new structure. */
const MAX_DESCENT = 32;

export function walk(node: unknown, visit: StringVisitor): WalkResult {
  return walkNode(node, [], visit, 0);
}

function walkNode(node: unknown, path: Segment[], visit: StringVisitor, depth: number): WalkResult {
  if (typeof node === 'string') {
    const step = visit(node, path, false);
    if (!step.ok) return step;
    if (!step.descend || typeof step.value !== 'object' || step.value === null) return { ok: true, value: step.value };
    if (depth >= MAX_DESCENT) return { ok: false, variable: node, path, message: `variable substitution too deeply nested at ${node}` };
    return walkNode(step.value, path, visit, depth + 1);
  }
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (let i = 0; i < node.length; i++) {
      const r = walkNode(node[i], [...path, i], visit, depth);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return { ok: true, value: out };
  }
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const k = visit(key, path, true);
      if (!k.ok) return k;
      if (typeof k.value !== 'string') {
        return { ok: false, variable: key, path, message: `expected string after substituting variables in key "${key}"` };
      }
      const r = walkNode(child, [...path, key], visit, depth);
      if (!r.ok) return r;
      out[k.value] = r.value;
    }
    return { ok: true, value: out };
  }
  return { ok: true, value: node };
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
