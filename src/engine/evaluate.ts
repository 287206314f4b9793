/**
 * evaluate: (request, policies, snapshot) -> results. Pure and synchronous.
 * Per rule, in a fixed order: match/exclude, injected values, context entries, preconditions, handler.
 * An exception inside one rule becomes an `error` result for that rule; it never escapes.
 * Once the input's deadline has passed, every further matched rule is an `error` (cause `deadline`) without
 * running, so a slow policy set costs the request a decision by failurePolicy, never a hung webhook.
 */
import type { AdmissionRequest } from '../api/admission.js';
import { isRecord } from '../api/json.js';
import { failurePolicyOf } from '../api/policy.js';
import type { LoadedPolicy, Rule } from '../api/policy.js';
import { ruleError, ruleSkip } from '../api/result.js';
import type { EngineResult, PolicyResult, ResourceRef, RuleResult } from '../api/result.js';
import { withPaths } from './context/dotted-path.js';
import { loadContextEntries } from './context/entries.js';
import { buildRequestContext } from './context/request-context.js';
import type { ContextData } from './context/request-context.js';
import { createJmespath } from './jmespath/index.js';
import type { Jmespath } from './jmespath/types.js';
import { matchPrepared, prepareMatch } from './match/index.js';
import type { MatchContext, MatchInput } from './match/index.js';
import { failureActionFor } from './rules/failure-action.js';
import { EvaluationMemo } from './rules/evaluation-memo.js';
import { checkConditions, conditionsKey } from './rules/preconditions.js';
import type { ConditionCheck } from './rules/preconditions.js';
import { validateRule } from './rules/validate/index.js';
import type { EvaluationInput } from './types.js';

/** Shared by all rules of one request. The JSON context and evaluator are built on first use, so a request no rule matches costs almost nothing. */
class Evaluation {
  private baseData: ContextData | undefined;
  private evaluator: Jmespath | undefined;
  private matchContext: MatchContext | undefined | null = null;
  private memoData: EvaluationMemo | undefined;
  readonly resource: unknown;
  readonly match: MatchInput;

  constructor(readonly input: EvaluationInput) {
    const { request, snapshot } = input;
    this.resource = request.operation === 'DELETE' ? request.oldObject : request.object;
    this.match = {
      request,
      resource: this.resource,
      roles: input.roles?.roles ?? [],
      clusterRoles: input.roles?.clusterRoles ?? [],
      namespaceLabels: (ns: string) => {
        const found = snapshot.namespace(ns);
        return found.found ? (found.value.metadata.labels ?? {}) : undefined;
      },
    };
  }

  get base(): ContextData {
    this.baseData ??= buildRequestContext(this.input.request, this.input.roles, this.input.values);
    return this.baseData;
  }

  /** The request side of matching (resource view, kind, user), shared by every rule. */
  get matching(): MatchContext | undefined {
    if (this.matchContext === null) this.matchContext = prepareMatch(this.match);
    return this.matchContext;
  }

  get memo(): EvaluationMemo {
    this.memoData ??= new EvaluationMemo();
    return this.memoData;
  }

  get jmespath(): Jmespath {
    this.evaluator ??= createJmespath(this.input.env);
    return this.evaluator;
  }
}

export function evaluate(input: EvaluationInput): EngineResult {
  const ev = new Evaluation(input);
  const policies: PolicyResult[] = [];
  let ref: ResourceRef | undefined;
  for (const lp of input.policies) {
    const result = evaluatePolicy(ev, lp);
    if (!result) continue;
    ref ??= resourceRef(input.request, ev.resource);
    // Written out: spreading an object and then adding a key is a slow path in V8 (~1 µs per object).
    policies.push({ policy: result.policy, rules: result.rules, action: result.action, resource: ref, failurePolicy: result.failurePolicy });
  }
  return { policies };
}

function evaluatePolicy(ev: Evaluation, lp: LoadedPolicy): Omit<PolicyResult, 'resource'> | undefined {
  // A namespaced Policy applies only to resources in its own namespace (checked by match).
  const policyNamespace = lp.policy.kind === 'Policy' ? (lp.policy.metadata.namespace ?? 'default') : undefined;
  const rules: RuleResult[] = [];
  for (const rule of lp.rules) {
    // Only validate rules run in this stage; mutate, generate and verifyImages have their own stages.
    if (!rule.validate) continue;
    const result = safely(rule, () => evaluateRule(ev, lp, rule, policyNamespace));
    if (result) rules.push(result);
    if (result && lp.policy.spec.applyRules === 'One' && result.status !== 'skip') break;
  }
  if (rules.length === 0) return undefined;
  const action = lp.policy.spec.validationFailureAction === 'Enforce' ? 'Enforce' : 'Audit';
  return { policy: lp.key, rules, action, failurePolicy: failurePolicyOf(lp.policy) };
}

