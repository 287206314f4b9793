/** ClusterPolicy / Policy documents (kyverno.io/v1 and kyverno.io/v2beta1). */
import { type JsonSchema, type PolicyApiVersion, FAILURE_ACTIONS, bool, failureActionOverrides, object, str, stringMap } from './common.js';
import { ruleSchema } from './rule.js';

function specSchema(version: PolicyApiVersion): JsonSchema {
  return object(
    {
      rules: { type: 'array', items: ruleSchema(version), uniqueItemNames: true },
      applyRules: { enum: ['One', 'All'] },
      failurePolicy: { enum: ['Fail', 'Ignore'] },
      validationFailureAction: { enum: FAILURE_ACTIONS },
      validationFailureActionOverrides: failureActionOverrides,
      emitWarning: bool,
      admission: bool,
      background: bool,
      schemaValidation: bool,
      webhookTimeoutSeconds: { type: 'integer', minimum: 1, maximum: 30 },
      mutateExistingOnPolicyUpdate: bool,
      generateExisting: bool,
      generateExistingOnPolicyUpdate: bool,
      useServerSideApply: bool,
      webhookConfiguration: object({
        failurePolicy: { enum: ['Fail', 'Ignore'] },
        timeoutSeconds: { type: 'integer', minimum: 1, maximum: 30 },
        matchConditions: { type: 'array', items: { type: 'object' } },
      }),
    },
    { required: ['rules'] },
  );
}

const metadata: JsonSchema = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1 }, namespace: str, labels: stringMap, annotations: stringMap },
  required: ['name'],
};

export function policySchema(version: PolicyApiVersion): JsonSchema {
  return object(
    {
      apiVersion: { const: version },
      kind: { enum: ['ClusterPolicy', 'Policy'] },
      metadata,
      spec: specSchema(version),
      // Written by the cluster; ignored on load.
      status: { type: 'object' },
    },
    { required: ['apiVersion', 'kind', 'metadata', 'spec'] },
  );
}
