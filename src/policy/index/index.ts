export { buildPolicyIndex, candidatePolicies, type IndexedRule, type PolicyIndex } from './policy-index.js';
export { ruleScope, kindKey, type RuleScope } from './rule-scope.js';
