/**
 * Kyverno matches kinds against the top-level resource of a request, so `Pod/exec` selects `pods/exec` although the
 * request's kind is PodExecOptions. Kyverno asks discovery; the engine has none, so the caller may pass the answer
 * (MatchInput.resourceKind) and otherwise built-in resources with subresources are resolved from this table.
 */
import type { AdmissionRequest } from '../../api/admission.js';
import type { GroupVersionKind } from '../../api/kube.js';

// group/resource -> kind, for built-in resources that have subresources.
const BUILTIN_KINDS: Readonly<Record<string, string>> = {
  '/pods': 'Pod',
  '/nodes': 'Node',
  '/services': 'Service',
  '/namespaces': 'Namespace',
  '/replicationcontrollers': 'ReplicationController',
  '/persistentvolumes': 'PersistentVolume',
  '/persistentvolumeclaims': 'PersistentVolumeClaim',
  '/serviceaccounts': 'ServiceAccount',
  '/resourcequotas': 'ResourceQuota',
  'apps/deployments': 'Deployment',
  'apps/replicasets': 'ReplicaSet',
  'apps/statefulsets': 'StatefulSet',
  'apps/daemonsets': 'DaemonSet',
  'batch/jobs': 'Job',
  'batch/cronjobs': 'CronJob',
  'autoscaling/horizontalpodautoscalers': 'HorizontalPodAutoscaler',
  'policy/poddisruptionbudgets': 'PodDisruptionBudget',
  'networking.k8s.io/ingresses': 'Ingress',
  'networking.k8s.io/networkpolicies': 'NetworkPolicy',
  'certificates.k8s.io/certificatesigningrequests': 'CertificateSigningRequest',
  'apiextensions.k8s.io/customresourcedefinitions': 'CustomResourceDefinition',
  'apiregistration.k8s.io/apiservices': 'APIService',
  'storage.k8s.io/volumeattachments': 'VolumeAttachment',
  'flowcontrol.apiserver.k8s.io/flowschemas': 'FlowSchema',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations': 'PriorityLevelConfiguration',
};

export function topLevelKind(request: AdmissionRequest, given?: GroupVersionKind): GroupVersionKind {
  if (given) return given;
  if (!request.subResource) return request.kind;
  const res = request.resource;
  const kind = res ? BUILTIN_KINDS[`${res.group}/${res.resource}`] : undefined;
  return kind ? { group: res.group, version: res.version, kind } : request.kind;
}
