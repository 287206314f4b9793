/** Match uses the engine's one wildcard implementation (values/wildcard.ts). */
export { wildcardMatch, containsWildcard } from '../values/wildcard.js';
