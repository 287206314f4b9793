/**
 * The `kind: Values` file of `kyverno test` / `kyverno apply --values-file`, and how it maps onto the engine's
 * InjectedValues: `globalValues` < `policies[].resources[].values` for the whole context; `policies[].rules[]`
 * values and foreachValues per rule (also under the rule's `autogen-` names); namespace labels for selectors.
 */
import { isRecord } from '../../api/json.js';
import type { KubeObject } from '../../api/kube.js';
import type { InjectedValues } from '../../engine/index.js';
import { field, optionalList, optionalRecord, optionalString } from './fields.js';

export interface RuleValues {
  name: string;
  values: Record<string, unknown>;
  foreachValues: Record<string, unknown[]>;
}

export interface ResourceValues {
  name: string;
  values: Record<string, unknown>;
}

export interface PolicyValues {
  name: string;
  rules: RuleValues[];
  resources: ResourceValues[];
}

export interface ValuesFile {
  globalValues: Record<string, unknown>;
  policies: PolicyValues[];
  /** Namespace name -> labels, from `namespaceSelector` entries and `namespaces` objects (which win). */
  namespaces: Map<string, KubeObject>;
}

export const EMPTY_VALUES: ValuesFile = { globalValues: {}, policies: [], namespaces: new Map() };

export type ParseValuesResult = { ok: true; value: ValuesFile } | { ok: false; error: string };

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function namedEntries(raw: Record<string, unknown>, name: string, where: string): { ok: true; value: Record<string, unknown>[] } | { ok: false; error: string } {
  const list = optionalList(raw, name, where);
  if (!list.ok) return list;
  const out: Record<string, unknown>[] = [];
  for (const [i, item] of (list.value ?? []).entries()) {
    if (!isRecord(item)) return { ok: false, error: `${where}.${name}[${i}]: expected a mapping` };
    const itemName = optionalString(item, 'name', `${where}.${name}[${i}]`);
    if (!itemName.ok) return itemName;
    if (!itemName.value) return { ok: false, error: `${where}.${name}[${i}].name: required` };
    out.push(item);
  }
  return { ok: true, value: out };
}

function recordField(raw: Record<string, unknown>, name: string, where: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const r = optionalRecord(raw, name, where);
  return r.ok ? { ok: true, value: r.value ?? {} } : r;
}

function parseForeachValues(raw: Record<string, unknown>, where: string): { ok: true; value: Record<string, unknown[]> } | { ok: false; error: string } {
  const r = recordField(raw, 'foreachValues', where);
  if (!r.ok) return r;
  const out: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(r.value)) {
    if (!Array.isArray(v)) return { ok: false, error: `${where}.foreachValues.${k}: expected a list` };
    out[k] = v;
  }
  return { ok: true, value: out };
}

function parsePolicy(raw: Record<string, unknown>, where: string): { ok: true; value: PolicyValues } | { ok: false; error: string } {
  const rules = namedEntries(raw, 'rules', where);
  if (!rules.ok) return rules;
  const resources = namedEntries(raw, 'resources', where);
  if (!resources.ok) return resources;
  const policy: PolicyValues = { name: String(field(raw, 'name')).trim(), rules: [], resources: [] };
  for (const [i, rule] of rules.value.entries()) {
    const at = `${where}.rules[${i}]`;
    const values = recordField(rule, 'values', at);
    if (!values.ok) return values;
    const foreach = parseForeachValues(rule, at);
    if (!foreach.ok) return foreach;
    policy.rules.push({ name: String(field(rule, 'name')).trim(), values: values.value, foreachValues: foreach.value });
  }
  for (const [i, resource] of resources.value.entries()) {
    const values = recordField(resource, 'values', `${where}.resources[${i}]`);
    if (!values.ok) return values;
    policy.resources.push({ name: String(field(resource, 'name')).trim(), values: values.value });
  }
  return { ok: true, value: policy };
}

export function parseValuesFile(raw: unknown, where = 'values'): ParseValuesResult {
  if (!isRecord(raw)) return { ok: false, error: `${where}: expected a mapping` };
  const globalValues = recordField(raw, 'globalValues', where);
  if (!globalValues.ok) return globalValues;
  const policies = namedEntries(raw, 'policies', where);
  if (!policies.ok) return policies;
  const selectors = namedEntries(raw, 'namespaceSelector', where);
  if (!selectors.ok) return selectors;
  const nsObjects = optionalList(raw, 'namespaces', where);
  if (!nsObjects.ok) return nsObjects;

  const out: ValuesFile = { globalValues: globalValues.value, policies: [], namespaces: new Map() };
  for (const [i, p] of policies.value.entries()) {
    const parsed = parsePolicy(p, `${where}.policies[${i}]`);
    if (!parsed.ok) return parsed;
    out.policies.push(parsed.value);
  }
  for (const s of selectors.value) {
    const name = String(field(s, 'name')).trim();
    out.namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: stringMap(field(s, 'labels')) } });
  }
  for (const [i, ns] of (nsObjects.value ?? []).entries()) {
    const meta = isRecord(ns) ? field(ns, 'metadata') : undefined;
    const name = isRecord(meta) ? field(meta, 'name') : undefined;
    if (!isRecord(meta) || typeof name !== 'string' || name === '') return { ok: false, error: `${where}.namespaces[${i}].metadata.name: required` };
    // The CLI does not check the kind string (`kind: namespace` occurs); the object is a Namespace either way.
    out.namespaces.set(name, { apiVersion: 'v1', kind: 'Namespace', metadata: { ...meta, name, labels: stringMap(field(meta, 'labels')) } });
  }
  return { ok: true, value: out };
}

/** The context values for one policy applied to one resource: globalValues, then that resource's values. */
export function resourceValues(values: ValuesFile, policy: string, resourceName: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values.globalValues };
  for (const p of values.policies) {
    if (p.name !== policy) continue;
    for (const r of p.resources) if (r.name === resourceName) Object.assign(out, r.values);
  }
  return out;
}

/** The values entry of a rule; autogen rules (`autogen-x`, `autogen-cronjob-x`) share the values of `x`. */
export function findRuleValues(values: ValuesFile, policy: string, rule: string): RuleValues | undefined {
  for (const p of values.policies) {
    if (p.name !== policy) continue;
    const hit = p.rules.find((r) => rule === r.name || rule === `autogen-${r.name}` || rule === `autogen-cronjob-${r.name}`);
    if (hit) return hit;
  }
  return undefined;
}

export function toInjectedValues(values: ValuesFile, policy: string, resourceName: string): InjectedValues {
  const global = resourceValues(values, policy, resourceName);
  return {
    global,
    rule: (p, r) => {
      const hit = findRuleValues(values, p, r);
      return hit && Object.keys(hit.values).length > 0 ? hit.values : undefined;
    },
    foreach: (p, r) => {
      const hit = findRuleValues(values, p, r);
      return hit && Object.keys(hit.foreachValues).length > 0 ? hit.foreachValues : undefined;
    },
  };
}
