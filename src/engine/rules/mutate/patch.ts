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
import { hasVariables, substituteAll, type VariableScope } from '../../variables/index.js';
import type { JsonPatchOp } from '../../../api/json-patch.js';
import { lookupOps, storeOps } from './ops-memo.js';
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
    next = applyJson6902(spec.patchesJson6902, target.resource, scope);
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
 * A rule's patchesJson6902 text, decoded once. Kyverno substitutes variables into the text and then decodes
 * it; when every `{{ }}` of the text sits inside a YAML string, substituting into the decoded operations (as
 * text) gives the same operations without decoding YAML on every request. Other texts (an unquoted
 * `value: {{ x }}` is not valid YAML before substitution, `$( )` references) are substituted as text, and the decoded result is
 * memoized by the final text. Operations are frozen: results share their values, and nothing may change them.
 */
type Json6902Template = { kind: 'ops'; ops: readonly JsonPatchOp[] } | { kind: 'text' } | { kind: 'invalid'; message: string };
const MEMO_MAX = 512;
const templates = new Map<string, Json6902Template>();
const decoded = new Map<string, ReturnType<typeof parseJson6902>>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_MAX) memo.delete(memo.keys().next().value as string);
  memo.set(key, value);
  return value;
}

function templateOf(text: string): Json6902Template {
  const known = templates.get(text);
  if (known) return known;
  const parsed = parseJson6902(text);
  let template: Json6902Template;
  if (!parsed.ok) template = hasVariables(text) ? { kind: 'text' } : { kind: 'invalid', message: parsed.message };
  // `$( )` references resolve against the rule document, which only the text path reproduces.
  else if (text.includes('$(') || countOf(text) !== countInStrings(parsed.ops)) template = { kind: 'text' };
  else {
    deepFreeze(parsed.ops);
    template = { kind: 'ops', ops: parsed.ops };
  }
  return remember(templates, text, template);
}

function decodeText(text: string): ReturnType<typeof parseJson6902> {
  const known = decoded.get(text);
  if (known) return known;
  const parsed = parseJson6902(text);
  if (parsed.ok) deepFreeze(parsed.ops);
  return remember(decoded, text, parsed);
}

const countOf = (text: string): number => text.split('{{').length - 1;

function countInStrings(value: unknown): number {
  if (typeof value === 'string') return countOf(value);
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countInStrings(v), 0);
  if (typeof value === 'object' && value !== null) return Object.entries(value).reduce((n: number, [k, v]) => n + countOf(k) + countInStrings(v), 0);
  return 0;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}

function applyJson6902(text: string, resource: unknown, scope: VariableScope): PatchOutcome {
  const template = templateOf(text);
  let ops: readonly JsonPatchOp[];
  if (template.kind === 'invalid') return { kind: 'error', message: `failed to patch resource: invalid patchesJson6902: ${template.message}` };
  if (template.kind === 'ops') {
    const memo = lookupOps(template.ops, scope);
    if (memo?.hit !== undefined) ops = memo.hit;
    else {
      const sub = substituteAll(template.ops, scope, 'strict', { asText: true });
      if (!sub.ok) return { kind: 'error', message: `variable substitution failed: ${sub.message}` };
      ops = sub.value as readonly JsonPatchOp[];
      if (memo !== undefined) {
        deepFreeze(ops);
        storeOps(memo.slot, ops);
      }
    }
  } else {
    const sub = substituteAll(text, scope);
    if (!sub.ok) return { kind: 'error', message: `variable substitution failed: ${sub.message}` };
    const parsed = decodeText(typeof sub.value === 'string' ? sub.value : JSON.stringify(sub.value));
    if (!parsed.ok) return { kind: 'error', message: `failed to patch resource: invalid patchesJson6902: ${parsed.message}` };
    ops = parsed.ops;
  }
  const applied = applyJsonPatch(resource, ops);
  if (!applied.ok) return { kind: 'error', message: `failed to patch resource: operation ${applied.index} (${applied.op.op} ${applied.op.path}): ${applied.message}` };
  return { kind: 'patched', value: applied.value };
}
