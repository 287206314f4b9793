/**
 * The compiled form of one pattern map: its keys with their anchors parsed and in Kyverno's evaluation order.
 * Patterns are immutable policy data matched on every request, so each map object is compiled once and kept
 * in a WeakMap (maps built per request, e.g. by metadata wildcard expansion, are simply compiled again).
 */
import { hasNestedAnchors, parseAnchor, type Anchor, type AnchorKind } from '../anchor/index.js';

type Obj = Record<string, unknown>;

export interface PatternKey {
  /** The key as written in the pattern. */
  readonly key: string;
  readonly value: unknown;
  /** undefined for a plain key. */
  readonly anchor: Anchor | undefined;
}

export interface CompiledMap {
  /** Anchors first (condition, existence, equality, negation; sorted), then global anchors and keys holding nested anchors, then the rest. */
  readonly ordered: readonly PatternKey[];
  /** Condition, existence and negation anchors: the keys Kyverno's AnchorMap tracks. */
  readonly tracked: readonly PatternKey[];
}

const FIRST_PASS: readonly AnchorKind[] = ['condition', 'existence', 'equality', 'negation'];
const NESTED: readonly AnchorKind[] = ['condition', 'existence', 'equality', 'negation', 'global'];
const TRACKED: readonly AnchorKind[] = ['condition', 'existence', 'negation'];

const cache = new WeakMap<Obj, CompiledMap>();

export function compileMap(pattern: Obj): CompiledMap {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = compile(pattern);
    cache.set(pattern, compiled);
  }
  return compiled;
}

function compile(pattern: Obj): CompiledMap {
  const anchored: PatternKey[] = [];
  const early: PatternKey[] = [];
  const rest: PatternKey[] = [];
  const tracked: PatternKey[] = [];
  for (const [key, value] of Object.entries(pattern)) {
    const anchor = parseAnchor(key);
    const entry: PatternKey = { key, value, anchor };
    const kind = anchor?.kind;
    if (kind !== undefined && TRACKED.includes(kind)) tracked.push(entry);
    if (kind !== undefined && FIRST_PASS.includes(kind)) anchored.push(entry);
    else if (kind === 'global' || hasNestedAnchors(value, NESTED)) early.push(entry);
    else rest.push(entry);
  }
  // Kyverno sorts the anchor keys (so `(x)` conditions run before `=(x)`, `X(x)`, `^(x)`); plain string order.
  anchored.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ordered: [...anchored, ...early, ...rest], tracked };
}
