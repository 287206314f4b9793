/**
 * `mutate.foreach`, Kyverno's semantics: each entry's list is evaluated against the context, its elements are
 * visited in order (`order: Descending` reverses the visit; `elementIndex` keeps the element's position in the
 * list; without `order`, JSON patches go Ascending and strategic merge patches Descending, as Kyverno 1.10+
 * does, because a strategic merge puts the elements it adds first), each with its own context entries and preconditions, and each element's patch applies to the result
 * of the elements before it. Variables see `request.object` as it was when the entry started; the next entry
 * sees the object as this one left it. Null elements are passed over; the first error ends the rule.
 */
import type { ForEachMutation } from '../../../api/policy.js';
import { loadContextEntries } from '../../context/entries.js';
import { withPath } from '../../context/dotted-path.js';
import type { ContextData } from '../../context/request-context.js';
import { substituteAll } from '../../variables/index.js';
import { elementContext } from '../element-context.js';
import { checkConditions } from '../preconditions.js';
import { applyPatchSpec } from './patch.js';
import type { MutateScope } from './scope.js';

export type ForEachOutcome = { kind: 'done'; value: unknown } | { kind: 'error'; message: string };

export function mutateForEach(scope: MutateScope, entries: readonly ForEachMutation[], resource: unknown, data: ContextData, nesting: number): ForEachOutcome {
  let current = resource;
  let entryData = data;
  for (const entry of entries) {
    const list = evaluateList(scope, entry.list, entryData);
    if (list.kind === 'error') return list;
    const out = mutateElements(scope, entry, list.elements, current, entryData, nesting);
    if (out.kind === 'error') return { kind: 'error', message: `failed to mutate elements: ${out.message}` };
    if (out.value !== current) {
      current = out.value;
      entryData = withPath(entryData, 'request.object', current);
    }
  }
  return { kind: 'done', value: current };
}

type ListOutcome = { kind: 'list'; elements: unknown[] } | { kind: 'error'; message: string };

function evaluateList(scope: MutateScope, list: string, data: ContextData): ListOutcome {
  const expr = substituteAll(list, { data, jmespath: scope.jmespath });
  if (!expr.ok) return { kind: 'error', message: `failed to evaluate list ${list}: ${expr.message}` };
  try {
    const value = scope.jmespath.search(String(expr.value), data);
    return { kind: 'list', elements: Array.isArray(value) ? value : [value] };
  } catch (err) {
    return { kind: 'error', message: `failed to evaluate list ${list}: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function mutateElements(scope: MutateScope, entry: ForEachMutation, elements: readonly unknown[], resource: unknown, data: ContextData, nesting: number): ForEachOutcome {
  let current = resource;
  const descending = (entry.order ?? (entry.patchStrategicMerge !== undefined && entry.patchStrategicMerge !== null ? 'Descending' : 'Ascending')) === 'Descending';
  for (let i = 0; i < elements.length; i++) {
    const index = descending ? elements.length - 1 - i : i;
    const element = elements[index];
    if (element === null || element === undefined) continue;
    const base = elementContext(data, element, index, nesting, nesting === 0 ? scope.foreachValues : undefined);
    const loaded = loadContextEntries(entry.context, base, scope);
    if (!loaded.ok) return { kind: 'error', message: `failed to load mutate.foreach[${index}].context: ${loaded.message}` };
    const pre = checkConditions(entry.preconditions, loaded.data, scope.jmespath);
    if (pre.kind === 'error') return { kind: 'error', message: `failed to evaluate mutate.foreach[${index}].preconditions: ${pre.message}` };
    if (!pre.holds) continue;
    if (entry.foreach && entry.foreach.length > 0) {
      const nested = mutateForEach(scope, entry.foreach, current, loaded.data, nesting + 1);
      if (nested.kind === 'error') return nested;
      current = nested.value;
      continue;
    }
    const step = applyPatchSpec(entry, { resource: current, type: scope.type, data: loaded.data, jmespath: scope.jmespath });
    if (step.kind === 'error') return { kind: 'error', message: `element ${index}: ${step.message}` };
    if (step.kind === 'patched') current = step.value;
  }
  return { kind: 'done', value: current };
}
