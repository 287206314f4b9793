/**
 * What a `generate` rule asks for: the objects to create (or keep in sync), described purely by the engine and
 * applied by the cluster side. The labels below are how generated objects are found again.
 */
import type { KubeObject } from './kube.js';

/** Where a cloned object's data came from. */
export interface CloneSourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export interface GeneratedObject {
  /** The policy key: `name` for ClusterPolicy, `namespace/name` for Policy. */
  policy: string;
  rule: string;
  /** The object to create or keep in sync, with Tollgate's ownership labels set (GENERATE_LABELS). */
  object: KubeObject;
  synchronize: boolean;
  orphanDownstreamOnPolicyDelete: boolean;
  /** For clone/cloneList: where the data came from (so a change of the source can be propagated). */
  cloneSource?: CloneSourceRef;
}

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'tollgate';
/** Every ownership label but managed-by starts with this prefix. */
export const GENERATE_LABEL_PREFIX = 'generate.tollgate.io/';

/**
 * Ownership labels of generated objects. Values are valid label values: a longer or otherwise invalid value is
 * cut and suffixed with a hash of the original (see the engine's `labelValue`); apiVersions have `/` replaced by
 * `-` (`apps/v1` -> `apps-v1`; a version never contains `-`, so the last `-` separates it again).
 */
export const GENERATE_LABELS = {
  policyName: `${GENERATE_LABEL_PREFIX}policy-name`,
  /** Empty for a ClusterPolicy. */
  policyNamespace: `${GENERATE_LABEL_PREFIX}policy-namespace`,
  ruleName: `${GENERATE_LABEL_PREFIX}rule-name`,
  triggerApiVersion: `${GENERATE_LABEL_PREFIX}trigger-apiversion`,
  triggerKind: `${GENERATE_LABEL_PREFIX}trigger-kind`,
  triggerNamespace: `${GENERATE_LABEL_PREFIX}trigger-namespace`,
  triggerName: `${GENERATE_LABEL_PREFIX}trigger-name`,
  /** Empty when the trigger has no uid yet (a CREATE: the API server assigns it after admission). */
  triggerUid: `${GENERATE_LABEL_PREFIX}trigger-uid`,
  /** On clones only: the source object. */
  sourceApiVersion: `${GENERATE_LABEL_PREFIX}source-apiversion`,
  sourceKind: `${GENERATE_LABEL_PREFIX}source-kind`,
  sourceNamespace: `${GENERATE_LABEL_PREFIX}source-namespace`,
  sourceName: `${GENERATE_LABEL_PREFIX}source-name`,
  /** Set (value "") by the cluster side on a clone source, so a change to it can be found and propagated. */
  cloneSource: `${GENERATE_LABEL_PREFIX}clone-source`,
} as const;
