/** The recursive walk: maps merge key by key, scalars are replaced, lists per schema. */
import { isDirectiveKey, mapDirective } from './directives.js';
import { applyMapDirectives, hasMapDirectives } from './map-directives.js';
import { materialize } from './materialize.js';
import { mergeList } from './merge-list.js';
import { ABSENT, child, done, isPlainMap, kindMismatch, nodeKind, type Step } from './result.js';
import { fieldSchema, type FieldNode, type TypeNode } from './schema.js';

/**
 * Merges `patch` into `original` (undefined when the field is missing). The step's value
 * is ABSENT when the field must disappear; untouched values are returned by reference.
 */
export function mergeValue(original: unknown, patch: unknown, schema: FieldNode | undefined, path: string): Step {
  const patchKind = nodeKind(patch);
  if (patchKind === 'null') return done(ABSENT);
  const originalKind = nodeKind(original);
  if (originalKind === 'null') return materialize(patch, path);
  if (originalKind !== patchKind) return kindMismatch(path, originalKind, patchKind);
  if (Array.isArray(original) && Array.isArray(patch)) {
    const list = schema?.kind === 'list' ? schema : undefined;
    const element = list?.element;
    const elementSchema: FieldNode | undefined = element === undefined ? undefined : { kind: 'object', type: element };
    return mergeList(original, patch, list, path, (o, p, at) => mergeValue(o, p, elementSchema, at));
  }
  if (isPlainMap(original) && isPlainMap(patch)) {
    return mergeMap(original, patch, schema?.kind === 'object' ? schema.type : undefined, path);
  }
  return done(patch);
}

export function mergeMap(
  original: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
  type: TypeNode | undefined,
  path: string,
): Step {
  const directive = mapDirective(patch, path);
  if (!directive.ok) return directive;
  if (directive.directive === 'delete') return done(ABSENT);
  if (directive.directive === 'replace') return materialize(patch, path);

  // kyaml visits fields in sorted order and appends the new ones in that order.
  const keys = Object.keys(patch).filter((key) => !isDirectiveKey(key)).sort();
  let updates: Map<string, unknown> | undefined;
  for (const key of keys) {
    const present = Object.prototype.hasOwnProperty.call(original, key);
    const current = present ? original[key] : undefined;
    const step = mergeValue(current, patch[key], fieldSchema(type, key), child(path, key));
    if (!step.ok) return step;
    if (step.value === ABSENT ? !present : step.value === current) continue;
    updates ??= new Map();
    updates.set(key, step.value);
  }
  if (updates === undefined) return hasMapDirectives(patch) ? applyMapDirectives(original, patch, path) : done(original);

  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(original)) {
    if (!updates.has(key)) {
      out[key] = value;
      continue;
    }
    const next = updates.get(key);
    if (next !== ABSENT) out[key] = next;
    updates.delete(key);
  }
  for (const [key, value] of updates) if (value !== ABSENT) out[key] = value;
  return hasMapDirectives(patch) ? applyMapDirectives(out, patch, path) : done(out);
}
