import type { AdmissionRequest } from '../../api/admission.js';
import type { GroupVersionKind } from '../../api/kube.js';

export interface MatchInput {
  /** kind (GVK), subResource, operation, userInfo, namespace, name of the request. */
  request: AdmissionRequest;
  /** The object to match: `object`, or `oldObject` on DELETE. */
  resource: unknown;
  roles: string[];
  clusterRoles: string[];
  /** Labels of a namespace, from the ClusterSnapshot; undefined = unknown (matched as no labels, like the Kyverno CLI). */
  namespaceLabels(namespace: string): Record<string, string> | undefined;
  /** Set for a namespaced Policy: it applies only to resources in that namespace. */
  policyNamespace?: string;
  /**
   * The GVK of the top-level resource (`request.resource` without its subresource), which Kyverno resolves by
   * discovery: for `pods/exec` it is v1 Pod, not the request's PodExecOptions. When absent it is derived from the
   * request (see topLevelKind).
   */
  resourceKind?: GroupVersionKind;
}

export type MatchOutcome = { matched: true } | { matched: false; reason: string };
