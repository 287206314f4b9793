/** Rule outcomes are values (never exceptions): one discriminated union, built by the factories below. */
import type { FailureAction, FailurePolicy, RuleType } from './policy.js';

export type RuleStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

/** Where a pattern or condition failed: a JSON-pointer-like path, what the policy wanted and what the resource had. */
export interface FailureDetail {
  path: string;
  expected: string;
  actual: string;
}

interface RuleResultBase {
  rule: string;
  ruleType: RuleType;
  message: string;
}

export interface RulePass extends RuleResultBase { status: 'pass' }
export interface RuleFail extends RuleResultBase {
  status: 'fail';
  /** Enforce denies the request; Audit allows it with a warning. */
  action: FailureAction;
  detail?: FailureDetail;
}
export interface RuleWarn extends RuleResultBase { status: 'warn' }
export interface RuleError extends RuleResultBase {
  status: 'error';
  /**
   * Set when the rule could not be evaluated at all (the request's deadline passed, or an internal fault):
   * the policy's failurePolicy decides then, as the API server would for a webhook that did not answer.
   */
  cause?: 'deadline' | 'internal';
}
export interface RuleSkip extends RuleResultBase { status: 'skip' }

export type RuleResult = RulePass | RuleFail | RuleWarn | RuleError | RuleSkip;

export const rulePass = (rule: string, ruleType: RuleType, message: string): RulePass => ({ status: 'pass', rule, ruleType, message });
export const ruleFail = (rule: string, ruleType: RuleType, message: string, action: FailureAction, detail?: FailureDetail): RuleFail =>
  detail ? { status: 'fail', rule, ruleType, message, action, detail } : { status: 'fail', rule, ruleType, message, action };
export const ruleWarn = (rule: string, ruleType: RuleType, message: string): RuleWarn => ({ status: 'warn', rule, ruleType, message });
export const ruleError = (rule: string, ruleType: RuleType, message: string, cause?: RuleError['cause']): RuleError =>
  cause ? { status: 'error', rule, ruleType, message, cause } : { status: 'error', rule, ruleType, message };
export const ruleSkip = (rule: string, ruleType: RuleType, message: string): RuleSkip => ({ status: 'skip', rule, ruleType, message });

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** All rule results of one policy applied to one resource. */
export interface PolicyResult {
  /** `name` for ClusterPolicy, `namespace/name` for Policy. */
  policy: string;
  resource: ResourceRef;
  rules: RuleResult[];
  /** The policy's failure action for this resource (after namespace overrides). */
  action: FailureAction;
  /** Decides `error` results that have a `cause` (deadline, internal fault); Fail when absent. */
  failurePolicy?: FailurePolicy;
  /** Set when mutate rules ran: the object after all of this policy's mutations. */
  patched?: unknown;
}

export interface EngineResult {
  policies: PolicyResult[];
}
