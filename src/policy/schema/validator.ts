/** The compiled policy validators: built once per API version, on first use. */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Policy } from '../../api/policy.js';
import type { PolicyApiVersion } from './common.js';
import { addPolicyKeywords } from './keywords.js';
import { type SchemaIssue, schemaIssues } from './messages.js';
import { policySchema } from './policy-schema.js';

export type SchemaCheck = { ok: true; policy: Policy } | { ok: false; issues: SchemaIssue[] };

const compiled = new Map<PolicyApiVersion, ValidateFunction<Policy>>();

function validatorFor(version: PolicyApiVersion): ValidateFunction<Policy> {
  let validate = compiled.get(version);
  if (!validate) {
    // verbose: messages quote the offending value and suggest known field names
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    addPolicyKeywords(ajv);
    validate = ajv.compile<Policy>(policySchema(version));
    compiled.set(version, validate);
  }
  return validate;
}

export function checkPolicySchema(document: unknown, version: PolicyApiVersion): SchemaCheck {
  const validate = validatorFor(version);
  if (validate(document)) return { ok: true, policy: document };
  return { ok: false, issues: schemaIssues(validate.errors ?? []) };
}
