/**
 * metav1.LabelSelector evaluation as Kyverno does it for `selector` and `namespaceSelector`: wildcard keys/values
 * in matchLabels are first expanded against the actual labels, then the selector is validated and matched the way
 * Kubernetes' LabelSelectorAsSelector does it (an invalid selector is an error, not a non-match).
 */
import type { LabelSelector } from '../../api/kube.js';
import { isRecord } from '../../api/json.js';
import { containsWildcard, wildcardMatch } from '../values/index.js';

export type SelectorResult = { ok: true; matched: boolean } | { ok: false; error: string };

const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function labelKeyError(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return `invalid label key "${key}": at most one "/" is allowed`;
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    const prefix = parts[0];
    if (prefix.length === 0) return `invalid label key "${key}": prefix part must be non-empty`;
    if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return `invalid label key "${key}": prefix must be a DNS subdomain`;
  }
  if (name.length === 0) return `invalid label key "${key}": name part must be non-empty`;
  if (name.length > 63 || !LABEL_NAME.test(name)) return `invalid label key "${key}": name part must be at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric`;
  return undefined;
}

function labelValueError(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value)) return `invalid label value "${value}": must be at most 63 alphanumeric characters, '-', '_' or '.', starting and ending with an alphanumeric`;
  return undefined;
}

/**
 * Kyverno replaces a wildcard matchLabels entry by the first actual label whose key and value both match it; with
 * none, by the pattern with `*` and `?` turned into `0` (a valid label that almost never exists).
 */
export function expandWildcardLabels(matchLabels: Record<string, string>, actual: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(matchLabels)) {
    if (!containsWildcard(key) && !containsWildcard(value)) {
      out[key] = value;
      continue;
    }
    const hit = Object.entries(actual).find(([k, v]) => wildcardMatch(key, k) && wildcardMatch(value, v));
    if (hit) out[hit[0]] = hit[1];
    else out[key.replace(/[*?]/g, '0')] = value.replace(/[*?]/g, '0');
  }
  return out;
}

type Requirement = { key: string; test: (labels: Record<string, string>) => boolean };

function buildRequirements(selector: LabelSelector, actual: Record<string, string>): { ok: true; reqs: Requirement[] } | { ok: false; error: string } {
  const reqs: Requirement[] = [];
  const rawLabels: unknown = selector.matchLabels;
  if (rawLabels !== undefined && rawLabels !== null) {
    if (!isRecord(rawLabels)) return { ok: false, error: 'matchLabels must be a map' };
    const strings: Record<string, string> = {};
    for (const [k, v] of Object.entries(rawLabels)) {
      if (typeof v !== 'string') return { ok: false, error: `matchLabels value of "${k}" must be a string` };
      strings[k] = v;
    }
    for (const [key, value] of Object.entries(expandWildcardLabels(strings, actual))) {
      const err = labelKeyError(key) ?? labelValueError(value);
      if (err) return { ok: false, error: err };
      reqs.push({ key, test: (l) => Object.hasOwn(l, key) && l[key] === value });
    }
  }
  const rawExprs: unknown = selector.matchExpressions;
  if (rawExprs !== undefined && rawExprs !== null) {
    if (!Array.isArray(rawExprs)) return { ok: false, error: 'matchExpressions must be a list' };
    for (const expr of rawExprs) {
      const built = buildExpression(expr);
      if (!built.ok) return built;
      reqs.push(built.req);
    }
  }
  return { ok: true, reqs };
}

function buildExpression(expr: unknown): { ok: true; req: Requirement } | { ok: false; error: string } {
  if (!isRecord(expr) || typeof expr.key !== 'string') return { ok: false, error: 'matchExpressions entry needs a string key' };
  const key = expr.key;
  const op: unknown = expr.operator;
  const rawValues: unknown = expr.values ?? [];
  if (!Array.isArray(rawValues) || !rawValues.every((v): v is string => typeof v === 'string')) {
    return { ok: false, error: `values of "${key}" must be a list of strings` };
  }
  const values: string[] = rawValues;
  const keyErr = labelKeyError(key);
  if (keyErr) return { ok: false, error: keyErr };
  switch (op) {
    case 'In':
    case 'NotIn': {
      if (values.length === 0) return { ok: false, error: `values of "${key}": for 'in', 'notin' operators, values set can't be empty` };
      for (const v of values) {
        const err = labelValueError(v);
        if (err) return { ok: false, error: err };
      }
      const set = new Set(values);
      const inSet = (l: Record<string, string>): boolean => Object.hasOwn(l, key) && set.has(l[key]);
      return { ok: true, req: { key, test: op === 'In' ? inSet : (l) => !inSet(l) } };
    }
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) return { ok: false, error: `values of "${key}": values set must be empty for exists and does not exist` };
      return { ok: true, req: { key, test: op === 'Exists' ? (l) => Object.hasOwn(l, key) : (l) => !Object.hasOwn(l, key) } };
    default:
      return { ok: false, error: `"${String(op)}" is not a valid label selector operator` };
  }
}

/** An empty selector (`{}`) selects everything, as in Kubernetes. */
export function evaluateLabelSelector(selector: LabelSelector, labels: Record<string, string>): SelectorResult {
  const built = buildRequirements(selector, labels);
  if (!built.ok) return built;
  return { ok: true, matched: built.reqs.every((r) => r.test(labels)) };
}
