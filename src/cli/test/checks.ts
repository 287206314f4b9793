/**
 * Expected results -> checks -> outcomes, with `kyverno test` semantics: one check per (result entry, named
 * resource); the resource is found by kind plus name or `namespace/name`; the rule by `rule`, `autogen-rule` or
 * `autogen-cronjob-rule`; a rule that gave no response passes leniently (the CLI's "Excluded"); an entry whose
 * named resources are all missing falls back to every loaded resource of its kind.
 */
import { GENERATE_LABEL_PREFIX, MANAGED_BY_LABEL, type GeneratedObject } from '../../api/generate.js';
import type { KubeObject } from '../../api/kube.js';
import type { PolicyResult, RuleResult, RuleStatus } from '../../api/result.js';
import type { ExpectedResult, TestResultEntry } from './test-file.js';

export interface EvaluatedResource {
  resource: KubeObject;
  results: readonly PolicyResult[];
  /** The object after each policy's mutate rules (policy key -> object). */
  patched?: ReadonlyMap<string, KubeObject>;
  /** What the generate rules would create for this resource. */
  generated?: readonly GeneratedObject[];
}

/** The objects of each `patchedResources` / `generatedResource` file named by the test, by the file name as written in the test. */
export type ExpectedObjects = ReadonlyMap<string, readonly KubeObject[]>;

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

/**
 * `patchedResources`: the object after the policy's mutations must equal the expected one from the file (the
 * document with the same apiVersion, kind, namespace and name), after Kyverno's tidy step (nulls, empty maps
 * and empty lists dropped). Undefined when they are equal.
 */
function patchedMismatch(entry: TestResultEntry & { patchedResources: string }, target: EvaluatedResource, expectedObjects: ExpectedObjects | undefined): string | undefined {
  const key = [...(target.patched?.keys() ?? [])].find((k) => policyMatches(k, entry.policy));
  const actual = key !== undefined ? target.patched?.get(key) : target.resource;
  if (!actual) return 'no patched resource';
  const candidates = expectedObjects?.get(entry.patchedResources) ?? [];
  const expected = findExpected(candidates, actual);
  if (!expected) return `patched resource ${actual.kind} ${actual.metadata.name ?? ''} not found in ${entry.patchedResources}`;
  const difference = firstDifference(tidy(actual), tidy(expected), '');
  return difference === undefined ? undefined : `patched resource didn't match the expected one in ${entry.patchedResources}: ${difference}`;
}

/**
 * Kyverno's label fixup before comparing generated resources: ownership labels (Kyverno's and ours) are dropped
 * and managed-by is set to one value on both sides, so neither the generator's name nor its labels count.
 */
function withoutGenerateLabels(object: KubeObject): KubeObject {
  const labels: Record<string, string> = { [MANAGED_BY_LABEL]: 'generator' };
  for (const [k, v] of Object.entries(object.metadata.labels ?? {})) {
    if (k !== MANAGED_BY_LABEL && !k.startsWith(GENERATE_LABEL_PREFIX) && !k.startsWith('generate.kyverno.io/')) labels[k] = v;
  }
  return { ...object, metadata: { ...object.metadata, labels } };
}

/**
 * `generatedResource`: every object the rule generated must equal the document of the file with the same kind,
 * namespace and name, after the label fixup and tidy step. Undefined when they all do.
 */
function generatedMismatch(entry: TestResultEntry & { generatedResource: string }, target: EvaluatedResource, expectedObjects: ExpectedObjects | undefined): string | undefined {
  const actual = (target.generated ?? []).filter((g) => policyMatches(g.policy, entry.policy) && ruleMatches(g.rule, entry.rule));
  if (actual.length === 0) return 'no resource was generated';
  const candidates = (expectedObjects?.get(entry.generatedResource) ?? []).map(withoutGenerateLabels);
  for (const { object } of actual) {
    const fixed = withoutGenerateLabels(object);
    const expected = findExpected(candidates, fixed);
    if (!expected) return `generated resource ${object.kind} ${object.metadata.name ?? ''} not found in ${entry.generatedResource}`;
    const difference = firstDifference(tidy(fixed), tidy(expected), '');
    if (difference !== undefined) return `generated resource didn't match the expected one in ${entry.generatedResource}: ${difference}`;
  }
  return undefined;
}

function findExpected(candidates: readonly KubeObject[], actual: KubeObject): KubeObject | undefined {
  const sameName = candidates.filter((c) => c.kind === actual.kind && (c.metadata.name ?? '') === (actual.metadata.name ?? ''));
  const ns = (o: KubeObject): string => o.metadata.namespace ?? '';
  return (
    sameName.find((c) => c.apiVersion === actual.apiVersion && ns(c) === ns(actual)) ??
    sameName.find((c) => ns(c) === ns(actual) || ns(c) === '' || ns(actual) === '') ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

/** Kyverno's tidy: nulls, and maps and lists that end up empty, are dropped (undefined when nothing remains). */
function tidy(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const out = value.map(tidy).filter((v) => v !== undefined);
    return out.length > 0 ? out : undefined;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const t = tidy(v);
      if (t !== undefined) out[k] = t;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}

/** The first path where two tidied JSON values differ, with both values, or undefined when they are equal. */
function firstDifference(actual: unknown, expected: unknown, path: string): string | undefined {
  const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));
  if (Array.isArray(actual) && Array.isArray(expected)) {
    for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
      const d = firstDifference(actual[i], expected[i], `${path}/${i}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isMap(actual) && isMap(expected)) {
    for (const k of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
      const d = firstDifference(actual[k], expected[k], `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  // Numbers from YAML and JSON compare by value (1 and 1.0 are the same JSON number).
  if (actual === expected) return undefined;
  return `${path || '/'}: expected ${show(expected)}, got ${show(actual)}`;
}

export function evaluateEntry(entry: TestResultEntry, evaluated: readonly EvaluatedResource[], catalog: PolicyCatalog, expectedObjects?: ExpectedObjects): CheckResult[] {
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
    const compared = compareRules(entry, rules);
    const { patchedResources, generatedResource } = entry;
    if ((patchedResources === undefined && generatedResource === undefined) || rules.length === 0) return { ...base, resource: target.label, ...compared };
    // As `kyverno test` does: the check holds when the patched (generated) object matches and the status is as
    // expected; an expected `fail` is met when that does not hold (the rule did not give the named object).
    const mismatch =
      (patchedResources !== undefined ? patchedMismatch({ ...entry, patchedResources }, target.evaluated, expectedObjects) : undefined) ??
      (generatedResource !== undefined ? generatedMismatch({ ...entry, generatedResource }, target.evaluated, expectedObjects) : undefined);
    const holds = mismatch === undefined && compared.outcome !== 'fail';
    // A status that differs says more (an error's reason) than the object it could not give.
    const message = compared.outcome === 'fail' ? compared.message : (mismatch ?? compared.message);
    if (entry.result === 'fail') return { ...base, resource: target.label, actual: compared.actual, outcome: holds ? 'fail' : 'pass', message };
    return { ...base, resource: target.label, actual: compared.actual, outcome: holds ? compared.outcome : 'fail', message };
  });
}

export function evaluateChecks(entries: readonly TestResultEntry[], evaluated: readonly EvaluatedResource[], catalog: PolicyCatalog, expectedObjects?: ExpectedObjects): CheckResult[] {
  return entries.flatMap((entry) => evaluateEntry(entry, evaluated, catalog, expectedObjects));
}
