/**
 * The generate handler: the objects one rule asks for, from `data`, `clone`, `cloneList` or `foreach`. As in
 * Kyverno, a rule whose match, context and preconditions hold passes (even when it has nothing to create, e.g. a
 * cloneList without sources); a variable, a missing clone source or an invalid target is an `error`.
 */
import { ruleError, rulePass } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { generateForEach } from './foreach.js';
import { generateFromPattern } from './pattern.js';
import type { GenerateScope, Produced } from './scope.js';

export type { GenerateScope, Produced } from './scope.js';
export { labelValue, isValidLabelValue, ownershipLabels, type Ownership, type TriggerInfo } from './labels.js';
export { apiPathOf, formatLabelSelector, parseCloneKind } from './clone.js';

export interface GenerateRuleOutcome {
  result: RuleResult;
  /** The objects to create or keep in sync (also those of the elements that worked when a foreach partly failed). */
  produced: Produced[];
}

export function generateRule(scope: GenerateScope): GenerateRuleOutcome | undefined {
  const generation = scope.rule.generate;
  const { name } = scope.rule;
  if (!generation) return undefined;
  if (Array.isArray(generation.foreach) && generation.foreach.length > 0) {
    const out = generateForEach(generation.foreach, scope);
    if (out.errors.length > 0) return { result: ruleError(name, 'generate', out.errors.join('; ')), produced: out.produced };
    return { result: rulePass(name, 'generate', summary(out.produced, out.notes)), produced: out.produced };
  }
  const made = generateFromPattern(generation, scope.data, scope);
  if (!made.ok) return { result: ruleError(name, 'generate', made.message), produced: [] };
  return { result: rulePass(name, 'generate', summary(made.produced, made.notes)), produced: made.produced };
}

function describe(p: Produced): string {
  const { kind, metadata } = p.object;
  return `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name ?? ''}`;
}

function summary(produced: readonly Produced[], notes: readonly string[]): string {
  const parts = produced.length > 0 ? [`generated ${produced.map(describe).join(', ')}`] : ['nothing to generate'];
  if (notes.length > 0) parts.push(notes.join('; '));
  return parts.join(': ');
}
