/**
 * Projections of cluster data computed once per change of that data, not once per request.
 *
 * The snapshot returns the same object for the same `urlPath` until an object of that kind changes (the
 * server's cache and the file snapshot both keep list identity), so a pure expression evaluated on that object
 * always gives the same result: it is remembered against the object's identity and dropped with it.
 * Results are shared by every later request, so they are frozen; the engine never mutates context data.
 */
import { isPureExpression } from './pure-expression.js';

export type Projection = { ok: true; value: unknown } | { ok: false; message: string };

const results = new WeakMap<object, Map<string, Projection>>();

/**
 * The result of `expression` on `source`, computed by `evaluate` at most once per (source identity, expression)
 * when the expression is pure; computed every time otherwise (primitive source, impure or invalid expression).
 */
export function projectOnce(source: unknown, expression: string, evaluate: () => Projection): Projection {
  if (typeof source !== 'object' || source === null || !isPureExpression(expression)) return evaluate();
  let bySource = results.get(source);
  const hit = bySource?.get(expression);
  if (hit !== undefined) return hit;
  const computed = evaluate();
  if (computed.ok) deepFreeze(computed.value);
  if (bySource === undefined) {
    bySource = new Map();
    results.set(source, bySource);
  }
  bySource.set(expression, computed);
  return computed;
}

/**
 * Freezes what the projection built. Parts that are already frozen are not walked again, so a result that
 * shares objects with an earlier one costs nothing extra.
 */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) for (const child of value) deepFreeze(child);
  else for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
}