function evaluateRule(ev: Evaluation, lp: LoadedPolicy, rule: Rule, policyNamespace: string | undefined): RuleResult | undefined {
  const matched = matchPrepared(rule, ev.matching, policyNamespace);
  if (!matched.matched) return undefined;
  const { deadline, env } = ev.input;
  if (deadline !== undefined && env.now() > deadline) {
    return ruleError(rule.name, 'validate', 'deadline exceeded: the request ran out of time before this rule ran', 'deadline');
  }

  const policyName = lp.policy.metadata.name;
  const injected = ev.input.values?.rule?.(policyName, rule.name);
  const start = withPaths(ev.base, injected);
  const injectedNames = injected ? new Set(Object.keys(injected).map((k) => k.split('.')[0])) : undefined;
  const loaded = loadContextEntries(rule.context, start, { jmespath: ev.jmespath, snapshot: ev.input.snapshot }, injectedNames);
  if (!loaded.ok) return ruleError(rule.name, 'validate', loaded.message);

  const pre = checkPreconditions(ev, rule, loaded.data);
  if (pre.kind === 'error') return ruleError(rule.name, 'validate', `failed to evaluate preconditions: ${pre.message}`);
  if (!pre.holds) return ruleSkip(rule.name, 'validate', pre.message ? `preconditions not met; ${pre.message}` : 'preconditions not met');

  const { request, snapshot } = ev.input;
  return validateRule(
    {
      policy: lp.key,
      rule,
      data: loaded.data,
      resource: ev.resource,
      jmespath: ev.jmespath,
      snapshot,
      action: failureActionFor(lp.policy, rule, namespaceOf(request, ev.resource), snapshot),
      foreachValues: ev.input.values?.foreach?.(policyName, rule.name),
      memo: ev.memo,
    },
    {
      operation: request.operation,
      oldObject: request.oldObject,
      oldObjectMatches: () => {
        const asCreated = { ...request, operation: 'CREATE' as const, object: request.oldObject, oldObject: undefined };
        const input = { ...ev.match, request: asCreated, resource: request.oldObject };
        return matchPrepared(rule, prepareMatch(input), policyNamespace).matched;
      },
    },
  );
}

/**
 * Rules without context entries or injected values all see the request's base context, on which the same
 * conditions give the same check: it is computed once per request (what `conditionsKey` admits is pure).
 */
function checkPreconditions(ev: Evaluation, rule: Rule, data: ContextData): ConditionCheck {
  const key = data === ev.base ? conditionsKey(rule.preconditions) : undefined;
  if (key === undefined) return checkConditions(rule.preconditions, data, ev.jmespath);
  return ev.memo.baseConditions(key, () => checkConditions(rule.preconditions, data, ev.jmespath));
}

function safely(rule: Rule, run: () => RuleResult | undefined): RuleResult | undefined {
  try {
    return run();
  } catch (err) {
    return ruleError(rule.name, 'validate', `internal error: ${err instanceof Error ? err.message : String(err)}`, 'internal');
  }
}

function namespaceOf(request: AdmissionRequest, resource: unknown): string | undefined {
  if (request.namespace) return request.namespace;
  if (isRecord(resource) && isRecord(resource.metadata) && typeof resource.metadata.namespace === 'string') return resource.metadata.namespace;
  return undefined;
}

function resourceRef(request: AdmissionRequest, resource: unknown): ResourceRef {
  const meta = isRecord(resource) && isRecord(resource.metadata) ? resource.metadata : {};
  const apiVersion = isRecord(resource) && typeof resource.apiVersion === 'string' ? resource.apiVersion : request.kind.group ? `${request.kind.group}/${request.kind.version}` : request.kind.version;
  const ref: ResourceRef = {
    apiVersion,
    kind: request.kind.kind,
    name: typeof meta.name === 'string' ? meta.name : (request.name ?? ''),
  };
  const ns = namespaceOf(request, resource);
  if (ns) ref.namespace = ns;
  if (typeof meta.uid === 'string') ref.uid = meta.uid;
  return ref;
}
