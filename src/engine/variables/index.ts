/**
 * Variable substitution, Kyverno style: `$( )` references are resolved on the whole document first,
 * then every `{{ }}` variable in strings and map keys is evaluated with JMESPath against the scope.
 */
import { isRecord } from '../../api/json.js';
import { formatPath, parsePath, type Segment } from './paths.js';
import { substituteReferences } from './references.js';
import { isDeleteRequest } from './resolve.js';
import { substituteText } from './text.js';
import type { Resolver, SubstituteOptions, SubstitutionResult, VariableScope } from './types.js';
import { cloneJson, walk, type StringStep, type WalkResult } from './walk.js';

export type { Resolver, SubstituteOptions, SubstitutionFailure, SubstitutionResult, VariableScope } from './types.js';

/**
 * Policy documents (patterns, conditions, messages) are immutable and are substituted on every request,
 * so which markers an object holds (`{{` variables, `$(` references) is computed once per object.
 */
const TEMPLATE = 1;
const REFERENCE = 2;
const markersCache = new WeakMap<object, number>();

function markersOfText(text: string): number {
  return (text.includes('{{') ? TEMPLATE : 0) | (text.includes('$(') ? REFERENCE : 0);
}

function markersOf(document: unknown): number {
  if (typeof document === 'string') return markersOfText(document);
  if (typeof document !== 'object' || document === null) return 0;
  let known = markersCache.get(document);
  if (known === undefined) {
    known = scanMarkers(document);
    markersCache.set(document, known);
  }
  return known;
}

function scanMarkers(document: object): number {
  let found = 0;
  if (Array.isArray(document)) {
    for (const item of document) found |= markersOf(item);
  } else if (isRecord(document)) {
    for (const [key, value] of Object.entries(document)) found |= markersOfText(key) | markersOf(value);
  }
  return found;
}

/** True when some string or key of the document holds `{{` or `$(`; documents without skip the walk. */
export function hasVariables(document: unknown): boolean {
  return markersOf(document) !== 0;
}

/** Containers without `{{` are left as they are by the variable pass. */
function withoutTemplates(node: object): boolean {
  return (markersOf(node) & TEMPLATE) === 0;
}

/**
 * Substitutes references and variables in a JSON document. A document without any is returned as
 * is (same reference); otherwise the result is a fresh copy of the parts holding them (parts without
 * are shared with the input, which is never mutated).
 */
export function substituteAll(document: unknown, scope: VariableScope, resolver: Resolver = 'strict', options: SubstituteOptions = {}): SubstitutionResult<unknown> {
  const markers = markersOf(document);
  if (markers === 0) return { ok: true, value: document };
  const base = options.basePath ? parsePath(options.basePath) : [];

  let withReferences: unknown = document;
  if ((markers & REFERENCE) !== 0) {
    const r = walk(document, (value, path) => {
      if (!value.includes('$(')) return undefined;
      const sub = substituteReferences(value, path, document);
      return sub.ok ? { ok: true, value: sub.value, descend: false } : { ok: false, variable: sub.variable, path, message: sub.message };
    });
    if (!r.ok) return failure(r, base);
    withReferences = r.value;
  }

  const isDelete = isDeleteRequest(scope.data);
  const substituted = walk(
    withReferences,
    (value, path): StringStep | undefined => {
      if (!value.includes('{{')) return undefined;
      const full: readonly Segment[] = base.length === 0 ? path : [...base, ...path];
      const r = substituteText(value, { scope, resolver, path: full, isDelete });
      if (!r.ok) return { ok: false, variable: r.variable, path, message: r.message };
      if (r.whole && r.shallow) return { ok: true, value: cloneJson(r.value), descend: false };
      return { ok: true, value: r.value, descend: r.whole };
    },
    withoutTemplates,
  );
  return substituted.ok ? substituted : failure(substituted, base);
}

/** Substitutes one string; a string that is exactly one variable yields the value with its JSON type. */
export function substituteString(text: string, scope: VariableScope, resolver: Resolver = 'strict', options: SubstituteOptions = {}): SubstitutionResult<unknown> {
  return substituteAll(text, scope, resolver, options);
}

function failure(result: Extract<WalkResult, { ok: false }>, base: readonly Segment[]): SubstitutionResult<never> {
  return { ok: false, variable: result.variable, path: formatPath([...base, ...result.path]), message: result.message };
}
