/**
 * One mutation step: variables substituted into the patch, then a strategic merge patch (anchors resolved
 * against the current object first) or an RFC 6902 patch applied. As in Kyverno, a patch whose anchors do not
 * hold is an empty patch, and a patch that leaves the object as it was is "unchanged" (the rule skips).
 */
import type { ContextData } from '../../context/request-context.js';
import type { Jmespath } from '../../jmespath/types.js';
import { hasAnchors, preprocessOverlay } from '../../mutate/anchors/index.js';
import { applyJsonPatch, parseJson6902 } from '../../mutate/json6902/index.js';
import { strategicMerge, type ObjectType } from '../../mutate/strategic-merge/index.js';
import { deepEqualJson } from '../../values/json-equal.js';
import { substituteAll } from '../../variables/index.js';
import type { PatchOutcome } from './scope.js';

export interface PatchSpec {
  patchStrategicMerge?: unknown;
  patchesJson6902?: string;
}

export interface PatchTarget {
  resource: unknown;
  type: ObjectType;
  data: ContextData;
  jmespath: Jmespath;
}

export function applyPatchSpec(spec: PatchSpec, target: PatchTarget): PatchOutcome {
  const scope = { data: target.data, jmespath: target.jmespath };
  let next: PatchOutcome;
  if (spec.patchStrategicMerge !== undefined && spec.patchStrategicMerge !== null) {
    const sub = substituteAll(spec.patchStrategicMerge, scope);
    if (!sub.ok) return { kind: 'error', message: `variable substitution failed: ${sub.message}` };
    next = mergeOverlay(sub.value, target);
  } else if (typeof spec.patchesJson6902 === 'string' && spec.patchesJson6902.trim() !== '') {
    const sub = substituteAll(spec.patchesJson6902, scope);
    if (!sub.ok) return { kind: 'error', message: `variable substitution failed: ${sub.message}` };
    next = applyJson6902(typeof sub.value === 'string' ? sub.value : JSON.stringify(sub.value), target.resource);
  } else {
    return { kind: 'error', message: 'empty mutate rule: it needs patchStrategicMerge, patchesJson6902 or foreach' };
  }
  if (next.kind === 'patched' && deepEqualJson(next.value, target.resource)) return { kind: 'unchanged' };
  return next;
}

function mergeOverlay(overlay: unknown, target: PatchTarget): PatchOutcome {
  let patch = overlay;
  if (hasAnchors(overlay)) {
    const pre = preprocessOverlay(overlay, target.resource);
    if (pre.kind === 'skip') return { kind: 'unchanged' };
    if (pre.kind === 'error') return { kind: 'error', message: `failed to patch resource: ${pre.path ? `${pre.path}: ` : ''}${pre.message}` };
    patch = pre.patch;
  }
  const merged = strategicMerge(target.resource, patch, target.type);
  if (!merged.ok) return { kind: 'error', message: `failed to patch resource: ${merged.path ? `${merged.path}: ` : ''}${merged.message}` };
  return { kind: 'patched', value: merged.value };
}

/**
 * Decoded patches by their final text. Decoding YAML costs more than everything else a patch does, and the
 * text after substitution repeats across requests (the same image, the same namespace). The operations are
 * frozen: results share their values, and nothing may change them.
 */
const decoded = new Map<string, ReturnType<typeof parseJson6902>>();
const DECODED_MAX = 512;

function decodeJson6902(text: string): ReturnType<typeof parseJson6902> {
  let parsed = decoded.get(text);
  if (parsed === undefined) {
    parsed = parseJson6902(text);
    if (parsed.ok) deepFreeze(parsed.ops);
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value as string);
    decoded.set(text, parsed);
  }
  return parsed;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function applyJson6902(text: string, resource: unknown): PatchOutcome {
  const parsed = decodeJson6902(text);
  if (!parsed.ok) return { kind: 'error', message: `failed to patch resource: invalid patchesJson6902: ${parsed.message}` };
  const applied = applyJsonPatch(resource, parsed.ops);
  if (!applied.ok) return { kind: 'error', message: `failed to patch resource: operation ${applied.index} (${applied.op.op} ${applied.op.path}): ${applied.message}` };
  return { kind: 'patched', value: applied.value };
}
