/**
 * admissionregistration.k8s.io/v1 webhook configurations, only the fields Tollgate writes. Structurally
 * compatible with @kubernetes/client-node's V1ValidatingWebhookConfiguration / V1MutatingWebhookConfiguration.
 */
import type { LabelSelector } from '../api/kube.js';
import type { Operation } from '../api/admission.js';
import type { FailurePolicy } from '../api/policy.js';

export type { FailurePolicy };
export type SideEffects = 'None' | 'NoneOnDryRun';

export interface RuleWithOperations {
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  operations: Operation[];
  scope: '*';
}

export interface ServiceReference {
  name: string;
  namespace: string;
  path: string;
  port: number;
}

/** Exactly one of `url` (running outside the cluster) and `service`. */
export interface WebhookClientConfig {
  caBundle: string;
  url?: string;
  service?: ServiceReference;
}

export interface Webhook {
  name: string;
  clientConfig: WebhookClientConfig;
  rules: RuleWithOperations[];
  failurePolicy: FailurePolicy;
  matchPolicy: 'Equivalent';
  namespaceSelector: LabelSelector;
  sideEffects: SideEffects;
  timeoutSeconds: number;
  admissionReviewVersions: string[];
}

export type MutatingWebhook = Webhook & { reinvocationPolicy: 'Never' | 'IfNeeded' };

export interface ConfigurationMeta {
  name: string;
  labels: Record<string, string>;
}

export interface ValidatingWebhookConfiguration {
  apiVersion: 'admissionregistration.k8s.io/v1';
  kind: 'ValidatingWebhookConfiguration';
  metadata: ConfigurationMeta;
  webhooks: Webhook[];
}

export interface MutatingWebhookConfiguration {
  apiVersion: 'admissionregistration.k8s.io/v1';
  kind: 'MutatingWebhookConfiguration';
  metadata: ConfigurationMeta;
  webhooks: MutatingWebhook[];
}

export interface WebhookConfigurations {
  validating: ValidatingWebhookConfiguration;
  mutating: MutatingWebhookConfiguration;
}

export interface WebhookOptions {
  /** PEM of the CA that signed the serving certificate. */
  caBundle: string;
  /** The Service in front of Tollgate; defaults to `tollgate` in `namespace`, port 443. */
  service?: { name: string; namespace: string; port?: number };
  /** `https://HOST:PORT` when Tollgate runs outside the cluster; wins over `service`. */
  url?: string;
  /** Tollgate's own namespace: never subject to its webhooks. */
  namespace: string;
}
