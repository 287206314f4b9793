/**
 * Ownership labels of generated objects (Kyverno's, under Tollgate's names). Label values are limited to 63
 * characters of `[A-Za-z0-9_.-]` starting and ending with an alphanumeric; names, uids and apiVersions may not
 * fit, so an unfit value is cut and suffixed with a hash of the whole value: still unique, still searchable.
 */
import forge from 'node-forge';
import { GENERATE_LABEL_PREFIX, GENERATE_LABELS, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type CloneSourceRef } from '../../../api/generate.js';

const MAX_LABEL_VALUE = 63;
const VALID_LABEL_VALUE = /^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const HASH_LENGTH = 10;

export function isValidLabelValue(value: string): boolean {
  return value.length <= MAX_LABEL_VALUE && VALID_LABEL_VALUE.test(value);
}

/** The value as is when it is a valid label value; else a readable prefix, `-`, and 10 hex digits of its SHA-256. */
export function labelValue(value: string): string {
  if (isValidLabelValue(value)) return value;
  const md = forge.md.sha256.create();
  md.update(value, 'utf8');
  const hash = md.digest().toHex().slice(0, HASH_LENGTH);
  const prefix = value
    .replace(/[^-A-Za-z0-9_.]/g, '-')
    .slice(0, MAX_LABEL_VALUE - HASH_LENGTH - 1)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
  return prefix ? `${prefix}-${hash}` : hash;
}

/** `apps/v1` -> `apps-v1`: label values cannot hold `/`. */
export const apiVersionLabel = (apiVersion: string): string => labelValue(apiVersion.replaceAll('/', '-'));

export interface TriggerInfo {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

export interface Ownership {
  policyName: string;
  /** '' for a ClusterPolicy. */
  policyNamespace: string;
  rule: string;
  trigger: TriggerInfo;
}

/** The object's own labels, without any previous `generate.tollgate.io/` ones, plus the ownership labels. */
export function ownershipLabels(existing: unknown, owner: Ownership, source?: CloneSourceRef): Record<string, string> {
  const labels: Record<string, string> = {};
  if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
    for (const [key, value] of Object.entries(existing)) {
      if (!key.startsWith(GENERATE_LABEL_PREFIX)) labels[key] = typeof value === 'string' ? value : String(value);
    }
  }
  labels[MANAGED_BY_LABEL] = MANAGED_BY_VALUE;
  labels[GENERATE_LABELS.policyName] = labelValue(owner.policyName);
  labels[GENERATE_LABELS.policyNamespace] = labelValue(owner.policyNamespace);
  labels[GENERATE_LABELS.ruleName] = labelValue(owner.rule);
  labels[GENERATE_LABELS.triggerApiVersion] = apiVersionLabel(owner.trigger.apiVersion);
  labels[GENERATE_LABELS.triggerKind] = labelValue(owner.trigger.kind);
  labels[GENERATE_LABELS.triggerNamespace] = labelValue(owner.trigger.namespace);
  labels[GENERATE_LABELS.triggerName] = labelValue(owner.trigger.name);
  labels[GENERATE_LABELS.triggerUid] = labelValue(owner.trigger.uid);
  if (source) {
    labels[GENERATE_LABELS.sourceApiVersion] = apiVersionLabel(source.apiVersion);
    labels[GENERATE_LABELS.sourceKind] = labelValue(source.kind);
    labels[GENERATE_LABELS.sourceNamespace] = labelValue(source.namespace ?? '');
    labels[GENERATE_LABELS.sourceName] = labelValue(source.name);
  }
  return labels;
}
