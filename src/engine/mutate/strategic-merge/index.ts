/**
 * Kubernetes strategic merge patch as Kyverno's `mutate.patchStrategicMerge` applies it
 * (kustomize kyaml patchstrategicmerge / merge2), on a patch whose anchors are already
 * resolved. Pure and copy-on-write: only the patched paths are rebuilt.
 */
import { mergeMap } from './merge.js';
import { ABSENT, fail, isPlainMap } from './result.js';
import { schemaForKind } from './schema.js';

/** Of the resource being patched. */
export interface ObjectType {
  apiVersion: string;
  kind: string;
}

export type MergeOutcome = { ok: true; value: unknown } | { ok: false; message: string; path: string };

/** Never mutates `original` or `patch`; shares untouched subtrees with `original`. */
export function strategicMerge(original: unknown, patch: unknown, type: ObjectType): MergeOutcome {
  if (!isPlainMap(patch)) return fail('', 'a strategic merge patch must be an object');
  if (!isPlainMap(original)) return fail('', 'the resource to patch must be an object');
  const step = mergeMap(original, patch, schemaForKind(type.apiVersion, type.kind), '');
  if (!step.ok) return step;
  if (step.value === ABSENT) return fail('', 'the patch deletes the whole resource ($patch: delete at the top level)');
  return { ok: true, value: step.value };
}
