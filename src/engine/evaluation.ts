/**
 * What the stages (validate, mutate) share for one request: the lazily built JSON context, JMESPath evaluator,
 * match context and memo, and the steps every rule takes before its handler, in Kyverno's fixed order:
 * match/exclude, deadline, injected values, context entries, preconditions.
 */
import type { AdmissionRequest } from '../api/admission.js';
import { isRecord } from '../api/json.js';
import type { LoadedPolicy, Rule, RuleType } from '../api/policy.js';
import { ruleError, ruleSkip } from '../api/result.js';
import type { ResourceRef, RuleResult } from '../api/result.js';
import { withPaths } from './context/dotted-path.js';
import { loadContextEntries } from './context/entries.js';
import { buildRequestContext } from './context/request-context.js';
import type { ContextData } from './context/request-context.js';
import { anyReadsImages } from './context/uses-images.js';
import { createJmespath } from './jmespath/index.js';
import type { Jmespath } from './jmespath/types.js';
import { candidateRules, decidedByKind, requestKind } from './match/kind-gate.js';
import type { RequestKind, RuleStage } from './match/kind-gate.js';
import { matchPrepared, prepareMatch } from './match/index.js';
import type { MatchContext, MatchInput } from './match/index.js';
import { EvaluationMemo } from './rules/evaluation-memo.js';
import { checkConditions, conditionsKey } from './rules/preconditions.js';
import type { ConditionCheck } from './rules/preconditions.js';
import type { EvaluationInput } from './types.js';

/** Shared by all rules of one request. The JSON context and evaluator are built on first use, so a request no rule matches costs almost nothing. */
export class Evaluation {
  private baseData: ContextData | undefined;
  private evaluator: Jmespath | undefined;
  private matchContext: MatchContext | undefined | null = null;
  private kindData: RequestKind | undefined;
  private memoData: EvaluationMemo | undefined;
  readonly resource: unknown;
  readonly match: MatchInput;

  constructor(
    readonly input: EvaluationInput,
    evaluator?: Jmespath,
  ) {
    const { request, snapshot } = input;
    this.evaluator = evaluator;
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
    this.baseData ??= buildRequestContext(this.input.request, this.input.roles, this.input.values, anyReadsImages(this.input.policies));
    return this.baseData;
  }

  /** The request side of matching (resource view, kind, user), shared by every rule. */
  get matching(): MatchContext | undefined {
    if (this.matchContext === null) this.matchContext = prepareMatch(this.match);
    return this.matchContext;
  }

  /**
   * The rules of a policy for one stage that may match this request's kind (the kind gate is cached per
   * policy and kind); none when the object cannot be matched at all.
   */
  rulesOf(lp: LoadedPolicy, stage: RuleStage): readonly Rule[] {
    const ctx = this.matching;
    if (ctx === undefined) return NO_RULES;
    this.kindData ??= requestKind(ctx.gvk, ctx.subresource);
    return candidateRules(lp, stage, this.kindData);
  }

  get memo(): EvaluationMemo {
    this.memoData ??= new EvaluationMemo();
    return this.memoData;
  }

  get jmespath(): Jmespath {
    this.evaluator ??= createJmespath(this.input.env);
    return this.evaluator;
  }

  /** The same request with `object` replaced (a mutation's result): fresh context and match view, same evaluator. */
  withObject(object: unknown): Evaluation {
    const request: AdmissionRequest = Object.assign({}, this.input.request);
    request.object = object;
    const input: EvaluationInput = Object.assign({}, this.input);
    input.request = request;
    return new Evaluation(input, this.evaluator);
  }
}

/** A namespaced Policy applies only to resources in its own namespace (checked by match). */
export function policyNamespaceOf(lp: LoadedPolicy): string | undefined {
  return lp.policy.kind === 'Policy' ? (lp.policy.metadata.namespace ?? 'default') : undefined;
}

export type RulePrelude =
  | { kind: 'unmatched' }
  | { kind: 'done'; result: RuleResult }
  | { kind: 'ready'; data: ContextData };

const UNMATCHED: RulePrelude = Object.freeze({ kind: 'unmatched' });
const NO_RULES: readonly Rule[] = Object.freeze([]);

/**
 * The steps before a rule's handler; `done` carries the rule's result when one of them decided it. Rules come
 * from `rulesOf`, whose kind gate has already passed over the rules the request's kind rules out.
 */
export function prepareRule(ev: Evaluation, lp: LoadedPolicy, rule: Rule, type: RuleType): RulePrelude {
  const ctx = ev.matching;
  if (ctx === undefined) return UNMATCHED;
  const policyNamespace = policyNamespaceOf(lp);
  // The kind gate behind `rulesOf` has already decided a kinds-only match of a ClusterPolicy.
  if (policyNamespace !== undefined || !decidedByKind(rule)) {
    if (!matchPrepared(rule, ctx, policyNamespace).matched) return UNMATCHED;
  }
  const { deadline, env } = ev.input;
  if (deadline !== undefined && env.now() > deadline) {
    return { kind: 'done', result: ruleError(rule.name, type, 'deadline exceeded: the request ran out of time before this rule ran', 'deadline') };
  }

  const policyName = lp.policy.metadata.name;
  const injected = ev.input.values?.rule?.(policyName, rule.name);
  const start = withPaths(ev.base, injected);
  const injectedNames = injected ? new Set(Object.keys(injected).map((k) => k.split('.')[0])) : undefined;
  const deps = { jmespath: ev.jmespath, snapshot: ev.input.snapshot, policyNamespace };
  const loaded = loadContextEntries(rule.context, start, deps, injectedNames);
  if (!loaded.ok) return { kind: 'done', result: ruleError(rule.name, type, loaded.message) };

  const pre = checkPreconditions(ev, rule, loaded.data);
  if (pre.kind === 'error') return { kind: 'done', result: ruleError(rule.name, type, `failed to evaluate preconditions: ${pre.message}`) };
  if (!pre.holds) return { kind: 'done', result: ruleSkip(rule.name, type, pre.message ? `preconditions not met; ${pre.message}` : 'preconditions not met') };
  return { kind: 'ready', data: loaded.data };
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

/** An exception inside one rule becomes an `error` result for that rule; it never escapes. */
export function safely(rule: Rule, type: RuleType, run: () => RuleResult | undefined): RuleResult | undefined {
  try {
    return run();
  } catch (err) {
    return ruleError(rule.name, type, `internal error: ${err instanceof Error ? err.message : String(err)}`, 'internal');
  }
}

export function namespaceOf(request: AdmissionRequest, resource: unknown): string | undefined {
  if (request.namespace) return request.namespace;
  if (isRecord(resource) && isRecord(resource.metadata) && typeof resource.metadata.namespace === 'string') return resource.metadata.namespace;
  return undefined;
}

export function resourceRef(request: AdmissionRequest, resource: unknown): ResourceRef {
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
