/**
 * The `kyverno-test.yaml` model: the current `cli.kyverno.io/v1alpha1 Test` format and the legacy one
 * (top-level `name`, singular `resource` / `patchedResource`, `status` for `result`). Field names ignore case.
 */
import { isRecord } from '../../api/json.js';
import { field, hasField, optionalBoolean, optionalList, optionalString, optionalStringList } from '../inputs/fields.js';

export type ExpectedResult = 'pass' | 'fail' | 'skip' | 'warn' | 'error';
export const EXPECTED_RESULTS: readonly ExpectedResult[] = ['pass', 'fail', 'skip', 'warn', 'error'];

/** The `is...Policy` flags that mark a result as belonging to a policy kind other than ClusterPolicy/Policy. */
export const POLICY_KIND_FLAGS = [
  'isValidatingAdmissionPolicy', 'isMutatingAdmissionPolicy', 'isValidatingPolicy', 'isMutatingPolicy',
  'isGeneratingPolicy', 'isImageValidatingPolicy', 'isDeletingPolicy',
] as const;
export type PolicyKindFlag = (typeof POLICY_KIND_FLAGS)[number];

export interface TestResultEntry {
  policy: string;
  /** Absent for the CEL policy kinds, where every rule counts. */
  rule?: string;
  kind: string;
  /** Names or `namespace/name`s. */
  resources: string[];
  /** Legacy: restricts the resources to this namespace. */
  namespace?: string;
  result: ExpectedResult;
  patchedResources?: string;
  generatedResource?: string;
  cloneSourceResource?: string;
  kindFlags: PolicyKindFlag[];
}

export interface TestFile {
  name: string;
  legacy: boolean;
  policies: string[];
  resources: string[];
  variables?: string;
  userinfo?: string;
  context?: string;
  results: TestResultEntry[];
  /** Inputs the harness does not implement yet, by field name (`exceptions`, `targetResources`, ...). */
  unsupportedInputs: string[];
}

export type ParseTestFileResult = { ok: true; value: TestFile } | { ok: false; error: string };

const UNSUPPORTED_INPUTS = [
  'exceptions', 'targetResources', 'paramResources', 'checks', 'clusterResources', 'apiCallResponses', 'globalContextEntries', 'jsonPayload',
] as const;

function parseResult(raw: unknown, where: string): { ok: true; value: TestResultEntry } | { ok: false; error: string } {
  if (!isRecord(raw)) return { ok: false, error: `${where}: expected a mapping` };
  const policy = optionalString(raw, 'policy', where);
  const rule = optionalString(raw, 'rule', where);
  const kind = optionalString(raw, 'kind', where);
  const resources = optionalStringList(raw, 'resources', where);
  const resource = optionalString(raw, 'resource', where);
  const namespace = optionalString(raw, 'namespace', where);
  const result = optionalString(raw, 'result', where);
  const status = optionalString(raw, 'status', where);
  const patched = optionalString(raw, 'patchedResources', where);
  const patchedLegacy = optionalString(raw, 'patchedResource', where);
  const generated = optionalString(raw, 'generatedResource', where);
  const cloneSource = optionalString(raw, 'cloneSourceResource', where);
  for (const r of [policy, rule, kind, resources, resource, namespace, result, status, patched, patchedLegacy, generated, cloneSource]) {
    if (!r.ok) return r;
  }
  if (!policy.ok || !policy.value) return { ok: false, error: `${where}.policy: required` };
  if (!kind.ok || !kind.value) return { ok: false, error: `${where}.kind: required` };
  const names = [...(resources.ok && resources.value ? resources.value : []), ...(resource.ok && resource.value ? [resource.value] : [])];
  if (names.length === 0) return { ok: false, error: `${where}.resources: names no resource` };
  const expectedText = ((result.ok && result.value) || (status.ok && status.value) || '').toLowerCase();
  const expected = EXPECTED_RESULTS.find((r) => r === expectedText);
  if (!expected) return { ok: false, error: `${where}.result: expected one of ${EXPECTED_RESULTS.join(', ')}, got "${expectedText}"` };
  const entry: TestResultEntry = {
    policy: policy.value,
    kind: kind.value,
    resources: names,
    result: expected,
    kindFlags: POLICY_KIND_FLAGS.filter((f) => optionalBoolean(raw, f)),
  };
  if (rule.ok && rule.value) entry.rule = rule.value;
  if (namespace.ok && namespace.value) entry.namespace = namespace.value;
  const patchedFile = (patched.ok && patched.value) || (patchedLegacy.ok && patchedLegacy.value);
  if (patchedFile) entry.patchedResources = patchedFile;
  if (generated.ok && generated.value) entry.generatedResource = generated.value;
  if (cloneSource.ok && cloneSource.value) entry.cloneSourceResource = cloneSource.value;
  return { ok: true, value: entry };
}

export function parseTestFile(raw: unknown, where = 'kyverno-test.yaml'): ParseTestFileResult {
  if (!isRecord(raw)) return { ok: false, error: `${where}: expected a mapping` };
  const metadata = field(raw, 'metadata');
  const legacy = !hasField(raw, 'apiVersion') && !hasField(raw, 'kind');
  const metaName = isRecord(metadata) ? optionalString(metadata, 'name', `${where}.metadata`) : { ok: true as const, value: undefined };
  const topName = optionalString(raw, 'name', where);
  const policies = optionalStringList(raw, 'policies', where);
  const resources = optionalStringList(raw, 'resources', where);
  const variables = optionalString(raw, 'variables', where);
  const userinfo = optionalString(raw, 'userinfo', where);
  const context = optionalString(raw, 'context', where);
  const results = optionalList(raw, 'results', where);
  for (const r of [metaName, topName, policies, resources, variables, userinfo, context, results]) {
    if (!r.ok) return r;
  }
  if (!policies.ok || !policies.value || policies.value.length === 0) return { ok: false, error: `${where}.policies: required` };
  if (!resources.ok) return resources;
  const parsedResults: TestResultEntry[] = [];
  for (const [i, entry] of ((results.ok && results.value) || []).entries()) {
    const parsed = parseResult(entry, `${where}.results[${i}]`);
    if (!parsed.ok) return parsed;
    parsedResults.push(parsed.value);
  }
  const file: TestFile = {
    name: (metaName.ok && metaName.value) || (topName.ok && topName.value) || '',
    legacy,
    policies: policies.value,
    resources: resources.value ?? [],
    results: parsedResults,
    unsupportedInputs: UNSUPPORTED_INPUTS.filter((name) => {
      const value = field(raw, name);
      return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0) && value !== '';
    }),
  };
  if (variables.ok && variables.value) file.variables = variables.value;
  if (userinfo.ok && userinfo.value) file.userinfo = userinfo.value;
  if (context.ok && context.value) file.context = context.value;
  return { ok: true, value: file };
}
