/**
 * What one key of a pattern map demands of the resource map at the same level, by anchor kind.
 * Mirrors Kyverno's anchor handlers: the returned mismatch's class decides between skip and fail.
 */
import { isRecord } from '../../api/json.js';
import type { Anchor } from '../anchor/index.js';
import type { PatternKey } from './compiled.js';
import { describeValue, MISSING } from './describe.js';
import type { AnchorPresence, ElementValidator, Mismatch } from './types.js';

type Obj = Record<string, unknown>;

export function handleKey(entry: PatternKey, resource: Obj, path: string, seen: AnchorPresence, validate: ElementValidator): Mismatch | undefined {
  const { key, value: pattern, anchor } = entry;
  // `+(key)` belongs to mutation; in a validate pattern Kyverno treats it as a literal key.
  if (anchor === undefined || anchor.kind === 'addIfNotPresent') return handlePlain(key, pattern, resource, path, seen, validate);
  const present = Object.hasOwn(resource, anchor.key);
  const value = present ? resource[anchor.key] : undefined;
  const keyPath = `${path}${anchor.key}/`;
  switch (anchor.kind) {
    case 'condition': {
      if (!present) {
        return skip(keyPath, describeValue(pattern), MISSING, `conditional anchor key '${anchor.key}' is absent`);
      }
      const m = validate(value, pattern, keyPath, seen);
      return m === undefined ? undefined : { ...m, class: 'skip', reason: `conditional anchor mismatch: ${m.reason}` };
    }
    case 'global': {
      if (!present) return undefined;
      const m = validate(value, pattern, keyPath, seen);
      return m === undefined ? undefined : { ...m, class: 'skip', reason: `global anchor mismatch: ${m.reason}` };
    }
    case 'equality':
      return present ? validate(value, pattern, keyPath, seen) : undefined;
    case 'negation':
      if (!present) return undefined;
      return {
        class: 'negation',
        path: keyPath,
        expected: '<absent>',
        actual: describeValue(value),
        reason: `field '${anchor.key}' is not allowed`,
      };
    case 'existence':
      return present ? handleExistence(anchor, value, pattern, keyPath, seen, validate) : undefined;
  }
}

function skip(path: string, expected: string, actual: string, reason: string): Mismatch {
  return { class: 'skip', path, expected, actual, reason };
}

function plain(path: string, expected: unknown, actual: unknown, reason: string): Mismatch {
  return { class: 'plain', path, expected: describeValue(expected), actual: describeValue(actual), reason };
}

function handlePlain(
  key: string,
  pattern: unknown,
  resource: Obj,
  path: string,
  seen: AnchorPresence,
  validate: ElementValidator,
): Mismatch | undefined {
  const value = resource[key];
  if (pattern === '*') {
    // `*` only asks for a non-null value; Kyverno reports a miss at the parent path.
    if (value !== undefined && value !== null) return undefined;
    return plain(path, pattern, Object.hasOwn(resource, key) ? null : undefined, `field '${key}' is required`);
  }
  return validate(Object.hasOwn(resource, key) ? value : undefined, pattern, `${path}${key}/`, seen);
}

/** `^(key)`: every map in the pattern list must be matched by at least one element of the resource list. */
function handleExistence(
  anchor: Anchor,
  value: unknown,
  pattern: unknown,
  path: string,
  seen: AnchorPresence,
  validate: ElementValidator,
): Mismatch | undefined {
  if (!Array.isArray(value)) {
    return plain(path, pattern, value, `existence anchor '${anchor.key}' applies to lists only`);
  }
  if (!Array.isArray(pattern)) return plain(path, pattern, value, 'existence anchor pattern must be a list');
  for (const wanted of pattern) {
    if (!isRecord(wanted)) return plain(path, pattern, value, 'existence anchor pattern must be a list of objects');
    // Any mismatch of an element (even a skip) just means "not this one".
    const found = value.some((element, i) => validate(element, wanted, `${path}${i}/`, seen) === undefined);
    if (!found) return plain(path, wanted, value, `no element of '${anchor.key}' matches the existence anchor`);
  }
  return undefined;
}
