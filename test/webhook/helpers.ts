/** Policy sets for the webhook tests: loaded by the real loader (autogen included) from files or YAML text. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicyFiles, parsePolicies } from '../../src/policy/index.js';
import { buildPolicySet, type PolicySet } from '../../src/policy/store/index.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONFORMANCE = path.resolve(REPO, '../shared/conformance/kyverno-policies');

export async function policySetFromFiles(...paths: string[]): Promise<PolicySet> {
  const loaded = await loadPolicyFiles(paths);
  expect(loaded.errors).toEqual([]);
  return buildPolicySet(loaded.policies, loaded.errors, 1);
}

export function policySetFromYaml(text: string): PolicySet {
  const parsed = parsePolicies(text, 'inline.yaml');
  expect(parsed.errors).toEqual([]);
  return buildPolicySet(parsed.policies, parsed.errors, 1);
}

/** A ClusterPolicy with one rule per entry, for compact tables. */
export function clusterPolicy(name: string, spec: string, rules: string): string {
  return `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
spec:
${spec.split('\n').filter(Boolean).map((l) => `  ${l}`).join('\n')}
  rules:
${rules.split('\n').filter(Boolean).map((l) => `  ${l}`).join('\n')}
`;
}
