/**
 * The compiled form of a validate pattern: every map with its keys' anchors parsed and in Kyverno's evaluation
 * order, every key holding its value's compiled node, every scalar leaf holding its parsed operator language.
 * Patterns are immutable policy data matched on every request, so each object is compiled once and kept in a
 * WeakMap; a pattern rebuilt per request (variables substituted, metadata wildcards expanded) shares its
 * unchanged parts with the policy, and only the new objects are compiled.
 */
import { isRecord } from '../../api/json.js';
import { hasNestedAnchors, parseAnchor, type Anchor, type AnchorKind } from '../anchor/index.js';
import { planMetadataWildcards, type MetadataPlan } from './metadata-wildcards.js';
import { compileScalar, type ScalarTest } from './value.js';

type Obj = Record<string, unknown>;

export interface PatternKey {
  /** The key as written in the pattern. */
  readonly key: string;
  readonly value: unknown;
  readonly node: PatternNode;
  /** undefined for a plain key. */
  readonly anchor: Anchor | undefined;
}

export interface CompiledMap {
  readonly raw: Obj;
  /** Anchors first (condition, existence, equality, negation; sorted), then global anchors and keys holding nested anchors, then the rest. */
  readonly ordered: readonly PatternKey[];
  /** Condition, existence and negation anchors: the keys Kyverno's AnchorMap tracks. */
  readonly tracked: readonly PatternKey[];
  /** Labels/annotations keys with wildcards, expanded against each resource; undefined for most maps. */
  readonly wildcards: MetadataPlan | undefined;
}

export type PatternNode =
  | { readonly kind: 'map'; readonly raw: Obj; readonly map: CompiledMap }
  | { readonly kind: 'array'; readonly raw: readonly unknown[]; readonly items: readonly PatternNode[] }
  | { readonly kind: 'scalar'; readonly raw: unknown; readonly test: ScalarTest }
  | { readonly kind: 'unsupported'; readonly raw: unknown };

const FIRST_PASS: readonly AnchorKind[] = ['condition', 'existence', 'equality', 'negation'];
const NESTED: readonly AnchorKind[] = ['condition', 'existence', 'equality', 'negation', 'global'];
const TRACKED: readonly AnchorKind[] = ['condition', 'existence', 'negation'];

const nodes = new WeakMap<object, PatternNode>();

/** The compiled node of any pattern value; objects are compiled once. */
export function compileNode(pattern: unknown): PatternNode {
  if (typeof pattern !== 'object' || pattern === null) return scalarNode(pattern);
  let node = nodes.get(pattern);
  if (node === undefined) {
    node = build(pattern);
    nodes.set(pattern, node);
  }
  return node;
}

export function compileMap(pattern: Obj): CompiledMap {
  const node = compileNode(pattern);
  if (node.kind !== 'map') throw new TypeError('compileMap expects a map pattern');
  return node.map;
}

function scalarNode(pattern: unknown): PatternNode {
  switch (typeof pattern) {
    case 'undefined':
    case 'string':
    case 'number':
    case 'boolean':
      return { kind: 'scalar', raw: pattern, test: compileScalar(pattern) };
    case 'object':
      if (pattern === null) return { kind: 'scalar', raw: pattern, test: compileScalar(pattern) };
  }
  return { kind: 'unsupported', raw: pattern };
}

function build(pattern: object): PatternNode {
  if (Array.isArray(pattern)) return { kind: 'array', raw: pattern, items: pattern.map(compileNode) };
  if (isRecord(pattern)) return { kind: 'map', raw: pattern, map: buildMap(pattern) };
  return { kind: 'unsupported', raw: pattern };
}

function buildMap(pattern: Obj): CompiledMap {
  const anchored: PatternKey[] = [];
  const early: PatternKey[] = [];
  const rest: PatternKey[] = [];
  const tracked: PatternKey[] = [];
  for (const key of Object.keys(pattern)) {
    const value = pattern[key];
    const anchor = parseAnchor(key);
    const entry: PatternKey = { key, value, node: compileNode(value), anchor };
    const kind = anchor?.kind;
    if (kind !== undefined && TRACKED.includes(kind)) tracked.push(entry);
    if (kind !== undefined && FIRST_PASS.includes(kind)) anchored.push(entry);
    else if (kind === 'global' || hasNestedAnchors(value, NESTED)) early.push(entry);
    else rest.push(entry);
  }
  // Kyverno sorts the anchor keys (so `(x)` conditions run before `=(x)`, `X(x)`, `^(x)`); plain string order.
  anchored.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { raw: pattern, ordered: [...anchored, ...early, ...rest], tracked, wildcards: planMetadataWildcards(pattern) };
}
