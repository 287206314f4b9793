/** A local Kubernetes API server speaking the real list/watch protocol, for tests that need a cluster. */
export { startFakeApiServer } from './server.js';
export { kubeconfigText, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
export { DEFAULT_RESOURCES } from './resources.js';
export type { FakeApiServer, FakeApiServerOptions, InjectedFailure, KubeJson, RequestLogEntry, ResourceRef, ResourceType, WatchEvent, WatchEventType } from './types.js';

/** References of the resources tests use most. */
export const CLUSTER_POLICIES = { group: 'kyverno.io', version: 'v1', resource: 'clusterpolicies' } as const;
export const POLICIES = { group: 'kyverno.io', version: 'v1', resource: 'policies' } as const;
export const VALIDATING_WEBHOOKS = { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations' } as const;
export const MUTATING_WEBHOOKS = { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'mutatingwebhookconfigurations' } as const;
export const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' } as const;
export const CONFIGMAPS = { group: '', version: 'v1', resource: 'configmaps' } as const;
