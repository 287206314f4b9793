/**
 * Reading the ownership labels back: which policy, rule and trigger a generated object belongs to, and the label
 * selectors that find the objects of one trigger or one rule. The labels are the only record of what was
 * generated, so everything after a restart is rebuilt from them.
 */
import { GENERATE_LABEL_PREFIX, GENERATE_LABELS, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../api/generate.js';
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import { labelValue } from '../../engine/rules/generate/index.js';

/**
 * Set by the controller (not the engine): what deleting the policy does to the object, recorded when it is
 * written, so a policy deleted while no replica ran can still be cleaned up after a restart.
 */
export const ON_POLICY_DELETE_LABEL = `${GENERATE_LABEL_PREFIX}on-policy-delete`;
export type OnPolicyDelete = 'delete' | 'retain';

export type Labels = Record<string, string>;

/** `apps/v1` -> `apps-v1`, as the engine writes it. */
export const apiVersionLabel = (apiVersion: string): string => labelValue(apiVersion.replaceAll('/', '-'));

/** `apps-v1` -> `apps/v1`; a version never contains `-`. */
export function apiVersionFromLabel(value: string): string {
  const dash = value.lastIndexOf('-');
  return dash < 0 ? value : `${value.slice(0, dash)}/${value.slice(dash + 1)}`;
}

export interface Owner {
  policyName: string;
  policyNamespace: string;
  rule: string;
  trigger: { apiVersion: string; kind: string; namespace: string; name: string; uid: string };
  source?: { apiVersion: string; kind: string; namespace: string; name: string };
  onPolicyDelete?: OnPolicyDelete;
}

export function isGenerated(object: KubeObject): boolean {
  const labels = object.metadata.labels;
  return labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && typeof labels[GENERATE_LABELS.policyName] === 'string' && typeof labels[GENERATE_LABELS.ruleName] === 'string';
}

/** The owner as labelled (label values: possibly shortened with a hash), or undefined for other objects. */
export function ownerOf(object: KubeObject): Owner | undefined {
  if (!isGenerated(object)) return undefined;
  const l = object.metadata.labels ?? {};
  const get = (key: string): string => l[key] ?? '';
  const owner: Owner = {
    policyName: get(GENERATE_LABELS.policyName),
    policyNamespace: get(GENERATE_LABELS.policyNamespace),
    rule: get(GENERATE_LABELS.ruleName),
    trigger: {
      apiVersion: get(GENERATE_LABELS.triggerApiVersion),
      kind: get(GENERATE_LABELS.triggerKind),
      namespace: get(GENERATE_LABELS.triggerNamespace),
      name: get(GENERATE_LABELS.triggerName),
      uid: get(GENERATE_LABELS.triggerUid),
    },
  };
  if (l[GENERATE_LABELS.sourceKind] !== undefined) {
    owner.source = { apiVersion: get(GENERATE_LABELS.sourceApiVersion), kind: get(GENERATE_LABELS.sourceKind), namespace: get(GENERATE_LABELS.sourceNamespace), name: get(GENERATE_LABELS.sourceName) };
  }
  const onDelete = l[ON_POLICY_DELETE_LABEL];
  if (onDelete === 'delete' || onDelete === 'retain') owner.onPolicyDelete = onDelete;
  return owner;
}

/** The labels that name a trigger (without its uid: a recreated trigger keeps its objects, relabelled). */
export function triggerSelector(trigger: KubeObject): Labels {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [GENERATE_LABELS.triggerApiVersion]: apiVersionLabel(trigger.apiVersion),
    [GENERATE_LABELS.triggerKind]: labelValue(trigger.kind),
    [GENERATE_LABELS.triggerNamespace]: labelValue(trigger.metadata.namespace ?? ''),
    [GENERATE_LABELS.triggerName]: labelValue(trigger.metadata.name ?? ''),
  };
}

export function ruleSelector(lp: LoadedPolicy, rule: Rule): Labels {
  return { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, ...ruleLabels(lp, rule.name) };
}

function ruleLabels(lp: LoadedPolicy, rule: string): Labels {
  return {
    [GENERATE_LABELS.policyName]: labelValue(lp.policy.metadata.name),
    [GENERATE_LABELS.policyNamespace]: labelValue(lp.policy.kind === 'Policy' ? (lp.policy.metadata.namespace ?? '') : ''),
    [GENERATE_LABELS.ruleName]: labelValue(rule),
  };
}

export const MANAGED_SELECTOR: Labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };

export function sourceSelector(source: KubeObject): Labels {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [GENERATE_LABELS.sourceApiVersion]: apiVersionLabel(source.apiVersion),
    [GENERATE_LABELS.sourceKind]: labelValue(source.kind),
    [GENERATE_LABELS.sourceNamespace]: labelValue(source.metadata.namespace ?? ''),
    [GENERATE_LABELS.sourceName]: labelValue(source.metadata.name ?? ''),
  };
}

export function selectorText(labels: Labels): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

export function matchesLabels(object: KubeObject, labels: Labels): boolean {
  const own = object.metadata.labels ?? {};
  return Object.entries(labels).every(([k, v]) => own[k] === v);
}

/** The identity of a trigger as its objects' labels record it. */
export function triggerKeyOf(owner: Owner): string {
  const t = owner.trigger;
  return `${t.apiVersion}|${t.kind}|${t.namespace}|${t.name}`;
}

export function triggerKey(trigger: KubeObject): string {
  return `${apiVersionLabel(trigger.apiVersion)}|${labelValue(trigger.kind)}|${labelValue(trigger.metadata.namespace ?? '')}|${labelValue(trigger.metadata.name ?? '')}`;
}

/** `policyLabel|namespaceLabel|ruleLabel`: a rule as its objects' labels record it. */
export function ruleKeyOf(owner: Owner): string {
  return `${owner.policyName}|${owner.policyNamespace}|${owner.rule}`;
}

export function ruleKey(lp: LoadedPolicy, rule: string): string {
  const l = ruleLabels(lp, rule);
  return `${l[GENERATE_LABELS.policyName]}|${l[GENERATE_LABELS.policyNamespace]}|${l[GENERATE_LABELS.ruleName]}`;
}

/** The labels of one trigger exactly as an object records them (values possibly shortened). */
export function ownerTriggerSelector(owner: Owner): Labels {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [GENERATE_LABELS.triggerApiVersion]: owner.trigger.apiVersion,
    [GENERATE_LABELS.triggerKind]: owner.trigger.kind,
    [GENERATE_LABELS.triggerNamespace]: owner.trigger.namespace,
    [GENERATE_LABELS.triggerName]: owner.trigger.name,
  };
}
