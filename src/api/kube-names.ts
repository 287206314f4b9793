/**
 * Offline stand-ins for the API server's discovery: kind -> resource (plural) names and which kinds are
 * cluster-scoped. Without a cluster the CLI cannot ask, so it knows the built-in kinds and common CRDs.
 */
import { splitApiVersion } from './kube.js';

const IRREGULAR_PLURALS: Record<string, string> = {
  endpoints: 'endpoints',
  podsecuritypolicy: 'podsecuritypolicies',
};

/** The resource name a kind is served under: `Ingress` -> `ingresses`, `NetworkPolicy` -> `networkpolicies`. */
export function kindToResource(kind: string): string {
  const lower = kind.toLowerCase();
  const irregular = IRREGULAR_PLURALS[lower];
  if (irregular) return irregular;
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

/** Cluster-scoped kinds by group; '*' lists kinds cluster-scoped in any group that defines them. */
const CLUSTER_SCOPED: Record<string, readonly string[]> = {
  '': ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
  'rbac.authorization.k8s.io': ['ClusterRole', 'ClusterRoleBinding'],
  'storage.k8s.io': ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
  'admissionregistration.k8s.io': [
    'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
  ],
  'apiextensions.k8s.io': ['CustomResourceDefinition'],
  'apiregistration.k8s.io': ['APIService'],
  'scheduling.k8s.io': ['PriorityClass'],
  'node.k8s.io': ['RuntimeClass'],
  'networking.k8s.io': ['IngressClass', 'IPAddress', 'ServiceCIDR'],
  'policy': ['PodSecurityPolicy'],
  'certificates.k8s.io': ['CertificateSigningRequest', 'ClusterTrustBundle'],
  'flowcontrol.apiserver.k8s.io': ['FlowSchema', 'PriorityLevelConfiguration'],
  'authentication.k8s.io': ['TokenReview', 'SelfSubjectReview'],
  'authorization.k8s.io': ['SubjectAccessReview', 'SelfSubjectAccessReview', 'SelfSubjectRulesReview'],
  'kyverno.io': ['ClusterPolicy', 'ClusterCleanupPolicy'],
  'wgpolicyk8s.io': ['ClusterPolicyReport'],
  'config.openshift.io': ['APIServer', 'ClusterVersion', 'Image', 'OAuth', 'Proxy', 'Infrastructure', 'Network', 'Ingress', 'Scheduler', 'FeatureGate'],
  'security.openshift.io': ['SecurityContextConstraints'],
  'cert-manager.io': ['ClusterIssuer'],
  'gateway.networking.k8s.io': ['GatewayClass'],
  'karpenter.sh': ['NodePool', 'NodeClaim', 'Provisioner'],
  'karpenter.k8s.aws': ['EC2NodeClass'],
  'policies.kyverno.io': ['ValidatingPolicy', 'MutatingPolicy', 'GeneratingPolicy', 'ImageValidatingPolicy', 'DeletingPolicy'],
};

export function isClusterScoped(apiVersion: string, kind: string): boolean {
  const { group } = splitApiVersion(apiVersion);
  return CLUSTER_SCOPED[group]?.includes(kind) ?? false;
}

/** Where a built-in kind is served: its group and preferred version (the webhook rules name these). */
export interface ServedKind {
  group: string;
  version: string;
  resource: string;
}

const BUILTIN_GROUPS: Record<string, { version: string; kinds: readonly string[] }> = {
  '': {
    version: 'v1',
    kinds: [
      'Pod', 'Service', 'ConfigMap', 'Secret', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'ServiceAccount',
      'Endpoints', 'Event', 'LimitRange', 'ResourceQuota', 'ReplicationController', 'PodTemplate', 'Binding', 'ComponentStatus',
    ],
  },
  apps: { version: 'v1', kinds: ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ControllerRevision'] },
  batch: { version: 'v1', kinds: ['Job', 'CronJob'] },
  autoscaling: { version: 'v2', kinds: ['HorizontalPodAutoscaler'] },
  'networking.k8s.io': { version: 'v1', kinds: ['Ingress', 'IngressClass', 'NetworkPolicy'] },
  policy: { version: 'v1', kinds: ['PodDisruptionBudget'] },
  'rbac.authorization.k8s.io': { version: 'v1', kinds: ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'] },
  'storage.k8s.io': { version: 'v1', kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity'] },
  'admissionregistration.k8s.io': {
    version: 'v1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  },
  'apiextensions.k8s.io': { version: 'v1', kinds: ['CustomResourceDefinition'] },
  'apiregistration.k8s.io': { version: 'v1', kinds: ['APIService'] },
  'scheduling.k8s.io': { version: 'v1', kinds: ['PriorityClass'] },
  'node.k8s.io': { version: 'v1', kinds: ['RuntimeClass'] },
  'coordination.k8s.io': { version: 'v1', kinds: ['Lease'] },
  'discovery.k8s.io': { version: 'v1', kinds: ['EndpointSlice'] },
  'certificates.k8s.io': { version: 'v1', kinds: ['CertificateSigningRequest'] },
  'flowcontrol.apiserver.k8s.io': { version: 'v1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'] },
  'kyverno.io': { version: 'v1', kinds: ['ClusterPolicy', 'Policy'] },
};

const SERVED_KINDS: ReadonlyMap<string, ServedKind> = new Map(
  Object.entries(BUILTIN_GROUPS).flatMap(([group, { version, kinds }]) =>
    kinds.map((kind): [string, ServedKind] => [kind, { group, version, resource: kindToResource(kind) }]),
  ),
);

/** The group, preferred version and resource of a built-in kind (exact case), or undefined for other kinds. */
export function servedKind(kind: string): ServedKind | undefined {
  return SERVED_KINDS.get(kind);
}
