/**
 * Variable substitution, Kyverno style: `$( )` references are resolved on the whole document first,
 * then every `{{ }}` variable in strings and map keys is evaluated with JMESPath against the scope.
 */
import { isRecord } from '../../api/json.js';
import { mayHoldVariables } from './patterns.js';
import { formatPath, parsePath, type Segment } from './paths.js';
import { substituteReferences } from './references.js';
import { isDeleteRequest } from './resolve.js';
import { substituteText } from './text.js';
import type { Resolver, SubstituteOptions, SubstitutionResult, VariableScope } from './types.js';
import { cloneJson, walk, type StringStep, type WalkResult } from './walk.js';

export type { Resolver, SubstituteOptions, SubstitutionFailure, SubstitutionResult, VariableScope } from './types.js';

/**
 * Policy documents (patterns, conditions, messages) are immutable and are substituted on every request,
 * so whether an object holds variables is computed once per object.
 */
const holdsVariables = new WeakMap<object, boolean>();

/** True when some string or key of the document holds `{{` or `$(`; documents without skip the walk. */
export function hasVariables(document: unknown): boolean {
  if (typeof document === 'string') return mayHoldVariables(document);
  if (typeof document !== 'object' || document === null) return false;
  let known = holdsVariables.get(document);
  if (known === undefined) {
    known = scanForVariables(document);
    holdsVariables.set(document, known);
  }
  return known;
}

function scanForVariables(document: object): boolean {
  if (Array.isArray(document)) return document.some(hasVariables);
  if (isRecord(document)) {
    for (const [key, value] of Object.entries(document)) {
      if (mayHoldVariables(key) || hasVariables(value)) return true;
    }
  }
  return false;
}

/**
 * Substitutes references and variables in a JSON document. A document without any is returned as
 * is (same reference); otherwise the result is a fresh copy and the input is left untouched.
 */
export function substituteAll(document: unknown, scope: VariableScope, resolver: Resolver = 'strict', options: SubstituteOptions = {}): SubstitutionResult<unknown> {
  if (!hasVariables(document)) return { ok: true, value: document };
  const base = options.basePath ? parsePath(options.basePath) : [];

  const withReferences = walk(document, (value, path) => {
    if (!value.includes('$(')) return { ok: true, value, descend: false };
    const r = substituteReferences(value, path, document);
    return r.ok ? { ok: true, value: r.value, descend: false } : { ok: false, variable: r.variable, path, message: r.message };
  });
  if (!withReferences.ok) return failure(withReferences, base);

  const isDelete = isDeleteRequest(scope.data);
  const substituted = walk(withReferences.value, (value, path): StringStep => {
    if (!value.includes('{{')) return { ok: true, value, descend: false };
    const full: Segment[] = [...base, ...path];
    const r = substituteText(value, { scope, resolver, path: full, isDelete });
    if (!r.ok) return { ok: false, variable: r.variable, path, message: r.message };
    if (r.whole && r.shallow) return { ok: true, value: cloneJson(r.value), descend: false };
    return { ok: true, value: r.value, descend: r.whole };
  });
  return substituted.ok ? substituted : failure(substituted, base);
}

/** Substitutes one string; a string that is exactly one variable yields the value with its JSON type. */
export function substituteString(text: string, scope: VariableScope, resolver: Resolver = 'strict', options: SubstituteOptions = {}): SubstitutionResult<unknown> {
  return substituteAll(text, scope, resolver, options);
}

function failure(result: Extract<WalkResult, { ok: false }>, base: readonly Segment[]): SubstitutionResult<never> {
  return { ok: false, variable: result.variable, path: formatPath([...base, ...result.path]), message: result.message };
}
