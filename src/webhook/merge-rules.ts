/**
 * Collects (target, operation) pairs into the fewest webhook rules: pairs a wildcard already covers are
 * dropped, then resources sharing group, version and operations share a rule. The output is sorted so that
 * the same policies always produce the same object (registration compares it with the cluster's).
 */
import { OPERATIONS, type Operation } from '../api/admission.js';
import type { RuleWithOperations } from './types.js';
import { type Target, targetCovers } from './targets.js';

const key = (t: Target): string => `${t.group}\u0000${t.version}\u0000${t.resource}`;

export class RuleCollector {
  private readonly targets = new Map<string, { target: Target; operations: Set<Operation> }>();

  add(targets: readonly Target[], operations: readonly Operation[]): void {
    if (operations.length === 0) return;
    for (const target of targets) {
      const k = key(target);
      const entry = this.targets.get(k) ?? { target, operations: new Set<Operation>() };
      operations.forEach((op) => entry.operations.add(op));
      this.targets.set(k, entry);
    }
  }

  get empty(): boolean {
    return this.targets.size === 0;
  }

  rules(): RuleWithOperations[] {
    const entries = [...this.targets.values()];
    const byShape = new Map<string, RuleWithOperations>();
    for (const { target, operations } of entries) {
      const wider = entries.filter((e) => e.target !== target && targetCovers(e.target, target));
      const remaining = OPERATIONS.filter((op) => operations.has(op) && !wider.some((w) => w.operations.has(op)));
      if (remaining.length === 0) continue;
      const shape = `${target.group}\u0000${target.version}\u0000${remaining.join(',')}`;
      const rule = byShape.get(shape);
      if (rule) rule.resources.push(target.resource);
      else byShape.set(shape, { apiGroups: [target.group], apiVersions: [target.version], resources: [target.resource], operations: remaining, scope: '*' });
    }
    const rules = [...byShape.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, rule]) => rule);
    rules.forEach((rule) => rule.resources.sort());
    return rules;
  }
}
