export { checkPolicySchema, type SchemaCheck } from './validator.js';
export { policySchema } from './policy-schema.js';
export { type PolicyApiVersion, type JsonSchema, conditionOperators, FAILURE_ACTIONS } from './common.js';
export { type SchemaIssue, pointerToPath, appendPath } from './messages.js';
export { VALIDATE_KINDS, RULE_TYPES } from './rule.js';
