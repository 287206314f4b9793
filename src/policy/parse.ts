/**
 * Policy documents from one YAML text: schema-checked, normalised, autogen rules added. Pure.
 * Documents of other API groups are ignored (listed in `ignored`); Kyverno kinds we do not evaluate are errors.
 */
import { isRecord } from '../api/json.js';
import { computeRules } from './autogen/index.js';
import { loadError } from './errors.js';
import { checkPolicyExpressions } from './expressions.js';
import { normalizePolicy, policyKey } from './normalize.js';
import { type PolicyApiVersion, checkPolicySchema } from './schema/index.js';
import type { PolicyLoadResult } from './types.js';
import { parseYamlDocuments } from './yaml.js';

const POLICY_VERSIONS: readonly string[] = ['kyverno.io/v1', 'kyverno.io/v2beta1'];

type Classified =
  | { type: 'policy'; version: PolicyApiVersion }
  | { type: 'unsupported'; reason: string }
  | { type: 'ignored'; apiVersion?: string; kind?: string };

function isPolicyVersion(v: string): v is PolicyApiVersion {
  return POLICY_VERSIONS.includes(v);
}

function classify(doc: Record<string, unknown>): Classified {
  const apiVersion = typeof doc.apiVersion === 'string' ? doc.apiVersion : undefined;
  const kind = typeof doc.kind === 'string' ? doc.kind : undefined;
  const group = apiVersion?.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const isPolicyKind = kind === 'ClusterPolicy' || kind === 'Policy';
  if (group === 'kyverno.io' && isPolicyKind) {
    if (apiVersion && isPolicyVersion(apiVersion)) return { type: 'policy', version: apiVersion };
    return { type: 'unsupported', reason: `unsupported apiVersion ${apiVersion ?? ''} for ${kind} (supported: ${POLICY_VERSIONS.join(', ')})` };
  }
  if (group === 'policies.kyverno.io') {
    return { type: 'unsupported', reason: `unsupported kind ${kind ?? '(none)'} (${apiVersion ?? ''}): CEL policy kinds are not supported yet` };
  }
  if (group === 'kyverno.io') {
    return { type: 'unsupported', reason: `unsupported kind ${kind ?? '(none)'} (${apiVersion ?? ''}): only ClusterPolicy and Policy are evaluated` };
  }
  // A document without apiVersion but with a policy kind is most likely a broken policy, not a resource.
  if (apiVersion === undefined && isPolicyKind) return { type: 'policy', version: 'kyverno.io/v1' };
  const ignored: Classified = { type: 'ignored' };
  if (apiVersion !== undefined) ignored.apiVersion = apiVersion;
  if (kind !== undefined) ignored.kind = kind;
  return ignored;
}

function documentName(doc: Record<string, unknown>): string | undefined {
  const meta = doc.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string') return undefined;
  return doc.kind === 'Policy' ? `${typeof meta.namespace === 'string' ? meta.namespace : 'default'}/${meta.name}` : meta.name;
}

/**
 * One already-decoded document (YAML or an object from the API server) through the same checks as a file:
 * classification, schema, normalisation, autogen. `file` and `document` name it in errors and `source`.
 */
export function parsePolicyDocument(value: unknown, file: string, document: number): PolicyLoadResult {
  const result: PolicyLoadResult = { policies: [], errors: [], ignored: [] };
  addDocument(result, value, file, document);
  return result;
}

function addDocument(result: PolicyLoadResult, value: unknown, file: string, document: number): void {
  const { policies, errors, ignored } = result;
  if (!isRecord(value)) {
    ignored.push({ file, document });
    return;
  }
  const c = classify(value);
  const policy = documentName(value);
  const named = policy === undefined ? {} : { policy };
  if (c.type === 'ignored') {
    ignored.push({ file, document, ...(c.apiVersion ? { apiVersion: c.apiVersion } : {}), ...(c.kind ? { kind: c.kind } : {}) });
    return;
  }
  if (c.type === 'unsupported') {
    errors.push(loadError({ kind: 'unsupported-kind', file, document, reason: c.reason, ...named }));
    return;
  }
  const check = checkPolicySchema(value, c.version);
  if (!check.ok) {
    for (const issue of check.issues) errors.push(loadError({ kind: 'schema', file, document, path: issue.path, reason: issue.reason, ...named }));
    return;
  }
  const expressionIssues = checkPolicyExpressions(check.policy);
  if (expressionIssues.length > 0) {
    for (const issue of expressionIssues) errors.push(loadError({ kind: 'schema', file, document, path: issue.path, reason: issue.reason, ...named }));
    return;
  }
  const normalized = normalizePolicy(check.policy);
  policies.push({ policy: normalized, key: policyKey(normalized), rules: computeRules(normalized), source: { file, document } });
}

export function parsePolicies(text: string, file: string): PolicyLoadResult {
  const result: PolicyLoadResult = { policies: [], errors: [], ignored: [] };
  for (const parsed of parseYamlDocuments(text)) {
    if (!parsed.ok) {
      result.errors.push(loadError({ kind: 'yaml', file, document: parsed.document, line: parsed.line, reason: parsed.reason }));
      continue;
    }
    addDocument(result, parsed.value, file, parsed.document);
  }
  return result;
}
