import { mergedOrError, yaml } from './helpers.js';

type Case = [name: string, resource: string, patch: string, expected: string];

describe('strategicMerge: lists of the built-in kinds (kyaml v1.21.2 schema)', () => {
  it.each<Case>([
    [
      'containers merge by name; patch elements first, then the unmentioned originals',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: a1}, {name: b, image: b1}, {name: c, image: c1}]}',
      'spec: {containers: [{name: c, image: c2}, {name: d, image: d1}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, image: c2}, {name: d, image: d1}, {name: a, image: a1}, {name: b, image: b1}]}',
    ],
    [
      'a new container goes first (kustomize prepend direction)',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: foo1}, {name: foo2}]}}}',
      'spec: {template: {spec: {containers: [{name: foo0}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: foo0}, {name: foo1}, {name: foo2}]}}}',
    ],
    [
      'env merges by name inside a matched container; args (no strategy) are replaced',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, args: [x, y], env: [{name: E1, value: "1"}, {name: E2, value: "2"}]}]}',
      'spec: {containers: [{name: a, args: [z], env: [{name: E2, value: "3"}, {name: E3, value: "4"}]}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, args: [z], env: [{name: E2, value: "3"}, {name: E3, value: "4"}, {name: E1, value: "1"}]}]}',
    ],
    [
      'initContainers, volumes, volumeMounts and imagePullSecrets merge by their keys',
      `apiVersion: v1
kind: Pod
spec:
  initContainers: [{name: i, volumeMounts: [{name: v, mountPath: /a}]}]
  volumes: [{name: v, emptyDir: {}}]
  imagePullSecrets: [{name: s1}]`,
      `spec:
  initContainers: [{name: i, volumeMounts: [{name: w, mountPath: /b}]}]
  volumes: [{name: w, configMap: {name: cm}}]
  imagePullSecrets: [{name: s1}, {name: s2}]`,
      `apiVersion: v1
kind: Pod
spec:
  initContainers: [{name: i, volumeMounts: [{name: w, mountPath: /b}, {name: v, mountPath: /a}]}]
  volumes: [{name: w, configMap: {name: cm}}, {name: v, emptyDir: {}}]
  imagePullSecrets: [{name: s1}, {name: s2}]`,
    ],
    [
      'a volumeMount with the same mountPath is merged even when its name changes',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, volumeMounts: [{name: v, mountPath: /a}]}]}',
      'spec: {containers: [{name: a, volumeMounts: [{name: w, mountPath: /a, readOnly: true}]}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, volumeMounts: [{name: w, mountPath: /a, readOnly: true}]}]}',
    ],
    [
      'tolerations have no merge key: replaced',
      'apiVersion: v1\nkind: Pod\nspec: {tolerations: [{key: a, operator: Exists}]}',
      'spec: {tolerations: [{key: b, operator: Exists}]}',
      'apiVersion: v1\nkind: Pod\nspec: {tolerations: [{key: b, operator: Exists}]}',
    ],
    [
      'dnsConfig.options have no merge key: replaced',
      'apiVersion: v1\nkind: Pod\nspec: {dnsConfig: {options: [{name: ndots, value: "5"}, {name: timeout, value: "2"}]}}',
      'spec: {dnsConfig: {options: [{name: ndots, value: "1"}]}}',
      'apiVersion: v1\nkind: Pod\nspec: {dnsConfig: {options: [{name: ndots, value: "1"}]}}',
    ],
    [
      'fields newer than v1.21 (resourceClaims) are unknown to kyaml: replaced',
      'apiVersion: v1\nkind: Pod\nspec: {resourceClaims: [{name: a}]}',
      'spec: {resourceClaims: [{name: b}]}',
      'apiVersion: v1\nkind: Pod\nspec: {resourceClaims: [{name: b}]}',
    ],
    [
      'hostAliases merge by ip',
      'apiVersion: v1\nkind: Pod\nspec: {hostAliases: [{ip: 1.1.1.1, hostnames: [a]}]}',
      'spec: {hostAliases: [{ip: 2.2.2.2, hostnames: [b]}, {ip: 1.1.1.1, hostnames: [c]}]}',
      'apiVersion: v1\nkind: Pod\nspec: {hostAliases: [{ip: 2.2.2.2, hostnames: [b]}, {ip: 1.1.1.1, hostnames: [c]}]}',
    ],
    [
      'container ports: keys containerPort+protocol, so another protocol is another port',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: c, ports: [{containerPort: 8080, protocol: TCP}]}]}}}',
      'spec: {template: {spec: {containers: [{name: c, ports: [{containerPort: 8080, protocol: UDP}, {containerPort: 80, protocol: UDP}]}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: c, ports: [{containerPort: 8080, protocol: UDP}, {containerPort: 80, protocol: UDP}, {containerPort: 8080, protocol: TCP}]}]}}}',
    ],
    [
      'container ports: a port without protocol matches the original with that number',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 81, protocol: TCP}]}]}',
      'spec: {containers: [{name: c, ports: [{containerPort: 81, name: http}]}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: c, ports: [{containerPort: 81, protocol: TCP, name: http}, {containerPort: 80, protocol: TCP}]}]}',
    ],
    [
      'keys compare as text: 80 and "80" are the same port (the patch scalar wins)',
      'apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80, protocol: TCP, targetPort: 8080}]}',
      'spec: {ports: [{port: "80", protocol: TCP, targetPort: 9090}]}',
      'apiVersion: v1\nkind: Service\nspec: {ports: [{port: "80", protocol: TCP, targetPort: 9090}]}',
    ],
    [
      'topologySpreadConstraints: keys topologyKey+whenUnsatisfiable',
      'apiVersion: v1\nkind: Pod\nspec: {topologySpreadConstraints: [{topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}]}',
      'spec: {topologySpreadConstraints: [{topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, maxSkew: 2}, {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 3}]}',
      'apiVersion: v1\nkind: Pod\nspec: {topologySpreadConstraints: [{topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, maxSkew: 2}, {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 3}]}',
    ],
    [
      'CronJob pod template lives at spec.jobTemplate.spec.template',
      'apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: a, image: x}]}}}}}',
      'spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: b, image: y}]}}}}}',
      'apiVersion: batch/v1\nkind: CronJob\nspec: {jobTemplate: {spec: {template: {spec: {containers: [{name: b, image: y}, {name: a, image: x}]}}}}}',
    ],
    [
      'StatefulSet, DaemonSet, ReplicaSet and Job templates merge too',
      'apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {volumes: [{name: a}]}}}',
      'spec: {template: {spec: {volumes: [{name: b}]}}}',
      'apiVersion: batch/v1\nkind: Job\nspec: {template: {spec: {volumes: [{name: b}, {name: a}]}}}',
    ],
    [
      'finalizers: a set, patch values first, no duplicates',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {finalizers: [a, b, a]}',
      'metadata: {finalizers: [c, b, c]}',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {finalizers: [c, b, a]}',
    ],
    [
      'ownerReferences merge by uid',
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {ownerReferences: [{uid: u1, name: a}]}',
      'metadata: {ownerReferences: [{uid: u2, name: b}, {uid: u1, controller: true}]}',
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {ownerReferences: [{uid: u2, name: b}, {uid: u1, name: a, controller: true}]}',
    ],
    [
      'pod template metadata is ObjectMeta (finalizers merge)',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {metadata: {finalizers: [a]}}}',
      'spec: {template: {metadata: {finalizers: [b]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {metadata: {finalizers: [b, a]}}}',
    ],
    [
      'ServiceAccount secrets merge by name',
      'apiVersion: v1\nkind: ServiceAccount\nsecrets: [{name: a}]',
      'secrets: [{name: b}]',
      'apiVersion: v1\nkind: ServiceAccount\nsecrets: [{name: b}, {name: a}]',
    ],
    [
      'Node podCIDRs are a set; status conditions merge by type',
      'apiVersion: v1\nkind: Node\nspec: {podCIDRs: [10.0.0.0/24]}\nstatus: {conditions: [{type: Ready, status: "True"}]}',
      'spec: {podCIDRs: [10.0.1.0/24]}\nstatus: {conditions: [{type: Ready, status: "False"}]}',
      'apiVersion: v1\nkind: Node\nspec: {podCIDRs: [10.0.1.0/24, 10.0.0.0/24]}\nstatus: {conditions: [{type: Ready, status: "False"}]}',
    ],
    [
      'RBAC rules have no merge key: replaced (but the kind is known)',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {finalizers: [a]}\nrules: [{apiGroups: [""], verbs: [get]}]',
      'metadata: {finalizers: [b]}\nrules: [{apiGroups: [apps], verbs: [list]}]',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {finalizers: [b, a]}\nrules: [{apiGroups: [apps], verbs: [list]}]',
    ],
    [
      'a patch element without its merge key is dropped, like kyaml does',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: x}]}',
      'spec: {containers: [{}, {image: y}, {name: b}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: b}, {name: a, image: x}]}',
    ],
    [
      'duplicate patch elements: only the first counts',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: x}]}',
      'spec: {containers: [{name: a, image: y}, {name: a, image: z}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: y}]}',
    ],
    [
      'original elements without a key are kept, after the keyed ones',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{image: anon}, {name: a}]}',
      'spec: {containers: [{name: b}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: b}, {name: a}, {image: anon}]}',
    ],
    [
      'a list the original lacks is taken from the patch',
      'apiVersion: v1\nkind: Pod\nspec: {}',
      'spec: {imagePullSecrets: [{name: s}]}',
      'apiVersion: v1\nkind: Pod\nspec: {imagePullSecrets: [{name: s}]}',
    ],
    [
      'null removes a merging list',
      'apiVersion: v1\nkind: Pod\nspec: {imagePullSecrets: [{name: s}], containers: [{name: a}]}',
      'spec: {imagePullSecrets: null}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}',
    ],
  ])('%s', (_name, resource, patch, expected) => {
    expect(mergedOrError(resource, patch)).toEqual(yaml(expected));
  });
});

