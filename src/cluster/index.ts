/** Cluster I/O: which cluster to talk to, and the policies that live in it. */
export { loadKubeConfig, type KubeConfigLookup, type KubeConfigOrigin, type KubeConfigResult } from './kubeconfig.js';
export { clusterPolicySource, type ClusterPolicySourceOptions, type ClusterSourceProblem } from './cluster-policy-source.js';
export { resilientInformer, stripManagedFields, DEFAULT_BACKOFF, type BackoffOptions, type ResilientInformer, type ResilientInformerOptions } from './resilient-informer.js';
export { desiredCondition, conditionUpToDate, statusPatch, statusWriter, type ReadyCondition, type StatusWriter } from './policy-status.js';
export { convertPolicyObject, objectLocation, type ClusterPolicyKind } from './policy-object.js';
export { createClusterCache, defaultPrune, pruneFields, type CacheChange, type ClusterCache, type ClusterCacheOptions, type KindRef, type KindStatus } from './cache/index.js';
export { DEFAULT_LEASE_NAME, leaderElection, type LeaderElection, type LeaderElectionOptions } from './leader/index.js';
export { createApiFetcher, type ApiFetcher, type ApiFetchOptions } from './api-fetch.js';
export { generateCacheKinds, generateController, ON_POLICY_DELETE_LABEL, type GenerateController, type GenerateControllerOptions, type GenerateProblem, type GenerateTiming, type ReconcileSummary } from './generate/index.js';
export { createServiceCaller, type ServiceCaller, type ServiceCallOptions } from './service-call.js';
