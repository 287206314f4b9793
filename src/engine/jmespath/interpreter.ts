/**
 * Tree evaluation with Kyverno's semantics over the library's AST. It differs from the library's own
 * interpreter where Kyverno does: a field missing from an object raises "Unknown key" (KeyNotFound) that
 * travels up sub-expressions and `&&`, while `||`, pipes, comparisons, function arguments and projections
 * absorb it as null; a projection over a sliced string yields the sliced string.
 */
import { TreeInterpreter } from '@jmespath-community/jmespath';
import { deepEqualJson } from '../values/index.js';
import type { AstNode, NodeOf } from './ast.js';

/**
 * A missing key, which is the common case on the admission hot path (optional fields). Inside the
 * interpreter it is returned, not thrown (unwinding the stack per miss dominated evaluation time): nodes
 * that propagate a miss return it as is, the absorbing ones (`soft`, `lenient`) turn it into null.
 * `evaluate` throws it when it reaches the top. Not an Error: no stack trace is wanted.
 */
export class KeyNotFound {
  readonly name = 'KeyNotFound';
  constructor(readonly key: string) {}

  get message(): string {
    return `Unknown key "${this.key}" in path`;
  }
}

export class UndefinedVariable extends Error {
  constructor(readonly variable: string) {
    super(`variable not defined: $${variable}`);
    this.name = 'UndefinedVariable';
  }
}

export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

type Json = Parameters<typeof TreeInterpreter.search>[1];
type Scope = ReadonlyMap<string, unknown>;

interface Context {
  root: unknown;
  scope: Scope;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JMESPath falsiness: null, false, and empty strings, arrays and objects. */
export function isFalse(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

/** Evaluates, turning a missing key into null (what Kyverno does wherever it tolerates NotFound). */
function soft(node: AstNode, value: unknown, ctx: Context): unknown {
  const v = visit(node, value, ctx);
  return v instanceof KeyNotFound ? null : v;
}

/** Evaluates, turning a missing key and any error into null (Kyverno's flatten, filter and value projections). */
function lenient(node: AstNode, value: unknown, ctx: Context): unknown {
  try {
    return soft(node, value, ctx);
  } catch {
    return null;
  }
}

function project(right: AstNode, items: readonly unknown[], ctx: Context): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const v = soft(right, item, ctx);
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}

/** One level of nesting removed. A plain loop: Array.prototype.flatMap is several times slower in V8. */
function flatten(items: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (Array.isArray(item)) for (const inner of item) out.push(inner);
    else out.push(item);
  }
  return out;
}

function slice(node: NodeOf<'Slice'>, value: unknown): unknown {
  if (!Array.isArray(value) && typeof value !== 'string') return null;
  const items = typeof value === 'string' ? [...value] : value;
  if (node.step === 0) throw new EvaluationError('Invalid value: slice step cannot be 0');
  const { start, stop, step } = TreeInterpreter.computeSliceParams(items.length, node);
  const picked: unknown[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) picked.push(items[i]);
  else for (let i = start; i > stop; i += step) picked.push(items[i]);
  return typeof value === 'string' ? picked.join('') : picked;
}

function arithmetic(node: NodeOf<'Arithmetic'>, value: unknown, ctx: Context): unknown {
  const left = soft(node.left, value, ctx);
  const right = soft(node.right, value, ctx);
  if (typeof left !== 'number' || typeof right !== 'number') return null;
  let result: number;
  switch (node.operator) {
    case 'Plus':
      result = left + right;
      break;
    case 'Minus':
      result = left - right;
      break;
    case 'Multiply':
    case 'Star':
      result = left * right;
      break;
    case 'Divide':
      result = left / right;
      break;
    case 'Modulo':
      result = left % right;
      break;
    case 'Div':
      result = Math.floor(left / right);
      break;
    default:
      throw new EvaluationError(`unknown arithmetic operator ${String(node.operator)}`);
  }
  if (!Number.isFinite(result)) throw new EvaluationError('arithmetic result is not a finite number (division by zero?)');
  return result;
}

function comparator(node: NodeOf<'Comparator'>, value: unknown, ctx: Context): unknown {
  const left = soft(node.left, value, ctx);
  const right = soft(node.right, value, ctx);
  if (node.name === 'EQ') return deepEqualJson(left, right);
  if (node.name === 'NE') return !deepEqualJson(left, right);
  if (typeof left !== 'number' || typeof right !== 'number') return null;
  switch (node.name) {
    case 'GT':
      return left > right;
    case 'GTE':
      return left >= right;
    case 'LT':
      return left < right;
    case 'LTE':
      return left <= right;
  }
}

