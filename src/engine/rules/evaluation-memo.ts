/**
 * Work that depends only on the request, shared by the rules of one evaluation. One memo is created per
 * `evaluate` call and dropped with it, so nothing derived from a request outlives that request.
 */
import type { PssCheckCache } from '../pss/index.js';
import type { ConditionCheck } from './preconditions.js';

export class EvaluationMemo {
  private readonly podSecurity = new Map<unknown, PssCheckCache>();
  private conditionChecks: Map<string, ConditionCheck> | undefined;

  /** The check of conditions (by `conditionsKey`) against the request's base context, computed once. */
  baseConditions(key: string, check: () => ConditionCheck): ConditionCheck {
    this.conditionChecks ??= new Map();
    let found = this.conditionChecks.get(key);
    if (found === undefined) {
      found = check();
      this.conditionChecks.set(key, found);
    }
    return found;
  }

  /** Pod Security check results for one resource object (the new object, or the old one on UPDATE). */
  podSecurityChecks(resource: unknown): PssCheckCache {
    let cache = this.podSecurity.get(resource);
    if (cache === undefined) {
      cache = { checks: new Map() };
      this.podSecurity.set(resource, cache);
    }
    return cache;
  }
}
