/** The replicated, indexed, in-memory cluster cache behind the server's ClusterSnapshot. */
export type { CacheChange, ClusterCache, ClusterCacheOptions, KindRef, KindStatus } from './types.js';
export { createClusterCache } from './cluster-cache.js';
export { defaultPrune, pruneFields } from './prune.js';
