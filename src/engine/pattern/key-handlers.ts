/**
 * What one key of a pattern map demands of the resource map at the same level, by anchor kind.
 * Mirrors Kyverno's anchor handlers: the returned mismatch's class decides between skip and fail.
 */
import type { Anchor } from '../anchor/index.js';
import type { PatternKey, PatternNode } from './compiled.js';
import { describeValue, MISSING } from './describe.js';
import type { MatchState, Mismatch } from './types.js';

type Obj = Record<string, unknown>;

/** Matches a resource value against a compiled pattern node at the state's current path. */
export type NodeValidator = (resource: unknown, node: PatternNode, st: MatchState) => Mismatch | undefined;

export function handleKey(entry: PatternKey, resource: Obj, st: MatchState, validate: NodeValidator): Mismatch | undefined {
  const { anchor } = entry;
  // `+(key)` belongs to mutation; in a validate pattern Kyverno treats it as a literal key.
  if (anchor === undefined || anchor.kind === 'addIfNotPresent') return handlePlain(entry, resource, st, validate);
  const present = Object.hasOwn(resource, anchor.key);
  if (!present && (anchor.kind === 'global' || anchor.kind === 'equality' || anchor.kind === 'negation' || anchor.kind === 'existence')) {
    return undefined;
  }
  st.enter(anchor.key);
  const m = anchored(entry, anchor, present, resource[anchor.key], st, validate);
  st.leave();
  return m;
}

/** An anchored key, with the path at the key; `present` is false only for a condition anchor. */
function anchored(entry: PatternKey, anchor: Anchor, present: boolean, value: unknown, st: MatchState, validate: NodeValidator): Mismatch | undefined {
  switch (anchor.kind) {
    case 'condition': {
      if (!present) {
        return skip(st.path(), describeValue(entry.value), MISSING, `conditional anchor key '${anchor.key}' is absent`);
      }
      const m = validate(value, entry.node, st);
      return m === undefined ? undefined : asSkip(m, 'conditional anchor mismatch: ');
    }
    case 'global': {
      const m = validate(value, entry.node, st);
      return m === undefined ? undefined : asSkip(m, 'global anchor mismatch: ');
    }
    case 'equality':
      return validate(value, entry.node, st);
    case 'negation':
      return {
        class: 'negation',
        path: st.path(),
        expected: '<absent>',
        actual: describeValue(value),
        reason: `field '${anchor.key}' is not allowed`,
      };
    case 'existence':
      return handleExistence(anchor, value, entry, st, validate);
    case 'addIfNotPresent':
      return undefined;
  }
}

function asSkip(m: Mismatch, lead: string): Mismatch {
  return { class: 'skip', path: m.path, expected: m.expected, actual: m.actual, reason: lead + m.reason };
}

function skip(path: string, expected: string, actual: string, reason: string): Mismatch {
  return { class: 'skip', path, expected, actual, reason };
}

function plain(path: string, expected: unknown, actual: unknown, reason: string): Mismatch {
  return { class: 'plain', path, expected: describeValue(expected), actual: describeValue(actual), reason };
}

function handlePlain(entry: PatternKey, resource: Obj, st: MatchState, validate: NodeValidator): Mismatch | undefined {
  const { key, value: pattern } = entry;
  const present = Object.hasOwn(resource, key);
  const value = present ? resource[key] : undefined;
  if (pattern === '*') {
    // `*` only asks for a non-null value; Kyverno reports a miss at the parent path.
    if (value !== undefined && value !== null) return undefined;
    return plain(st.path(), pattern, present ? null : undefined, `field '${key}' is required`);
  }
  st.enter(key);
  const m = validate(value, entry.node, st);
  st.leave();
  return m;
}

/** `^(key)`: every map in the pattern list must be matched by at least one element of the resource list. */
function handleExistence(anchor: Anchor, value: unknown, entry: PatternKey, st: MatchState, validate: NodeValidator): Mismatch | undefined {
  const { node } = entry;
  if (!Array.isArray(value)) {
    return plain(st.path(), entry.value, value, `existence anchor '${anchor.key}' applies to lists only`);
  }
  if (node.kind !== 'array') return plain(st.path(), entry.value, value, 'existence anchor pattern must be a list');
  for (const wanted of node.items) {
    if (wanted.kind !== 'map') return plain(st.path(), entry.value, value, 'existence anchor pattern must be a list of objects');
    // Any mismatch of an element (even a skip) just means "not this one".
    let found = false;
    for (let i = 0; i < value.length && !found; i++) {
      st.enter(i);
      found = validate(value[i], wanted, st) === undefined;
      st.leave();
    }
    if (!found) return plain(st.path(), wanted.raw, value, `no element of '${anchor.key}' matches the existence anchor`);
  }
  return undefined;
}
