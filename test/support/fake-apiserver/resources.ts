/** The resources the fake serves by default, and lookups by URL parts or reference. */
import type { ResourceRef, ResourceType } from './types.js';

function custom(group: string, version: string, resource: string, kind: string, namespaced: boolean): ResourceType {
  return { group, version, resource, kind, namespaced, statusSubresource: true, custom: true };
}

function builtin(group: string, version: string, resource: string, kind: string, namespaced: boolean, statusSubresource = false): ResourceType {
  return { group, version, resource, kind, namespaced, statusSubresource, custom: false };
}

export const DEFAULT_RESOURCES: readonly ResourceType[] = [
  custom('kyverno.io', 'v1', 'clusterpolicies', 'ClusterPolicy', false),
  custom('kyverno.io', 'v1', 'policies', 'Policy', true),
  builtin('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false),
  builtin('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false),
  builtin('', 'v1', 'namespaces', 'Namespace', false, true),
  builtin('', 'v1', 'pods', 'Pod', true, true),
  builtin('', 'v1', 'configmaps', 'ConfigMap', true),
  builtin('', 'v1', 'secrets', 'Secret', true),
  builtin('', 'v1', 'services', 'Service', true, true),
  builtin('', 'v1', 'serviceaccounts', 'ServiceAccount', true),
  builtin('apps', 'v1', 'deployments', 'Deployment', true, true),
  builtin('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  builtin('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false, true),
];

export function refKey(ref: ResourceRef): string {
  return `${ref.group}/${ref.version}/${ref.resource}`;
}

export function apiVersionOf(type: ResourceRef): string {
  return type.group === '' ? type.version : `${type.group}/${type.version}`;
}

export class ResourceCatalogue {
  private readonly types = new Map<string, ResourceType>();

  constructor(types: readonly ResourceType[]) {
    for (const t of types) this.add(t);
  }

  add(type: ResourceType): void {
    this.types.set(refKey(type), type);
  }

  find(ref: ResourceRef): ResourceType | undefined {
    return this.types.get(refKey(ref));
  }

  /** Resources of one group/version, for discovery. */
  ofGroupVersion(group: string, version: string): ResourceType[] {
    return [...this.types.values()].filter((t) => t.group === group && t.version === version);
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }
}
