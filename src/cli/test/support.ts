/**
 * What a test case needs that Tollgate does not evaluate yet. Such cases fail with `unsupported: ...` rather
 * than being skipped, so the conformance count shows them. Edit UNSUPPORTED_RULE_TYPES as the engine grows.
 */
import { isRecord } from '../../api/json.js';
import type { TestFile } from './test-file.js';

/** Rule features the engine does not evaluate, as `spec.rules[]` paths. */
export const UNSUPPORTED_RULE_TYPES: readonly (readonly string[])[] = [['mutate', 'targets'], ['verifyImages'], ['validate', 'cel'], ['validate', 'manifests']];

const SUPPORTED_KINDS = new Set(['ClusterPolicy', 'Policy']);

function has(node: unknown, path: readonly string[]): boolean {
  let current = node;
  for (const key of path) {
    if (!isRecord(current) || current[key] === undefined || current[key] === null) return false;
    current = current[key];
  }
  return true;
}

/** Features named in the policy documents: unsupported kinds and rule types. Non-policy documents are ignored. */
export function unsupportedPolicyFeatures(documents: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const doc of documents) {
    if (!isRecord(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string') continue;
    const group = doc.apiVersion.split('/')[0];
    const isKyverno = group === 'kyverno.io' || group === 'policies.kyverno.io';
    const isAdmissionPolicy = group === 'admissionregistration.k8s.io' && doc.kind.endsWith('AdmissionPolicy');
    if (!isKyverno && !isAdmissionPolicy) continue;
    if (!SUPPORTED_KINDS.has(doc.kind) || group !== 'kyverno.io') {
      out.push(`${doc.kind} policies`);
      continue;
    }
    const rules = isRecord(doc.spec) && Array.isArray(doc.spec.rules) ? doc.spec.rules : [];
    for (const rule of rules) {
      for (const path of UNSUPPORTED_RULE_TYPES) if (has(rule, path)) out.push(`${path.join('.')} rules`);
    }
  }
  return out;
}

/** Inputs and expectations of the test file itself that the harness cannot check. */
export function unsupportedTestFeatures(test: TestFile): string[] {
  const out: string[] = test.unsupportedInputs.map((name) => `test input ${name}`);
  if (test.context) out.push('context file (CEL policies)');
  for (const r of test.results) {
    for (const flag of r.kindFlags) out.push(`${flag} results`);
  }
  return out;
}

/** The `unsupported: ...` reason for a case, or undefined when everything it uses is supported. */
export function unsupportedReason(test: TestFile, policyDocuments: readonly unknown[]): string | undefined {
  const features = [...new Set([...unsupportedPolicyFeatures(policyDocuments), ...unsupportedTestFeatures(test)])];
  return features.length > 0 ? `unsupported: ${features.join(', ')}` : undefined;
}
