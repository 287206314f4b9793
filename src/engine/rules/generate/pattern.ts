/**
 * One generate pattern (the rule's own, or one foreach element's): variables are substituted into the whole of
 * it first (target, data, clone, cloneList), as Kyverno does, then the one source it names gives the objects.
 */
import { isRecord } from '../../../api/json.js';
import type { ContextData } from '../../context/request-context.js';
import { substituteAll } from '../../variables/index.js';
import { objectFromData } from './build.js';
import { cloneList, cloneOne } from './clone.js';
import type { GenerateScope, PatternOutcome } from './scope.js';
import { resolveTarget, textOf } from './target.js';

export interface GeneratePattern {
  apiVersion?: unknown;
  kind?: unknown;
  name?: unknown;
  namespace?: unknown;
  data?: unknown;
  clone?: unknown;
  cloneList?: unknown;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

function patternOf(source: GeneratePattern): GeneratePattern {
  const out: GeneratePattern = {};
  for (const key of ['apiVersion', 'kind', 'name', 'namespace', 'data', 'clone', 'cloneList'] as const) {
    if (present(source[key])) out[key] = source[key];
  }
  return out;
}

export function generateFromPattern(source: GeneratePattern, data: ContextData, scope: GenerateScope): PatternOutcome {
  const sub = substituteAll(patternOf(source), { data, jmespath: scope.jmespath });
  if (!sub.ok) return { ok: false, message: `variable substitution failed: ${sub.message}` };
  const pattern = sub.value as GeneratePattern;
  const deps = { snapshot: scope.snapshot, owner: scope.owner, policyNamespace: scope.policyNamespace };

  if (isRecord(pattern.clone) && textOf(pattern.clone.name)) {
    const target = resolveTarget(pattern, scope.policyNamespace);
    return target.ok ? cloneOne(pattern.clone, target.target, deps) : target;
  }
  if (isRecord(pattern.cloneList) && Array.isArray(pattern.cloneList.kinds) && pattern.cloneList.kinds.length > 0) {
    // Each cloned object keeps its source's kind and name; only the namespace comes from the rule.
    const namespace = textOf(pattern.namespace) || undefined;
    return cloneList(pattern.cloneList, namespace, deps);
  }
  if (present(pattern.data)) {
    if (!isRecord(pattern.data)) return { ok: false, message: 'generate.data must be an object' };
    const target = resolveTarget(pattern, scope.policyNamespace);
    if (!target.ok) return target;
    return { ok: true, produced: [{ object: objectFromData(pattern.data, target.target, scope.owner) }], notes: [] };
  }
  return { ok: false, message: 'generate needs one of data, clone (with a name), cloneList (with kinds) or foreach' };
}