describe('strategicMerge: kinds kyaml has no schema for (CRDs)', () => {
  it.each<Case>([
    [
      'lists are replaced, even ones whose elements carry associative keys',
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {templates: [{name: a, container: {image: x, command: [run]}}]}',
      'spec: {templates: [{name: a, container: {resources: {requests: {cpu: 1}}}}]}',
      'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec: {templates: [{name: a, container: {resources: {requests: {cpu: 1}}}}]}',
    ],
    [
      'metadata.finalizers are replaced too',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {finalizers: [a]}',
      'metadata: {finalizers: [b]}',
      'apiVersion: example.com/v1\nkind: Widget\nmetadata: {finalizers: [b]}',
    ],
    [
      'a built-in kind under an unknown apiVersion has no schema',
      'apiVersion: apps/v1beta1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: a}]}}}',
      'spec: {template: {spec: {containers: [{name: b}]}}}',
      'apiVersion: apps/v1beta1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: b}]}}}',
    ],
    [
      'maps still merge',
      'apiVersion: example.com/v1\nkind: Widget\nspec: {a: {b: 1, c: 2}}',
      'spec: {a: {c: 3, d: 4}}',
      'apiVersion: example.com/v1\nkind: Widget\nspec: {a: {b: 1, c: 3, d: 4}}',
    ],
  ])('%s', (_name, resource, patch, expected) => {
    expect(mergedOrError(resource, patch)).toEqual(yaml(expected));
  });
});
