/**
 * Merge metadata of the built-in Kubernetes types, as Kyverno sees them.
 *
 * Kyverno patches through kustomize kyaml, whose compiled-in OpenAPI document is the
 * Kubernetes v1.21.2 one. A list merges only when that schema gives it
 * `x-kubernetes-patch-strategy: merge`; its keys are `x-kubernetes-list-map-keys` when
 * present, else `x-kubernetes-patch-merge-key`, else none (a set of primitives such as
 * finalizers). Everything else, including every field of a kind kyaml does not know (CRDs)
 * and fields newer than v1.21 (resourceClaims, schedulingGates, resizePolicy...), is
 * replaced: kyaml's Merge leaves `InferAssociativeLists` off, so the associative-key
 * heuristic (mountPath, devicePath, ip, type, topologyKey, name, containerPort) is never
 * used on this path. Only the types leading to a merging list are listed here: for the
 * others, having no schema and having one without merge lists behave the same.
 */

/** How a list field of a known type merges. */
export interface ListNode {
  readonly kind: 'list';
  /** Merge keys, primary first; empty for a set of primitives. */
  readonly keys: readonly string[];
  readonly element: TypeNode | undefined;
}

export interface ObjectNode {
  readonly kind: 'object';
  readonly type: TypeNode;
}

export type FieldNode = ListNode | ObjectNode;

export interface TypeNode {
  readonly fields: ReadonlyMap<string, FieldNode>;
}

type TypeName =
  | 'ObjectMeta' | 'Container' | 'PodSpec' | 'PodStatus' | 'PodTemplateSpec' | 'TemplateSpec'
  | 'ConditionsStatus' | 'CronJobSpec' | 'JobTemplateSpec' | 'ServiceSpec' | 'NodeSpec' | 'NodeStatus'
  | 'Resource' | 'Pod' | 'Workload' | 'PodTemplate' | 'CronJob' | 'Service' | 'ServiceAccount' | 'Node'
  | 'WithConditions';

type FieldSpec = { readonly object: TypeName } | { readonly list: readonly string[]; readonly of?: TypeName };

const TYPES: Readonly<Record<TypeName, Readonly<Record<string, FieldSpec>>>> = {
  ObjectMeta: { finalizers: { list: [] }, ownerReferences: { list: ['uid'] } },
  Container: {
    env: { list: ['name'] },
    ports: { list: ['containerPort', 'protocol'] },
    volumeMounts: { list: ['mountPath'] },
    volumeDevices: { list: ['devicePath'] },
  },
  PodSpec: {
    containers: { list: ['name'], of: 'Container' },
    initContainers: { list: ['name'], of: 'Container' },
    // EphemeralContainer shares the Container list fields that merge.
    ephemeralContainers: { list: ['name'], of: 'Container' },
    volumes: { list: ['name'] },
    imagePullSecrets: { list: ['name'] },
    hostAliases: { list: ['ip'] },
    topologySpreadConstraints: { list: ['topologyKey', 'whenUnsatisfiable'] },
    // tolerations, readinessGates, dnsConfig lists: no patch strategy, replaced.
  },
  PodStatus: { conditions: { list: ['type'] }, podIPs: { list: ['ip'] } },
  PodTemplateSpec: { metadata: { object: 'ObjectMeta' }, spec: { object: 'PodSpec' } },
  TemplateSpec: { template: { object: 'PodTemplateSpec' } },
  ConditionsStatus: { conditions: { list: ['type'] } },
  CronJobSpec: { jobTemplate: { object: 'JobTemplateSpec' } },
  JobTemplateSpec: { metadata: { object: 'ObjectMeta' }, spec: { object: 'TemplateSpec' } },
  ServiceSpec: { ports: { list: ['port', 'protocol'] } },
  NodeSpec: { podCIDRs: { list: [] } },
  NodeStatus: { conditions: { list: ['type'] }, addresses: { list: ['type'] } },
  // Root types of the kinds.
  Resource: { metadata: { object: 'ObjectMeta' } },
  Pod: { metadata: { object: 'ObjectMeta' }, spec: { object: 'PodSpec' }, status: { object: 'PodStatus' } },
  Workload: { metadata: { object: 'ObjectMeta' }, spec: { object: 'TemplateSpec' }, status: { object: 'ConditionsStatus' } },
  PodTemplate: { metadata: { object: 'ObjectMeta' }, template: { object: 'PodTemplateSpec' } },
  CronJob: { metadata: { object: 'ObjectMeta' }, spec: { object: 'CronJobSpec' } },
  Service: { metadata: { object: 'ObjectMeta' }, spec: { object: 'ServiceSpec' }, status: { object: 'ConditionsStatus' } },
  ServiceAccount: { metadata: { object: 'ObjectMeta' }, secrets: { list: ['name'] } },
  Node: { metadata: { object: 'ObjectMeta' }, spec: { object: 'NodeSpec' }, status: { object: 'NodeStatus' } },
  WithConditions: { metadata: { object: 'ObjectMeta' }, status: { object: 'ConditionsStatus' } },
};

