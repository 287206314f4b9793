/** The policy model: loading, schema validation, normalisation, autogen and the rule index. */
export { parsePolicies, parsePolicyDocument } from './parse.js';
export { loadPolicyFiles } from './load-files.js';
export { formatPolicyLoadError } from './errors.js';
export { normalizePolicy, normalizeFailureAction, policyKey } from './normalize.js';
export { parseYamlDocuments, type YamlDocument } from './yaml.js';
export { computeRules, generateAutogenRules, canAutoGen, requestedControllers, isAutogenRuleName, AUTOGEN_ANNOTATION, POD_CONTROLLERS } from './autogen/index.js';
export { buildPolicyIndex, candidatePolicies, type IndexedRule, type PolicyIndex } from './index/index.js';
export { checkPolicySchema, type SchemaCheck, type SchemaIssue } from './schema/index.js';
export type { IgnoredDocument, LoadedPolicy, PolicyLoadError, PolicyLoadErrorKind, PolicyLoadResult } from './types.js';
export { cacheKindsFor, kindOfUrlPath, parseCacheKind, type CacheKind, type CacheKinds } from './cache-kinds.js';
