import type { PolicyLoadError } from './types.js';

/** A load error before its one-line `message` is rendered. */
export type LoadErrorFields = Omit<PolicyLoadError, 'message'>;

/**
 * `policies/x.yaml#2 spec.rules[0].validate: must have ...`; YAML errors use the line: `policies/x.yaml:14: ...`.
 */
export function formatPolicyLoadError(e: LoadErrorFields): string {
  // A line is the more precise locator: YAML errors give it instead of the document number.
  let where = e.file;
  if (e.line !== undefined) where += `:${e.line}`;
  else if (e.document !== undefined) where += `#${e.document}`;
  const head = e.path ? `${where} ${e.path}` : where;
  return `${head}: ${e.reason}`;
}

export function loadError(fields: LoadErrorFields): PolicyLoadError {
  const error: PolicyLoadError = { kind: fields.kind, file: fields.file, reason: fields.reason, message: formatPolicyLoadError(fields) };
  if (fields.document !== undefined) error.document = fields.document;
  if (fields.line !== undefined) error.line = fields.line;
  if (fields.path) error.path = fields.path;
  if (fields.policy !== undefined) error.policy = fields.policy;
  return error;
}
