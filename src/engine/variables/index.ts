/**
 * Variable substitution, Kyverno style: `$( )` references are resolved on the whole document first,
 * then every `{{ }}` variable in strings and map keys is evaluated with JMESPath against the scope.
 */
import { isRecord } from '../../api/json.js';
import { formatPath, parsePath, type Segment } from './paths.js';
import { substituteReferences } from './references.js';
import { findVariables, variableExpression } from './patterns.js';
import { isDeleteRequest, splitShallow } from './resolve.js';
import { embedText, substituteText } from './text.js';
import type { Resolver, SubstituteOptions, SubstitutionResult, VariableScope } from './types.js';
import { cloneJson, walk, walkFrom, type StringStep, type StringVisitor, type WalkResult } from './walk.js';

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
  const visit: StringVisitor = (value, path): StringStep | undefined => {
    if (!value.includes('{{')) return undefined;
    const full: readonly Segment[] = base.length === 0 ? path : [...base, ...path];
    const r = substituteText(value, { scope, resolver, path: full, isDelete });
    if (!r.ok) return { ok: false, variable: r.variable, path, message: r.message };
    if (r.whole && options.asText) return { ok: true, value: embedText(r.value), descend: false };
    if (r.whole && r.shallow) return { ok: true, value: cloneJson(r.value), descend: false };
    return { ok: true, value: r.value, descend: r.whole };
  };
  const fields = withReferences === document ? flatFields(document) : undefined;
  const substituted = fields ? substituteFlat(document as Record<string, unknown>, fields, visit) : walk(withReferences, visit, withoutTemplates);
  return substituted.ok ? substituted : failure(substituted, base);
}

/**
 * A map whose variables all sit in its own string values (no `{{` in keys or nested containers, no `$( )`),
 * such as a condition `{key, operator, value, message}`: its keys, and which of them hold a variable, are
 * listed once per document so substitution visits only those strings. Null when the general walk is needed.
 */
type FlatField = { key: string; template: boolean };
const flatCache = new WeakMap<object, readonly FlatField[] | null>();

function flatFields(document: unknown): readonly FlatField[] | undefined {
  if (typeof document !== 'object' || document === null || Array.isArray(document) || !isRecord(document)) return undefined;
  let fields = flatCache.get(document);
  if (fields === undefined) {
    fields = scanFlat(document);
    flatCache.set(document, fields);
  }
  return fields ?? undefined;
}

function scanFlat(document: Record<string, unknown>): readonly FlatField[] | null {
  const fields: FlatField[] = [];
  for (const key of Object.keys(document)) {
    const value = document[key];
    if (key.includes('{{')) return null;
    if (typeof value === 'string') fields.push({ key, template: value.includes('{{') });
    else if ((markersOf(value) & TEMPLATE) !== 0) return null;
    else fields.push({ key, template: false });
  }
  return fields;
}

/** What `walk` yields for a flat map: a fresh map, strings without variables and other values shared. */
function substituteFlat(document: Record<string, unknown>, fields: readonly FlatField[], visit: StringVisitor): WalkResult {
  const out: Record<string, unknown> = {};
  for (const { key, template } of fields) {
    const value = document[key];
    if (!template) {
      out[key] = value;
      continue;
    }
    const path = [key];
    const step = visit(value as string, path, false);
    if (step === undefined) {
      out[key] = value;
      continue;
    }
    if (!step.ok) return step;
    if (!step.descend || typeof step.value !== 'object' || step.value === null) {
      out[key] = step.value;
      continue;
    }
    // The variable's value is walked too, one descent deep, as the general walk does.
    const inner = walkFrom(step.value, path, visit, undefined, 1);
    if (!inner.ok) return inner;
    out[key] = inner.value;
  }
  return { ok: true, value: out };
}

/** Substitutes one string; a string that is exactly one variable yields the value with its JSON type. */
export function substituteString(text: string, scope: VariableScope, resolver: Resolver = 'strict', options: SubstituteOptions = {}): SubstitutionResult<unknown> {
  return substituteAll(text, scope, resolver, options);
}

function failure(result: Extract<WalkResult, { ok: false }>, base: readonly Segment[]): SubstitutionResult<never> {
  return { ok: false, variable: result.variable, path: formatPath([...base, ...result.path]), message: result.message };
}

/**
 * The innermost `{{ }}` expressions of a policy string, as they will be evaluated (`{{- x }}` gives `x`).
 * Outer expressions of nested variables only exist after substitution, so they are not listed.
 */
export function innermostExpressions(text: string): string[] {
  return findVariables(text).map((o) => splitShallow(variableExpression(o.text)).expression);
}
