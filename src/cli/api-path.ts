/** Kubernetes REST path parsing lives with the cluster cache, which answers the same paths from memory. */
export { matchesSelector, parseApiPath, parseLabelSelector, type ApiPath, type ParsedApiPath, type SelectorRequirement } from '../cluster/cache/api-path.js';
