/** Policy loading for the CLI commands: the policy package's loader, plus the raw documents for feature checks. */
import type { LoadedPolicy } from '../../api/policy.js';
import { loadPolicyFiles } from '../../policy/load-files.js';

export interface PolicyProblem {
  /** `file#doc path: reason`. */
  message: string;
  /** The policy's key when the document had a name. */
  policy?: string;
}

export interface PolicySet {
  policies: LoadedPolicy[];
  errors: PolicyProblem[];
}

export async function loadPolicies(files: readonly string[]): Promise<PolicySet> {
  const loaded = await loadPolicyFiles([...files]);
  return {
    policies: loaded.policies,
    errors: loaded.errors.map((e) => (e.policy !== undefined ? { message: e.message, policy: e.policy } : { message: e.message })),
  };
}