/** The kinds of the v1.21.2 schema, by apiVersion; each maps to its root type. */
const KINDS: Readonly<Record<string, Readonly<Record<string, TypeName>>>> = {
  v1: {
    Pod: 'Pod',
    PodTemplate: 'PodTemplate',
    ReplicationController: 'Workload',
    Service: 'Service',
    ServiceAccount: 'ServiceAccount',
    Node: 'Node',
    Namespace: 'WithConditions',
    PersistentVolumeClaim: 'WithConditions',
    Binding: 'Resource',
    ComponentStatus: 'Resource',
    ConfigMap: 'Resource',
    Endpoints: 'Resource',
    Event: 'Resource',
    LimitRange: 'Resource',
    PersistentVolume: 'Resource',
    ResourceQuota: 'Resource',
    Secret: 'Resource',
  },
  'apps/v1': {
    Deployment: 'Workload',
    StatefulSet: 'Workload',
    DaemonSet: 'Workload',
    ReplicaSet: 'Workload',
    ControllerRevision: 'Resource',
  },
  'batch/v1': { Job: 'Workload', CronJob: 'CronJob' },
  'batch/v1beta1': { CronJob: 'CronJob' },
  'policy/v1': { PodDisruptionBudget: 'WithConditions' },
  'policy/v1beta1': { PodDisruptionBudget: 'WithConditions', PodSecurityPolicy: 'Resource' },
  'networking.k8s.io/v1': { Ingress: 'Resource', IngressClass: 'Resource', NetworkPolicy: 'Resource' },
  'networking.k8s.io/v1beta1': { Ingress: 'Resource', IngressClass: 'Resource' },
  'extensions/v1beta1': { Ingress: 'Resource' },
};

/** Groups whose every kind carries nothing but ObjectMeta merge lists in v1.21.2. */
const METADATA_ONLY: Readonly<Record<string, readonly string[]>> = {
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'rbac.authorization.k8s.io/v1beta1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2beta2': ['HorizontalPodAutoscaler'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
  'storage.k8s.io/v1beta1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'coordination.k8s.io/v1': ['Lease'],
  'coordination.k8s.io/v1beta1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'discovery.k8s.io/v1beta1': ['EndpointSlice'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'scheduling.k8s.io/v1beta1': ['PriorityClass'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'node.k8s.io/v1beta1': ['RuntimeClass'],
  'events.k8s.io/v1': ['Event'],
  'events.k8s.io/v1beta1': ['Event'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'certificates.k8s.io/v1beta1': ['CertificateSigningRequest'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'admissionregistration.k8s.io/v1beta1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiextensions.k8s.io/v1beta1': ['CustomResourceDefinition'],
  'flowcontrol.apiserver.k8s.io/v1beta1': ['FlowSchema', 'PriorityLevelConfiguration'],
};

function compileTypes(): ReadonlyMap<TypeName, TypeNode> {
  const fieldsOf = new Map<TypeName, Map<string, FieldNode>>();
  const nodes = new Map<TypeName, TypeNode>();
  const names = Object.keys(TYPES) as TypeName[];
  for (const name of names) {
    const fields = new Map<string, FieldNode>();
    fieldsOf.set(name, fields);
    nodes.set(name, { fields });
  }
  // Every name is a TypeName, so each lookup below finds its node.
  const node = (name: TypeName): TypeNode => nodes.get(name) ?? { fields: new Map() };
  for (const name of names) {
    const fields = fieldsOf.get(name);
    if (fields === undefined) continue;
    for (const [field, spec] of Object.entries(TYPES[name])) {
      if ('object' in spec) fields.set(field, { kind: 'object', type: node(spec.object) });
      else fields.set(field, { kind: 'list', keys: spec.list, element: spec.of === undefined ? undefined : node(spec.of) });
    }
  }
  return nodes;
}

function compileKinds(types: ReadonlyMap<TypeName, TypeNode>): ReadonlyMap<string, TypeNode> {
  const kinds = new Map<string, TypeNode>();
  const add = (apiVersion: string, kind: string, type: TypeName): void => {
    const node = types.get(type);
    if (node !== undefined) kinds.set(`${apiVersion}|${kind}`, node);
  };
  for (const [apiVersion, byKind] of Object.entries(KINDS)) {
    for (const [kind, type] of Object.entries(byKind)) add(apiVersion, kind, type);
  }
  for (const [apiVersion, list] of Object.entries(METADATA_ONLY)) {
    for (const kind of list) add(apiVersion, kind, 'Resource');
  }
  return kinds;
}

const KIND_TABLE = compileKinds(compileTypes());

/** The root schema of a kind, or undefined for kinds kyaml does not know (CRDs). */
export function schemaForKind(apiVersion: string, kind: string): TypeNode | undefined {
  return KIND_TABLE.get(`${apiVersion}|${kind}`);
}

export function fieldSchema(type: TypeNode | undefined, field: string): FieldNode | undefined {
  return type?.fields.get(field);
}
