/**
 * Validate `pattern` matching (Kyverno's validate.MatchPattern): walks the compiled pattern and the resource
 * together. Within a map, anchors (condition, equality, negation, existence) are checked first, then global
 * anchors and keys holding nested anchors, then the remaining keys; the first mismatch wins.
 */
import { isRecord } from '../../api/json.js';
import { parseAnchor } from '../anchor/index.js';
import { compileNode, type CompiledMap, type PatternNode } from './compiled.js';
import { describeValue, typeName } from './describe.js';
import { handleKey } from './key-handlers.js';
import { expandMetadataWildcards } from './metadata-wildcards.js';
import { MatchState, type AnchorPresence, type Mismatch, type PatternResult } from './types.js';

type Obj = Record<string, unknown>;

/** Matches a resource (any JSON value, usually the object) against a validate pattern. */
export function matchPattern(resource: unknown, pattern: unknown): PatternResult {
  const st = new MatchState();
  const m = validateNode(resource, compileNode(pattern), st);
  if (m === undefined) return PASS;
  if (m.class === 'skip') return { kind: 'skip', path: m.path, reason: m.reason };
  // Kyverno drops the path (and so reports an error) when an anchored key was missing from the resource.
  const path = m.class === 'plain' && anchorKeysMissing(st.seen) ? '' : m.path;
  return { kind: 'fail', path, expected: m.expected, actual: m.actual, reason: m.reason };
}

const PASS: PatternResult = Object.freeze({ kind: 'pass' });

function anchorKeysMissing(seen: AnchorPresence): boolean {
  for (const [key, present] of seen) {
    if (!present && parseAnchor(key)?.kind !== 'negation') return true;
  }
  return false;
}

function mismatch(path: string, expected: unknown, actual: unknown, reason: string): Mismatch {
  return { class: 'plain', path, expected: describeValue(expected), actual: describeValue(actual), reason };
}

function validateNode(resource: unknown, node: PatternNode, st: MatchState): Mismatch | undefined {
  switch (node.kind) {
    case 'map':
      if (!isRecord(resource)) return mismatch(st.path(), node.raw, resource, `expected an object, found ${typeName(resource)}`);
      recordAnchors(node.map, resource, st.seen);
      return validateMap(resource, node.map, st);
    case 'array':
      if (!Array.isArray(resource)) return mismatch(st.path(), node.raw, resource, `expected an array, found ${typeName(resource)}`);
      return validateArray(resource, node, st);
    case 'unsupported':
      return mismatch(st.path(), node.raw, resource, 'pattern contains an unsupported value');
    case 'scalar': {
      if (Array.isArray(resource)) {
        // A scalar pattern against a list applies to every element.
        const bad = resource.findIndex((element) => !node.test(element));
        if (bad < 0) return undefined;
        return mismatch(st.path(), node.raw, resource, `element ${bad} (${describeValue(resource[bad])}) does not match`);
      }
      if (node.test(resource)) return undefined;
      return mismatch(st.path(), node.raw, resource, `value ${describeValue(resource)} does not match ${describeValue(node.raw)}`);
    }
  }
}

function recordAnchors(map: CompiledMap, resource: Obj, seen: AnchorPresence): void {
  const { tracked } = map;
  for (let i = 0; i < tracked.length; i++) {
    const { key, anchor } = tracked[i];
    if (anchor === undefined || seen.get(key) === true) continue;
    seen.set(key, Object.hasOwn(resource, anchor.key));
  }
}

function validateMap(resource: Obj, compiled: CompiledMap, st: MatchState): Mismatch | undefined {
  let map = compiled;
  if (map.wildcards !== undefined) {
    const expanded = expandMetadataWildcards(map.wildcards, map.raw, resource);
    if (expanded !== map.raw) map = (compileNode(expanded) as Extract<PatternNode, { kind: 'map' }>).map;
  }
  const { ordered } = map;
  for (let i = 0; i < ordered.length; i++) {
    const m = handleKey(ordered[i], resource, st, validateNode);
    if (m !== undefined) return m;
  }
  return undefined;
}

function validateArray(resource: unknown[], node: Extract<PatternNode, { kind: 'array' }>, st: MatchState): Mismatch | undefined {
  const { items } = node;
  if (items.length === 0) return mismatch(st.path(), node.raw, resource, 'pattern array is empty');
  const first = items[0];
  // Only the first element of a list of maps or scalars is used; it applies to every resource element.
  if (first.kind === 'scalar') return validateNode(resource, first, st);
  const skips = new SkipCollector();
  if (first.kind === 'map') {
    for (let i = 0; i < resource.length; i++) {
      st.enter(i);
      const m = skips.add(validateNode(resource[i], first, st));
      st.leave();
      if (m !== undefined) return m;
    }
    return skips.result(st);
  }
  // Nested lists are matched position by position.
  if (resource.length < items.length) {
    return mismatch('', node.raw, resource, `resource list has ${resource.length} elements, pattern has ${items.length}`);
  }
  for (let i = 0; i < items.length; i++) {
    st.enter(i);
    const m = skips.add(validateNode(resource[i], items[i], st));
    st.leave();
    if (m !== undefined) return m;
  }
  return skips.result(st);
}

/**
 * Element checks in order: a skip only excludes that element, any other mismatch is returned at once;
 * if every element was skipped the list as a whole is a skip.
 */
class SkipCollector {
  private skips: Mismatch[] | undefined;
  private applied = 0;

  /** Records one element's outcome; returns the mismatch that ends the list, if any. */
  add(m: Mismatch | undefined): Mismatch | undefined {
    if (m === undefined) this.applied++;
    else if (m.class === 'skip') (this.skips ??= []).push(m);
    else return m;
    return undefined;
  }

  /** The list's outcome, at the list's path. */
  result(st: MatchState): Mismatch | undefined {
    const { skips } = this;
    if (this.applied > 0 || skips === undefined) return undefined;
    return {
      class: 'skip',
      path: st.path(),
      expected: skips[0].expected,
      actual: skips[0].actual,
      reason: skips.map((s) => `${s.path}: ${s.reason}`).join('; '),
    };
  }
}
