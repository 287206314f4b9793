/**
 * Validate `pattern` matching (Kyverno's validate.MatchPattern): walks pattern and resource together.
 * Within a map, anchors (condition, equality, negation, existence) are checked first, then global anchors and
 * keys holding nested anchors, then the remaining keys; the first mismatch wins.
 */
import { isRecord } from '../../api/json.js';
import { parseAnchor } from '../anchor/index.js';
import { compileMap } from './compiled.js';
import { describeValue, typeName } from './describe.js';
import { handleKey } from './key-handlers.js';
import { expandMetadataWildcards } from './metadata-wildcards.js';
import type { AnchorPresence, Mismatch, PatternResult } from './types.js';
import { validateValue } from './value.js';

type Obj = Record<string, unknown>;

/** Matches a resource (any JSON value, usually the object) against a validate pattern. */
export function matchPattern(resource: unknown, pattern: unknown): PatternResult {
  const seen: AnchorPresence = new Map();
  const m = validateElement(resource, pattern, '/', seen);
  if (m === undefined) return { kind: 'pass' };
  if (m.class === 'skip') return { kind: 'skip', path: m.path, reason: m.reason };
  // Kyverno drops the path (and so reports an error) when an anchored key was missing from the resource.
  const path = m.class === 'plain' && anchorKeysMissing(seen) ? '' : m.path;
  return { kind: 'fail', path, expected: m.expected, actual: m.actual, reason: m.reason };
}

function anchorKeysMissing(seen: AnchorPresence): boolean {
  for (const [key, present] of seen) {
    if (!present && parseAnchor(key)?.kind !== 'negation') return true;
  }
  return false;
}

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function mismatch(path: string, expected: unknown, actual: unknown, reason: string): Mismatch {
  return { class: 'plain', path, expected: describeValue(expected), actual: describeValue(actual), reason };
}

function validateElement(resource: unknown, pattern: unknown, path: string, seen: AnchorPresence): Mismatch | undefined {
  if (isRecord(pattern)) {
    if (!isRecord(resource)) return mismatch(path, pattern, resource, `expected an object, found ${typeName(resource)}`);
    recordAnchors(pattern, resource, seen);
    return validateMap(resource, pattern, path, seen);
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(resource)) return mismatch(path, pattern, resource, `expected an array, found ${typeName(resource)}`);
    return validateArray(resource, pattern, path, seen);
  }
  if (!isScalar(pattern)) return mismatch(path, pattern, resource, 'pattern contains an unsupported value');
  if (Array.isArray(resource)) {
    // A scalar pattern against a list applies to every element.
    const bad = resource.findIndex((element) => !validateValue(element, pattern));
    if (bad < 0) return undefined;
    return mismatch(path, pattern, resource, `element ${bad} (${describeValue(resource[bad])}) does not match`);
  }
  if (validateValue(resource, pattern)) return undefined;
  return mismatch(path, pattern, resource, `value ${describeValue(resource)} does not match ${describeValue(pattern)}`);
}

function recordAnchors(pattern: Obj, resource: Obj, seen: AnchorPresence): void {
  for (const { key, anchor } of compileMap(pattern).tracked) {
    if (anchor === undefined || seen.get(key) === true) continue;
    seen.set(key, Object.hasOwn(resource, anchor.key));
  }
}

function validateMap(resource: Obj, rawPattern: Obj, path: string, seen: AnchorPresence): Mismatch | undefined {
  const pattern = expandMetadataWildcards(rawPattern, resource);
  for (const entry of compileMap(pattern).ordered) {
    const m = handleKey(entry, resource, path, seen, validateElement);
    if (m !== undefined) return m;
  }
  return undefined;
}

function validateArray(resource: unknown[], pattern: unknown[], path: string, seen: AnchorPresence): Mismatch | undefined {
  if (pattern.length === 0) return mismatch(path, pattern, resource, 'pattern array is empty');
  const first = pattern[0];
  // Only the first element of a list of maps or scalars is used; it applies to every resource element.
  if (isRecord(first)) return validateArrayOfMaps(resource, first, path, seen);
  if (isScalar(first)) return validateElement(resource, first, path, seen);
  // Nested lists are matched position by position.
  if (resource.length < pattern.length) {
    return mismatch('', pattern, resource, `resource list has ${resource.length} elements, pattern has ${pattern.length}`);
  }
  const skips = new SkipCollector(path);
  for (let i = 0; i < pattern.length; i++) {
    const m = skips.add(validateElement(resource[i], pattern[i], `${path}${i}/`, seen));
    if (m !== undefined) return m;
  }
  return skips.result();
}

function validateArrayOfMaps(resource: unknown[], pattern: Obj, path: string, seen: AnchorPresence): Mismatch | undefined {
  const skips = new SkipCollector(path);
  for (let i = 0; i < resource.length; i++) {
    const m = skips.add(validateElement(resource[i], pattern, `${path}${i}/`, seen));
    if (m !== undefined) return m;
  }
  return skips.result();
}

/**
 * Element checks in order: a skip only excludes that element, any other mismatch is returned at once;
 * if every element was skipped the list as a whole is a skip.
 */
class SkipCollector {
  private readonly skips: Mismatch[] = [];
  private applied = 0;

  constructor(private readonly path: string) {}

  /** Records one element's outcome; returns the mismatch that ends the list, if any. */
  add(m: Mismatch | undefined): Mismatch | undefined {
    if (m === undefined) this.applied++;
    else if (m.class === 'skip') this.skips.push(m);
    else return m;
    return undefined;
  }

  result(): Mismatch | undefined {
    const { skips } = this;
    if (this.applied > 0 || skips.length === 0) return undefined;
    return {
      class: 'skip',
      path: this.path,
      expected: skips[0].expected,
      actual: skips[0].actual,
      reason: skips.map((s) => `${s.path}: ${s.reason}`).join('; '),
    };
  }
}
