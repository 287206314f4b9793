/**
 * `validate.foreach`: each list element is validated in its own context (`element`, `elementIndex`,
 * and `element<N>` / `elementIndex<N>` for nesting depth N). Semantics follow Kyverno:
 * a list that cannot be evaluated is passed over, a non-list value is one element, null elements are
 * ignored, skipped elements do not count (none applied: no response), the first failure ends the rule, and an error ends it only
 * on the last element.
 */
import type { ForEachValidation } from '../../../api/policy.js';
import { isRecord } from '../../../api/json.js';
import { ruleError, ruleFail, rulePass, ruleSkip } from '../../../api/result.js';
import type { RuleResult } from '../../../api/result.js';
import { loadContextEntries } from '../../context/entries.js';
import type { ContextData } from '../../context/request-context.js';
import { substituteAll } from '../../variables/index.js';
import { elementContext } from '../element-context.js';
import { checkConditions } from '../preconditions.js';
import type { RuleScope } from '../rule-scope.js';
import { validateBody } from './body.js';

export function validateForEach(scope: RuleScope, entries: readonly ForEachValidation[], nesting: number): RuleResult | undefined {
  const { name } = scope.rule;
  let applied = 0;
  for (const entry of entries) {
    const elements = evaluateList(scope, entry.list);
    if (elements === undefined) continue;
    const out = validateElements(scope, entry, elements, nesting);
    if (out.result.status !== 'pass') return out.result;
    applied += out.applied;
  }
  // Nothing applied (empty lists, every element skipped): no response, as in Kyverno.
  if (applied === 0) return undefined;
  return rulePass(name, 'validate', 'rule passed');
}

function evaluateList(scope: RuleScope, list: string): unknown[] | undefined {
  const expr = substituteAll(list, { data: scope.data, jmespath: scope.jmespath });
  if (!expr.ok) return undefined;
  try {
    const value = scope.jmespath.search(String(expr.value), scope.data);
    return Array.isArray(value) ? value : [value];
  } catch {
    return undefined;
  }
}

function validateElements(scope: RuleScope, entry: ForEachValidation, elements: unknown[], nesting: number): { result: RuleResult; applied: number } {
  const { name } = scope.rule;
  let applied = 0;
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index];
    if (element === null || element === undefined) continue;
    const scoped = entry.elementScope ?? isRecord(element);
    if (scoped && !isRecord(element)) {
      return { result: ruleError(name, 'validate', `cannot use elementScope=true foreach rules for elements that are not maps`), applied };
    }
    const data = elementData(scope, element, index, nesting);
    const loaded = loadContextEntries(entry.context, data, scope);
    const elementScope: RuleScope = Object.assign({}, scope);
    elementScope.data = loaded.ok ? loaded.data : data;
    elementScope.elementPath = scoped ? elementLocation(scope, entry.list, index) : undefined;
    const result = loaded.ok ? validateElement(elementScope, entry, scoped ? element : scope.resource, nesting) : ruleError(name, 'validate', loaded.message);
    if (result === undefined || result.status === 'skip') continue;
    if (result.status === 'pass') {
      applied++;
      continue;
    }
    if (result.status === 'error' && index < elements.length - 1) continue;
    const message = `validation failure: ${result.message}`;
    if (result.status === 'fail') return { result: ruleFail(name, 'validate', message, scope.action, result.detail), applied };
    return { result: { ...result, message }, applied };
  }
  return { result: rulePass(name, 'validate', ''), applied };
}

const PLAIN_PATH = /^\s*(request\.object|element)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*$/;

/** `/spec/containers/2` for element 2 of `request.object.spec.containers` (or of `element.ports` inside one). */
function elementLocation(scope: RuleScope, list: string, index: number): string | undefined {
  const m = PLAIN_PATH.exec(list);
  if (!m) return undefined;
  const base = m[1] === 'element' ? scope.elementPath : '';
  if (base === undefined) return undefined;
  return `${base}${m[2].replaceAll('.', '/')}/${index}`;
}

function validateElement(scope: RuleScope, entry: ForEachValidation, target: unknown, nesting: number): RuleResult | undefined {
  const pre = checkConditions(entry.preconditions, scope.data, scope.jmespath);
  if (pre.kind === 'error') return ruleError(scope.rule.name, 'validate', `failed to evaluate preconditions: ${pre.message}`);
  if (!pre.holds) return ruleSkip(scope.rule.name, 'validate', 'preconditions not met');
  return validateBody(scope, entry, { target, nesting: nesting + 1 });
}

function elementData(scope: RuleScope, element: unknown, index: number, nesting: number): ContextData {
  return elementContext(scope.data, element, index, nesting, scope.foreachValues);
}
