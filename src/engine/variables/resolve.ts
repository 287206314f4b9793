/** Resolving one `{{ expression }}` against the scope, with Kyverno's special cases. */
import { isRecord } from '../../api/json.js';
import { formatPath, segmentsToJmespath, type Segment } from './paths.js';
import type { Resolver, VariableScope } from './types.js';

export interface ResolveContext {
  scope: VariableScope;
  resolver: Resolver;
  /** Full path of the field being substituted (base path included). */
  path: readonly Segment[];
  isDelete: boolean;
}

export type Resolved =
  | { ok: true; value: unknown; shallow: boolean }
  | { ok: false; variable: string; message: string };

/** `{{- x }}` is a shallow variable: its value is not itself scanned for variables. */
export function splitShallow(expression: string): { expression: string; shallow: boolean } {
  if (expression.startsWith('-')) return { expression: expression.slice(1).trim(), shallow: true };
  return { expression, shallow: false };
}

export function resolveExpression(raw: string, shallow: boolean, ctx: ResolveContext): Resolved {
  let expression = raw;
  if (expression === '@') expression = currentFieldExpression(ctx);
  // On DELETE Kyverno reads the object being deleted wherever a rule says request.object.
  if (ctx.isDelete) expression = expression.replaceAll('request.object', 'request.oldObject');
  const found = query(expression, ctx.scope);
  if (found.ok) return { ok: true, value: found.value, shallow };
  // Preconditions and deny conditions treat what cannot be resolved as an empty string.
  if (ctx.resolver === 'conditions') return { ok: true, value: '', shallow };
  return { ok: false, variable: expression, message: `failed to resolve ${expression} at path ${formatPath(ctx.path)}: ${found.cause}` };
}

type Query = { ok: true; value: unknown } | { ok: false; cause: string };

function query(expression: string, scope: VariableScope): Query {
  if (expression === '') return { ok: false, cause: 'invalid query (nil)' };
  // `query` is the Kyverno-exact evaluation: a path through a key the object lacks is "Unknown key".
  const out = scope.jmespath.query(expression, scope.data);
  if (out.ok) return { ok: true, value: out.value ?? null };
  if (out.error.code === 'syntax') return { ok: false, cause: `incorrect query ${expression}: ${out.error.message}` };
  return { ok: false, cause: `JMESPath query failed: ${out.error.message}` };
}

/**
 * `{{@}}` is the resource's value at the field's own position: the field path minus the rule part
 * (everything up to the last `foreach`, then two more segments such as `validate/pattern`), read
 * under `target` for mutate-existing targets, else under `request.object`.
 */
function currentFieldExpression(ctx: ResolveContext): string {
  const path = ctx.path;
  const lastForeach = path.lastIndexOf('foreach');
  const inResource = path.slice(lastForeach + 1).slice(2);
  const root = isRecord(ctx.scope.data) && ctx.scope.data.target !== undefined ? ['target'] : ['request', 'object'];
  return segmentsToJmespath(root, inResource);
}

export function isDeleteRequest(data: unknown): boolean {
  return isRecord(data) && isRecord(data.request) && data.request.operation === 'DELETE';
}
