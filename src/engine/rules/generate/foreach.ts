/**
 * `generate.foreach`, Kyverno's semantics: each entry's list is evaluated against the rule context, and every
 * non-null element gets its own context (`element`, `elementIndex`, the entry's context entries), preconditions
 * and pattern. A failing list or element does not stop the others: their objects are still generated and the
 * failures are reported together.
 */
import type { ContextEntry, Conditions } from '../../../api/policy.js';
import { isRecord } from '../../../api/json.js';
import { loadContextEntries } from '../../context/entries.js';
import type { ContextData } from '../../context/request-context.js';
import { substituteAll } from '../../variables/index.js';
import { elementContext } from '../element-context.js';
import { checkConditions } from '../preconditions.js';
import { generateFromPattern, type GeneratePattern } from './pattern.js';
import type { GenerateScope, Produced } from './scope.js';

export interface ForEachOutcome {
  produced: Produced[];
  notes: string[];
  errors: string[];
}

interface ForEachEntry extends GeneratePattern {
  list: string;
  context?: ContextEntry[];
  preconditions?: Conditions;
}

function asEntry(value: unknown): ForEachEntry | undefined {
  return isRecord(value) && typeof value.list === 'string' ? (value as unknown as ForEachEntry) : undefined;
}

function evaluateList(list: string, scope: GenerateScope): { ok: true; elements: unknown[] } | { ok: false; message: string } {
  const expr = substituteAll(list, { data: scope.data, jmespath: scope.jmespath });
  if (!expr.ok) return { ok: false, message: expr.message };
  try {
    const value = scope.jmespath.search(String(expr.value), scope.data);
    return { ok: true, elements: Array.isArray(value) ? value : [value] };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

export function generateForEach(entries: readonly unknown[], scope: GenerateScope): ForEachOutcome {
  const out: ForEachOutcome = { produced: [], notes: [], errors: [] };
  for (const [i, raw] of entries.entries()) {
    const entry = asEntry(raw);
    if (!entry) {
      out.errors.push(`foreach[${i}]: a list expression is required`);
      continue;
    }
    const list = evaluateList(entry.list, scope);
    if (!list.ok) {
      out.errors.push(`failed to evaluate foreach[${i}].list ${entry.list}: ${list.message}`);
      continue;
    }
    list.elements.forEach((element, index) => {
      if (element === null || element === undefined) return;
      const failed = generateElement(entry, element, index, scope, out);
      if (failed) out.errors.push(`foreach[${i}] element ${index}: ${failed}`);
    });
  }
  return out;
}

/** Adds the element's objects to `out`; returns why it failed, if it did. */
function generateElement(entry: ForEachEntry, element: unknown, index: number, scope: GenerateScope, out: ForEachOutcome): string | undefined {
  const base: ContextData = elementContext(scope.data, element, index, 0, scope.foreachValues);
  const loaded = loadContextEntries(entry.context, base, { jmespath: scope.jmespath, snapshot: scope.snapshot, policyNamespace: scope.policyNamespace });
  if (!loaded.ok) return `failed to load context: ${loaded.message}`;
  const pre = checkConditions(entry.preconditions, loaded.data, scope.jmespath);
  if (pre.kind === 'error') return `failed to evaluate preconditions: ${pre.message}`;
  if (!pre.holds) return undefined;
  const made = generateFromPattern(entry, loaded.data, scope);
  if (!made.ok) return made.message;
  out.produced.push(...made.produced);
  out.notes.push(...made.notes);
  return undefined;
}
