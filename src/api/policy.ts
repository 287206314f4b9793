/**
 * Kyverno policy model (kyverno.io/v1 and v2beta1 ClusterPolicy / Policy), after schema validation.
 * Pattern, key and value data stay `unknown`: they are user data interpreted by the engine.
 */
import type { LabelSelector, ObjectMeta } from './kube.js';
import type { Operation } from './admission.js';

export type PolicyKind = 'ClusterPolicy' | 'Policy';

/** Enforce blocks the request; Audit records the failure and allows it. */
export type FailureAction = 'Enforce' | 'Audit';

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount' | string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface ResourceDescription {
  kinds?: string[];
  name?: string;
  names?: string[];
  namespaces?: string[];
  annotations?: Record<string, string>;
  selector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  operations?: Operation[];
}

/** One entry of match.any / match.all (and the legacy top-level form). */
export interface ResourceFilter {
  resources?: ResourceDescription;
  subjects?: Subject[];
  roles?: string[];
  clusterRoles?: string[];
}

export interface MatchResources {
  any?: ResourceFilter[];
  all?: ResourceFilter[];
  /** Legacy form: the filter fields directly under match / exclude. */
  resources?: ResourceDescription;
  subjects?: Subject[];
  roles?: string[];
  clusterRoles?: string[];
}

export interface Condition {
  key: unknown;
  operator: string;
  value?: unknown;
  message?: string;
}

export interface AnyAllConditions {
  any?: Condition[];
  all?: Condition[];
}

/** Kyverno accepts both `{any, all}` and a legacy plain list (all must hold). */
export type Conditions = AnyAllConditions | Condition[];

export interface VariableEntry {
  value?: unknown;
  jmesPath?: string;
  default?: unknown;
}

export interface ConfigMapReference {
  name: string;
  namespace?: string;
}

export interface ServiceCall {
  url: string;
  caBundle?: string;
  headers?: { key: string; value: string }[];
}

export interface ApiCall {
  urlPath?: string;
  method?: 'GET' | 'POST';
  data?: { key: string; value: unknown }[];
  service?: ServiceCall;
  jmesPath?: string;
  default?: unknown;
}

export interface ImageRegistryEntry {
  reference: string;
  jmesPath?: string;
  imageRegistryCredentials?: unknown;
}

export interface GlobalReferenceEntry {
  name: string;
  jmesPath?: string;
}

export interface ContextEntry {
  name: string;
  variable?: VariableEntry;
  configMap?: ConfigMapReference;
  apiCall?: ApiCall;
  imageRegistry?: ImageRegistryEntry;
  globalReference?: GlobalReferenceEntry;
}

export interface Deny {
  conditions?: Conditions;
}

export interface ForEachValidation {
  list: string;
  elementScope?: boolean;
  context?: ContextEntry[];
  preconditions?: Conditions;
  pattern?: unknown;
  anyPattern?: unknown[];
  deny?: Deny;
  foreach?: ForEachValidation[];
}

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

export interface PodSecurityExclude {
  controlName: string;
  images?: string[];
  restrictedField?: string;
  values?: string[];
}

export interface PodSecurity {
  level: PodSecurityLevel;
  version?: string;
  exclude?: PodSecurityExclude[];
}

export interface FailureActionOverride {
  action: FailureAction;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
}

export interface Validation {
  message?: string;
  failureAction?: FailureAction;
  failureActionOverrides?: FailureActionOverride[];
  allowExistingViolations?: boolean;
  pattern?: unknown;
  anyPattern?: unknown[];
  deny?: Deny;
  foreach?: ForEachValidation[];
  podSecurity?: PodSecurity;
  cel?: unknown;
  manifests?: unknown;
}

export interface ForEachMutation {
  list: string;
  order?: 'Ascending' | 'Descending';
  context?: ContextEntry[];
  preconditions?: Conditions;
  patchStrategicMerge?: unknown;
  patchesJson6902?: string;
  foreach?: ForEachMutation[];
}

export interface Mutation {
  patchStrategicMerge?: unknown;
  patchesJson6902?: string;
  foreach?: ForEachMutation[];
  targets?: unknown[];
  mutateExistingOnPolicyUpdate?: boolean;
}

export interface Generation {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  synchronize?: boolean;
  orphanDownstreamOnPolicyDelete?: boolean;
  generateExisting?: boolean;
  data?: unknown;
  clone?: { name?: string; namespace?: string };
  cloneList?: { kinds?: string[]; namespace?: string; selector?: LabelSelector };
  foreach?: unknown[];
}

export interface Rule {
  name: string;
  match: MatchResources;
  exclude?: MatchResources;
  context?: ContextEntry[];
  preconditions?: Conditions;
  celPreconditions?: unknown[];
  skipBackgroundRequests?: boolean;
  validate?: Validation;
  mutate?: Mutation;
  generate?: Generation;
  verifyImages?: unknown[];
}

export interface PolicySpec {
  rules: Rule[];
  validationFailureAction?: FailureAction;
  validationFailureActionOverrides?: FailureActionOverride[];
  background?: boolean;
  failurePolicy?: 'Fail' | 'Ignore';
  webhookTimeoutSeconds?: number;
  applyRules?: 'One' | 'All';
  admission?: boolean;
  schemaValidation?: boolean;
  useServerSideApply?: boolean;
  mutateExistingOnPolicyUpdate?: boolean;
  generateExisting?: boolean;
  webhookConfiguration?: { failurePolicy?: 'Fail' | 'Ignore'; timeoutSeconds?: number; matchConditions?: unknown[] };
}

export interface Policy {
  apiVersion: string;
  kind: PolicyKind;
  metadata: ObjectMeta & { name: string };
  spec: PolicySpec;
}

/** What the API server does when the webhook cannot answer; Tollgate applies it to deadline and internal errors too. */
export type FailurePolicy = 'Fail' | 'Ignore';

/** `webhookConfiguration.failurePolicy` wins over the older `spec.failurePolicy`; Kyverno's default is Fail. */
export function failurePolicyOf(policy: Policy): FailurePolicy {
  const spec = policy.spec;
  return (spec.webhookConfiguration?.failurePolicy ?? spec.failurePolicy) === 'Ignore' ? 'Ignore' : 'Fail';
}

/** Where a loaded policy came from, for error messages and reports. */
export interface PolicySource {
  file: string;
  /** 1-based index of the YAML document in the file. */
  document: number;
}

/** The kind of work a rule does; exactly one per rule. */
export type RuleType = 'validate' | 'mutate' | 'generate' | 'verifyImages';

export function ruleType(rule: Rule): RuleType | undefined {
  if (rule.validate) return 'validate';
  if (rule.mutate) return 'mutate';
  if (rule.generate) return 'generate';
  if (rule.verifyImages) return 'verifyImages';
  return undefined;
}

/** A policy ready for the engine: validated, defaults applied, autogen rules appended. */
export interface LoadedPolicy {
  policy: Policy;
  /** `name` for ClusterPolicy, `namespace/name` for Policy. */
  key: string;
  /** The rules the engine runs, autogen rules included, in order. */
  rules: Rule[];
  source?: PolicySource;
}
