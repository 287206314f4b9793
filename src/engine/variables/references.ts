/**
 * `$(./../path)` references: a field of a pattern names another field of the same document by a
 * path relative to itself (or absolute from the document root), optionally behind a comparison
 * operator (`$(<=./../../limits/memory)`). Resolved on the original document before any `{{ }}`.
 */
import { isRecord } from '../../api/json.js';
import { findReferences, unescapeReferences } from './patterns.js';
import { absoluteReferencePath, formatPath, removeAnchorsFromPath, type Segment } from './paths.js';

export type ReferenceResult = { ok: true; value: string } | { ok: false; variable: string; message: string };

const OPERATORS = ['>=', '<=', '>', '<', '!'] as const;

export function substituteReferences(value: string, fieldPath: readonly Segment[], document: unknown): ReferenceResult {
  let text = '';
  let last = 0;
  const where = formatPath(fieldPath);
  for (const occurrence of findReferences(value)) {
    const reference = occurrence.text;
    const resolved = resolveReference(reference, where, document);
    if (!resolved.ok) return { ok: false, variable: reference, message: `failed to resolve ${reference} at path ${where}: ${resolved.cause}` };
    if (typeof resolved.value !== 'string') {
      return { ok: false, variable: reference, message: `NotResolvedReferenceErr,reference ${reference} not resolved at path ${where}` };
    }
    text += value.slice(last, occurrence.start) + resolved.value;
    last = occurrence.start + reference.length;
  }
  return { ok: true, value: unescapeReferences(text + value.slice(last)) };
}

type Resolution = { ok: true; value: unknown } | { ok: false; cause: string };

function resolveReference(reference: string, where: string, document: unknown): Resolution {
  let path = reference.replace(/^[$()]+|[$()]+$/g, '');
  const operator = OPERATORS.find((op) => path.startsWith(op)) ?? '';
  path = path.slice(operator.length);
  if (path === '') return { ok: false, cause: 'expected path, found empty reference' };
  // Anchors are ignored on both sides so a reference may climb through `^(containers)`-style keys.
  const target = removeAnchorsFromPath(absoluteReferencePath(path, where));
  const found = leafAt(document, target);
  if (found === undefined || found === null) return { ok: false, cause: `got nil resolved variable ${reference}` };
  if (operator === '') return { ok: true, value: found };
  if (typeof found === 'string') return { ok: true, value: operator + found };
  // Kyverno formats the (always float64) JSON number with %f.
  if (typeof found === 'number') return { ok: true, value: operator + found.toFixed(6) };
  return { ok: false, cause: `incorrect expression: operator ${operator} does not match with value ${String(found)}` };
}

/** The scalar at `target` (anchors in the document's keys ignored), or undefined. */
function leafAt(document: unknown, target: string): unknown {
  let found: unknown = undefined;
  const visit = (node: unknown, path: Segment[]): void => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...path, i]));
    else if (isRecord(node)) for (const [k, v] of Object.entries(node)) visit(v, [...path, k]);
    else if (removeAnchorsFromPath(formatPath(path)) === target) found = node;
  };
  visit(document, []);
  return found;
}
