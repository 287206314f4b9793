/**
 * Expected results -> checks -> outcomes, with `kyverno test` semantics: one check per (result entry, named
 * resource); the resource is found by kind plus name or `namespace/name`; the rule by `rule`, `autogen-rule` or
 * `autogen-cronjob-rule`; a rule that gave no response passes leniently (the CLI's "Excluded"); an entry whose
 * named resources are all missing falls back to every loaded resource of its kind.
 */
import type { KubeObject } from '../../api/kube.js';
import type { PolicyResult, RuleResult, RuleStatus } from '../../api/result.js';
import type { ExpectedResult, TestResultEntry } from './test-file.js';

export interface EvaluatedResource {
  resource: KubeObject;
  results: readonly PolicyResult[];
}

/** `pass`: as expected; `lenient`: no rule response where Kyverno's CLI also passes; `fail`: a mismatch. */
export type CheckOutcome = 'pass' | 'lenient' | 'fail';
export type ActualResult = RuleStatus | 'no-response' | 'not-found';

export interface CheckResult {
  policy: string;
  rule?: string;
  kind: string;
  /** `namespace/name` of the evaluated resource, or the name as the test file gave it when not found. */
  resource: string;
  expected: ExpectedResult;
  actual: ActualResult;
  outcome: CheckOutcome;
  /** The rule's message, or why there was nothing to compare. */
  message: string;
}

/** Policies of the case: loaded ones by key, and those that failed to load with the reason ('' for unnamed documents). */
export interface PolicyCatalog {
  loaded: ReadonlySet<string>;
  failed: ReadonlyMap<string, string>;
}

export function policyMatches(key: string, wanted: string): boolean {
  // A namespaced Policy is `ns/name`; older test files name it without the namespace.
  return key === wanted || (key.includes('/') && !wanted.includes('/') && key.slice(key.indexOf('/') + 1) === wanted);
}

export function ruleMatches(ruleName: string, wanted: string | undefined): boolean {
  return wanted === undefined || ruleName === wanted || ruleName === `autogen-${wanted}` || ruleName === `autogen-cronjob-${wanted}`;
}

function resourceId(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${object.metadata.name ?? ''}` : (object.metadata.name ?? '');
}

function nameMatches(object: KubeObject, wanted: string): boolean {
  return object.metadata.name === wanted || resourceId(object) === wanted;
}

interface Target {
  label: string;
  evaluated?: EvaluatedResource;
}

/** The resources an entry checks, each with the name used in reports (unfound names have no evaluation). */
export function selectTargets(entry: TestResultEntry, evaluated: readonly EvaluatedResource[]): Target[] {
  const inScope = (e: EvaluatedResource): boolean => entry.namespace === undefined || e.resource.metadata.namespace === entry.namespace;
  const ofKind = evaluated.filter((e) => e.resource.kind === entry.kind && inScope(e));
  const anyNamed = entry.resources.some((name) => evaluated.some((e) => nameMatches(e.resource, name)));
  if (!anyNamed && ofKind.length > 0) return ofKind.map((e) => ({ label: resourceId(e.resource), evaluated: e }));
  const targets: Target[] = [];
  for (const name of entry.resources) {
    const hits = ofKind.filter((e) => nameMatches(e.resource, name));
    if (hits.length === 0) targets.push({ label: name });
    else for (const e of hits) targets.push({ label: resourceId(e.resource), evaluated: e });
  }
  return targets;
}

function compareRules(entry: TestResultEntry, rules: readonly RuleResult[]): { actual: ActualResult; outcome: CheckOutcome; message: string } {
  if (rules.length === 0) {
    // Kyverno's CLI passes a check whose rule did not respond ("Excluded"); we label it unless skip was expected.
    return {
      actual: 'no-response',
      outcome: entry.result === 'skip' ? 'pass' : 'lenient',
      message: 'no rule response (resource not matched or excluded)',
    };
  }
  const mismatch = rules.find((r) => r.status !== entry.result);
  const shown = mismatch ?? rules[0];
  return { actual: shown.status, outcome: mismatch ? 'fail' : 'pass', message: shown.message };
}

export function evaluateEntry(entry: TestResultEntry, evaluated: readonly EvaluatedResource[], catalog: PolicyCatalog): CheckResult[] {
  const base = { policy: entry.policy, kind: entry.kind, expected: entry.result, ...(entry.rule !== undefined ? { rule: entry.rule } : {}) };
  const loaded = [...catalog.loaded].some((k) => policyMatches(k, entry.policy));
  const failedReason = [...catalog.failed].find(([k]) => policyMatches(k, entry.policy))?.[1] ?? catalog.failed.get('');
  return selectTargets(entry, evaluated).map((target): CheckResult => {
    if (!loaded) {
      const message = failedReason ? `policy failed to load: ${failedReason}` : `policy ${entry.policy} not found in the case's policy files`;
      return { ...base, resource: target.label, actual: 'not-found', outcome: 'fail', message };
    }
    if (!target.evaluated) {
      return { ...base, resource: target.label, actual: 'not-found', outcome: 'fail', message: `resource ${entry.kind} ${target.label} not found in the case's resources` };
    }
    const rules = target.evaluated.results
      .filter((pr) => policyMatches(pr.policy, entry.policy))
      .flatMap((pr) => pr.rules.filter((r) => ruleMatches(r.rule, entry.rule)));
    return { ...base, resource: target.label, ...compareRules(entry, rules) };
  });
}

export function evaluateChecks(entries: readonly TestResultEntry[], evaluated: readonly EvaluatedResource[], catalog: PolicyCatalog): CheckResult[] {
  return entries.flatMap((entry) => evaluateEntry(entry, evaluated, catalog));
}
