/**
 * The ValidatingWebhookConfiguration and MutatingWebhookConfiguration a policy set needs: only the resources and
 * operations its rules match, one webhook per (failure policy, timeout), and a namespace selector that keeps
 * kube-system and Tollgate's own namespace out of reach so a broken webhook cannot lock the cluster out.
 */
import type { Operation } from '../api/admission.js';
import type { LabelSelector } from '../api/kube.js';
import { failurePolicyOf } from '../api/policy.js';
import type { LoadedPolicy, Rule } from '../api/policy.js';
import type { PolicySet } from '../policy/store/types.js';
import { RuleCollector } from './merge-rules.js';
import { matchTargets } from './rule-targets.js';
import type {
  FailurePolicy, MutatingWebhook, MutatingWebhookConfiguration, ValidatingWebhookConfiguration, Webhook, WebhookClientConfig,
  WebhookConfigurations, WebhookOptions,
} from './types.js';

export const VALIDATING_CONFIGURATION_NAME = 'tollgate-validating-webhook-configuration';
export const MUTATING_CONFIGURATION_NAME = 'tollgate-mutating-webhook-configuration';
export const VALIDATE_PATH = '/validate';
export const MUTATE_PATH = '/mutate';
export const DEFAULT_FAILURE_POLICY: FailurePolicy = 'Fail';
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const DEFAULT_SERVICE_NAME = 'tollgate';
export const DEFAULT_SERVICE_PORT = 443;
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Labels on both configurations: who manages them. */
export const CONFIGURATION_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/name': 'tollgate', 'app.kubernetes.io/managed-by': 'tollgate' };

const MUTATE_OPERATIONS: readonly Operation[] = ['CREATE', 'UPDATE'];
const POLICY_WEBHOOK_NAME = 'policies.validate.tollgate.io';

type Flavour = 'validate' | 'mutate';

interface Group {
  flavour: Flavour;
  failurePolicy: FailurePolicy;
  timeoutSeconds: number;
  collector: RuleCollector;
  generates: boolean;
}

/** Kyverno's newer `webhookConfiguration` block wins over the older top-level fields. */
export function policyWebhookSettings(lp: LoadedPolicy): { failurePolicy: FailurePolicy; timeoutSeconds: number } {
  const spec = lp.policy.spec;
  return {
    failurePolicy: failurePolicyOf(lp.policy),
    timeoutSeconds: spec.webhookConfiguration?.timeoutSeconds ?? spec.webhookTimeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  };
}

/** Which webhook sees a rule: generate rules are triggered from the validating webhook, as in Kyverno. */
function ruleFlavour(rule: Rule): Flavour | undefined {
  if (rule.validate || rule.generate) return 'validate';
  if (rule.mutate) return 'mutate';
  // verifyImages is not evaluated by the engine: registering it would only add latency.
  return undefined;
}

export function excludedNamespaces(namespace: string): LabelSelector {
  const values = [...new Set(['kube-system', namespace])].sort();
  return { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values }] };
}

function clientConfig(options: WebhookOptions, path: string): WebhookClientConfig {
  const caBundle = Buffer.from(options.caBundle, 'utf8').toString('base64');
  if (options.url !== undefined) return { caBundle, url: `${options.url.replace(/\/+$/, '')}${path}` };
  const service = options.service ?? { name: DEFAULT_SERVICE_NAME, namespace: options.namespace };
  return { caBundle, service: { name: service.name, namespace: service.namespace, path, port: service.port ?? DEFAULT_SERVICE_PORT } };
}

function collectGroups(set: PolicySet): Group[] {
  const groups = new Map<string, Group>();
  for (const lp of set.policies) {
    // admission: false policies only run in background scans.
    if (lp.policy.spec.admission === false) continue;
    const { failurePolicy, timeoutSeconds } = policyWebhookSettings(lp);
    for (const rule of lp.rules) {
      const flavour = ruleFlavour(rule);
      if (flavour === undefined) continue;
      const k = `${flavour}/${failurePolicy}/${timeoutSeconds}`;
      const group = groups.get(k) ?? { flavour, failurePolicy, timeoutSeconds, collector: new RuleCollector(), generates: false };
      groups.set(k, group);
      if (rule.generate) group.generates = true;
      for (const { targets, operations } of matchTargets(rule.match)) {
        group.collector.add(targets, flavour === 'mutate' ? operations.filter((op) => MUTATE_OPERATIONS.includes(op)) : operations);
      }
    }
  }
  return [...groups.values()].filter((g) => !g.collector.empty);
}

function webhookFor(group: Group, options: WebhookOptions): Webhook {
  return {
    name: `${group.flavour}-${group.failurePolicy.toLowerCase()}-${group.timeoutSeconds}s.tollgate.io`,
    clientConfig: clientConfig(options, group.flavour === 'validate' ? VALIDATE_PATH : MUTATE_PATH),
    rules: group.collector.rules(),
    failurePolicy: group.failurePolicy,
    matchPolicy: 'Equivalent',
    namespaceSelector: excludedNamespaces(options.namespace),
    sideEffects: group.generates ? 'NoneOnDryRun' : 'None',
    timeoutSeconds: group.timeoutSeconds,
    admissionReviewVersions: ['v1', 'v1beta1'],
  };
}

/**
 * The server checks ClusterPolicy / Policy objects at admission. Ignore: an unreachable Tollgate must not stop
 * anyone from fixing policies (the CRD schema still rejects malformed ones).
 */
function policyWebhook(options: WebhookOptions): Webhook {
  return {
    name: POLICY_WEBHOOK_NAME,
    clientConfig: clientConfig(options, VALIDATE_PATH),
    rules: [{ apiGroups: ['kyverno.io'], apiVersions: ['*'], resources: ['clusterpolicies', 'policies'], operations: ['CREATE', 'UPDATE'], scope: '*' }],
    failurePolicy: 'Ignore',
    matchPolicy: 'Equivalent',
    namespaceSelector: excludedNamespaces(options.namespace),
    sideEffects: 'None',
    timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
    admissionReviewVersions: ['v1', 'v1beta1'],
  };
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function webhookConfigurations(set: PolicySet, options: WebhookOptions): WebhookConfigurations {
  const groups = collectGroups(set);
  const validating: ValidatingWebhookConfiguration = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingWebhookConfiguration',
    metadata: { name: VALIDATING_CONFIGURATION_NAME, labels: { ...CONFIGURATION_LABELS } },
    webhooks: [policyWebhook(options), ...groups.filter((g) => g.flavour === 'validate').map((g) => webhookFor(g, options)).sort(byName)],
  };
  const mutating: MutatingWebhookConfiguration = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: MUTATING_CONFIGURATION_NAME, labels: { ...CONFIGURATION_LABELS } },
    webhooks: groups
      .filter((g) => g.flavour === 'mutate')
      .map((g): MutatingWebhook => ({ ...webhookFor(g, options), reinvocationPolicy: 'IfNeeded' }))
      .sort(byName),
  };
  return { validating, mutating };
}
