/**
 * Substituted patchesJson6902 operations, memoized by the values of the variables they hold. A sidecar's
 * operations are large (hundreds of strings) and their variables few (image, resources, namespace), so most
 * requests substitute exactly what an earlier one did: the walk is replaced by evaluating each distinct
 * expression once and looking the values up. Only operations whose outcome is a function of those values are
 * memoized: every variable innermost (no nesting, no escapes), none `{{@}}`, every expression pure. A request
 * whose values cannot all be evaluated, or hold `{{` themselves, takes the general substitution.
 */
import type { JsonPatchOp } from '../../../api/json-patch.js';
import { isRecord } from '../../../api/json.js';
import { isPureExpression } from '../../context/pure-expression.js';
import { innermostExpressions, type VariableScope } from '../../variables/index.js';
import { isDeleteRequest } from '../../variables/resolve.js';

interface Memo {
  /** The distinct expressions, in first-seen order. */
  expressions: readonly string[];
  results: Map<string, readonly JsonPatchOp[]>;
}

/** Distinct value sets kept per operations list; cleared when full (a rule sees few). */
const RESULTS_MAX = 64;
const memos = new WeakMap<readonly JsonPatchOp[], Memo | null>();

function memoOf(ops: readonly JsonPatchOp[]): Memo | null {
  let memo = memos.get(ops);
  if (memo === undefined) {
    const expressions = expressionsOf(ops);
    memo = expressions === undefined || expressions.length === 0 ? null : { expressions, results: new Map() };
    memos.set(ops, memo);
  }
  return memo;
}

/** The expressions of every `{{ }}` in the operations, or undefined when their outcome may depend on more. */
function expressionsOf(ops: readonly JsonPatchOp[]): string[] | undefined {
  const found = new Set<string>();
  const visitText = (text: string): boolean => {
    if (!text.includes('{{')) return true;
    const expressions = innermostExpressions(text);
    // Nested or escaped variables make the count differ: their later passes see other expressions.
    if (expressions.length !== text.split('{{').length - 1) return false;
    for (const expression of expressions) {
      if (expression === '' || expression === '@' || !isPureExpression(expression)) return false;
      found.add(expression);
    }
    return true;
  };
  const visit = (node: unknown): boolean => {
    if (typeof node === 'string') return visitText(node);
    if (Array.isArray(node)) return node.every(visit);
    if (isRecord(node)) return Object.entries(node).every(([k, v]) => visitText(k) && visit(v));
    return true;
  };
  return visit(ops) ? [...found] : undefined;
}

export interface MemoSlot {
  memo: Memo;
  key: string;
}

/**
 * The memo slot for these operations on this scope: `hit` holds the operations an earlier request substituted
 * from the same values. Undefined when the operations or this request's values are not memoizable.
 */
export function lookupOps(ops: readonly JsonPatchOp[], scope: VariableScope): { slot: MemoSlot; hit: readonly JsonPatchOp[] | undefined } | undefined {
  const memo = memoOf(ops);
  if (memo === null || isDeleteRequest(scope.data)) return undefined;
  const values: unknown[] = [];
  for (const expression of memo.expressions) {
    const out = scope.jmespath.query(expression, scope.data);
    if (!out.ok) return undefined;
    values.push(out.value ?? null);
  }
  const key = JSON.stringify(values);
  // A value holding `{{` would be substituted in turn by a later pass.
  if (key.includes('{{')) return undefined;
  return { slot: { memo, key }, hit: memo.results.get(key) };
}

/** Records what the general substitution gave for a slot; the operations must be frozen (results share them). */
export function storeOps(slot: MemoSlot, substituted: readonly JsonPatchOp[]): void {
  const { results } = slot.memo;
  if (results.size >= RESULTS_MAX) results.clear();
  results.set(slot.key, substituted);
}