function callFunction(node: NodeOf<'Function'>, value: unknown, ctx: Context): unknown {
  const args = node.children.map((child) =>
    child.type === 'ExpressionReference' ? { expref: true, ...child.child } : soft(child, value, ctx),
  );
  return TreeInterpreter.runtime.callFunction(node.name, args as Json[]);
}

/** May return a KeyNotFound (never any other non-JSON value); callers that use the value must absorb it first. */
function visit(node: AstNode, value: unknown, ctx: Context): unknown {
  switch (node.type) {
    case 'Field':
      if (isPlainObject(value)) {
        if (!Object.prototype.hasOwnProperty.call(value, node.name)) return new KeyNotFound(node.name);
        return value[node.name];
      }
      return null;
    case 'Subexpression':
    case 'IndexExpression': {
      const left = visit(node.left, value, ctx);
      if (left instanceof KeyNotFound) return left;
      return left === null || left === undefined ? null : visit(node.right, left, ctx);
    }
    case 'Index': {
      if (!Array.isArray(value)) return null;
      const i = node.value < 0 ? value.length + node.value : node.value;
      return i >= 0 && i < value.length ? value[i] : null;
    }
    case 'Slice':
      return slice(node, value);
    case 'Projection': {
      const { left, right } = node;
      const allowString = left.type === 'IndexExpression' && left.right.type === 'Slice';
      const base = soft(left, value, ctx);
      if (Array.isArray(base)) return project(right, base, ctx);
      return allowString && typeof base === 'string' ? base : null;
    }
    case 'ValueProjection': {
      const base = lenient(node.left, value, ctx);
      return isPlainObject(base) ? project(node.right, Object.values(base), ctx) : null;
    }
    case 'FilterProjection': {
      const base = lenient(node.left, value, ctx);
      if (!Array.isArray(base)) return null;
      const kept = base.filter((item) => !isFalse(soft(node.condition, item, ctx)));
      return project(node.right, kept, ctx);
    }
    case 'Flatten': {
      const base = lenient(node.child, value, ctx);
      return Array.isArray(base) ? flatten(base) : null;
    }
    case 'Identity':
    case 'Current':
      return value;
    case 'Root':
      return ctx.root;
    case 'Literal':
      return node.value;
    case 'MultiSelectList':
      return node.children.map((child) => soft(child, value, ctx));
    case 'MultiSelectHash': {
      const out: Record<string, unknown> = {};
      for (const pair of node.children) out[pair.name] = soft(pair.value, value, ctx);
      return out;
    }
    case 'OrExpression': {
      const left = soft(node.left, value, ctx);
      return isFalse(left) ? soft(node.right, value, ctx) : left;
    }
    case 'AndExpression': {
      const left = soft(node.left, value, ctx);
      return isFalse(left) ? left : visit(node.right, value, ctx);
    }
    case 'NotExpression':
      return isFalse(soft(node.child, value, ctx));
    case 'Pipe':
      return soft(node.right, soft(node.left, value, ctx), ctx);
    case 'Comparator':
      return comparator(node, value, ctx);
    case 'Arithmetic':
      return arithmetic(node, value, ctx);
    case 'Unary': {
      const operand = soft(node.operand, value, ctx);
      if (typeof operand !== 'number') return null;
      return node.operator === 'Minus' ? -operand : operand;
    }
    case 'Function':
      return callFunction(node, value, ctx);
    case 'ExpressionReference':
      return { expref: true, ...node.child };
    case 'LetExpression': {
      const scope = new Map(ctx.scope);
      for (const binding of node.bindings) scope.set(binding.variable, soft(binding.reference, value, ctx));
      return visit(node.expression, value, { root: ctx.root, scope });
    }
    case 'Variable':
      if (!ctx.scope.has(node.name)) throw new UndefinedVariable(node.name);
      return ctx.scope.get(node.name);
    case 'Ternary':
      return isFalse(soft(node.condition, value, ctx)) ? visit(node.falseExpr, value, ctx) : visit(node.trueExpr, value, ctx);
    case 'Binding':
      return soft(node.reference, value, ctx);
  }
}

const NO_BINDINGS: Scope = new Map();
const SEED: AstNode = { type: 'Literal', value: null };

/**
 * Evaluates a compiled expression; a missing key is returned as a KeyNotFound, not thrown (a throw costs
 * microseconds, and optional fields miss on every request). UndefinedVariable and function errors propagate.
 */
export function evaluate(ast: AstNode, data: unknown): unknown {
  // Built-ins that take expression references (sort_by, map...) evaluate them with the library's own
  // interpreter; seeding it makes `$` resolve to this document there too.
  TreeInterpreter.search(SEED, data as Json);
  return visit(ast, data, { root: data, scope: NO_BINDINGS });
}

