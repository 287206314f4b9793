/** Results of loading policy files: policies ready for the engine, and errors that never stop the other policies. */
import type { LoadedPolicy } from '../api/policy.js';

export type { LoadedPolicy };

/**
 * - `yaml`: the text is not YAML (file and line known, document when it could be isolated).
 * - `schema`: a ClusterPolicy / Policy document breaks the policy schema.
 * - `unsupported-kind`: a Kyverno kind we do not evaluate (the CEL `policies.kyverno.io` kinds, cleanup policies...).
 * - `io`: the file or directory could not be read (or the cluster could not be listed).
 * - `duplicate`: another source already provides a policy with the same key (see the policy store).
 */
export type PolicyLoadErrorKind = 'yaml' | 'schema' | 'unsupported-kind' | 'io' | 'duplicate';

export interface PolicyLoadError {
  kind: PolicyLoadErrorKind;
  file: string;
  /** 1-based index of the YAML document in the file. */
  document?: number;
  /** 1-based line in the file (YAML errors). */
  line?: number;
  /** Dotted JSON path inside the document, e.g. `spec.rules[0].validate`. */
  path?: string;
  /** The policy's name (or `namespace/name`) when the document has one. */
  policy?: string;
  reason: string;
  /** The rendered one-line form, see `formatPolicyLoadError`. */
  message: string;
}

/** A document that is neither a Kyverno policy nor a Kyverno kind: skipped without error (e.g. test resources). */
export interface IgnoredDocument {
  file: string;
  document: number;
  apiVersion?: string;
  kind?: string;
}

export interface PolicyLoadResult {
  policies: LoadedPolicy[];
  errors: PolicyLoadError[];
  ignored: IgnoredDocument[];
}
