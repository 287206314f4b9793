/**
 * The mutate handler: patchStrategicMerge, patchesJson6902 or foreach, applied to the object as the rules
 * before left it. Outcomes follow Kyverno: `pass` with the patched object when something changed, `skip`
 * ("no patches applied") when nothing did, `error` with the reason when a variable or a patch failed.
 */
import { isRecord } from '../../../api/json.js';
import { ruleError, rulePass, ruleSkip } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { deepEqualJson } from '../../values/json-equal.js';
import { mutateForEach } from './foreach.js';
import { applyPatchSpec } from './patch.js';
import type { MutateScope } from './scope.js';

export type { MutateScope } from './scope.js';

export interface MutateRuleOutcome {
  result: RuleResult;
  /** The object after this rule, when it passed. */
  patched?: unknown;
}

export function mutateRule(scope: MutateScope): MutateRuleOutcome | undefined {
  const mutation = scope.rule.mutate;
  const { name } = scope.rule;
  if (!mutation) return undefined;
  // Kyverno applies `targets` to other, existing objects from its background controller, never to the
  // object under admission.
  if (mutation.targets && mutation.targets.length > 0) {
    return { result: ruleSkip(name, 'mutate', 'mutate.targets (mutation of existing resources) is not supported yet; the rule was not applied') };
  }
  if (mutation.foreach && mutation.foreach.length > 0) {
    const out = mutateForEach(scope, mutation.foreach, scope.resource, scope.data, 0);
    if (out.kind === 'error') return { result: ruleError(name, 'mutate', out.message) };
    if (out.value === scope.resource || deepEqualJson(out.value, scope.resource)) return { result: ruleSkip(name, 'mutate', 'no patches applied') };
    return { result: rulePass(name, 'mutate', patchedMessage(out.value)), patched: out.value };
  }
  const step = applyPatchSpec(mutation, { resource: scope.resource, type: scope.type, data: scope.data, jmespath: scope.jmespath });
  if (step.kind === 'error') return { result: ruleError(name, 'mutate', step.message) };
  if (step.kind === 'unchanged') return { result: ruleSkip(name, 'mutate', 'no patches applied') };
  return { result: rulePass(name, 'mutate', patchedMessage(step.value)), patched: step.value };
}

function patchedMessage(object: unknown): string {
  const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  const kind = isRecord(object) && typeof object.kind === 'string' ? object.kind : '';
  if (!meta) return 'mutated resource';
  const name = typeof meta.name === 'string' ? meta.name : '';
  return typeof meta.namespace === 'string' && meta.namespace !== '' ? `mutated ${kind}/${name} in namespace ${meta.namespace}` : `mutated ${kind}/${name}`;
}
