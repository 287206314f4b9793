/**
 * Rule `context` entries, loaded in order; each later entry sees the earlier ones.
 * Cluster data comes only through the ClusterSnapshot. A lookup the snapshot cannot answer at all
 * (`unavailable`, as in `kyverno test`) leaves the entry to values injected by the caller.
 */
import type { ApiCall, ContextEntry, VariableEntry } from '../../api/policy.js';
import type { ClusterSnapshot, ServiceRequest } from '../../api/snapshot.js';
import type { Jmespath } from '../jmespath/types.js';
import { substituteAll } from '../variables/index.js';
import { withPath } from './dotted-path.js';
import { configMapOutsideNamespace, urlPathOutsideNamespace } from './namespace-scope.js';
import { projectOnce, type Projection } from './projection-memo.js';
import type { ContextData } from './request-context.js';

export interface ContextDeps {
  jmespath: Jmespath;
  snapshot: ClusterSnapshot;
  /** The namespace of a namespaced Policy: its context entries may read that namespace only. */
  policyNamespace?: string;
}

export type ContextLoad = { ok: true; data: ContextData } | { ok: false; message: string };

type EntryValue = { ok: true; value: unknown } | { ok: true; skip: true } | { ok: false; message: string };

export function loadContextEntries(entries: readonly ContextEntry[] | undefined, start: ContextData, deps: ContextDeps, injected?: ReadonlySet<string>): ContextLoad {
  if (!entries || entries.length === 0) return { ok: true, data: start };
  let data = start;
  for (const entry of entries) {
    // Values supplied by the caller replace the entry (the CLI's values file).
    if (injected?.has(entry.name)) continue;
    const loaded = loadEntry(entry, data, deps);
    if (!loaded.ok) return { ok: false, message: `failed to load context entry "${entry.name}": ${loaded.message}` };
    if ('skip' in loaded) continue;
    data = withPath(data, entry.name, loaded.value);
  }
  return { ok: true, data };
}

function loadEntry(entry: ContextEntry, data: ContextData, deps: ContextDeps): EntryValue {
  if (entry.variable) return loadVariable(entry.variable, data, deps);
  if (entry.configMap) {
    const ref = substituteAll(entry.configMap, { data, jmespath: deps.jmespath });
    if (!ref.ok) return { ok: false, message: ref.message };
    const { name, namespace } = ref.value as { name: unknown; namespace?: unknown };
    // A namespaced Policy reads its own namespace by default, and no other.
    const ns = typeof namespace === 'string' && namespace !== '' ? namespace : (deps.policyNamespace ?? 'default');
    const outside = deps.policyNamespace !== undefined ? configMapOutsideNamespace(ns, deps.policyNamespace) : undefined;
    if (outside !== undefined) return { ok: false, message: outside };
    const found = deps.snapshot.configMap(ns, String(name));
    if (found.found) return { ok: true, value: found.value };
    if (found.reason === 'unavailable') return { ok: true, skip: true };
    return { ok: false, message: `configmap ${ns}/${String(name)} not found` };
  }
  if (entry.apiCall) return loadApiCall(entry.apiCall, data, deps);
  // imageRegistry and globalReference need network or global state the engine does not have.
  return { ok: true, skip: true };
}

function loadVariable(variable: VariableEntry, data: ContextData, deps: ContextDeps): EntryValue {
  const scope = { data, jmespath: deps.jmespath };
  let value: unknown = undefined;
  if (variable.value !== undefined) {
    const sub = substituteAll(variable.value, scope);
    if (!sub.ok) return withDefault(variable.default, scope, sub.message);
    value = sub.value;
  }
  if (variable.jmesPath) {
    const expr = substituteAll(variable.jmesPath, scope);
    if (!expr.ok) return withDefault(variable.default, scope, expr.message);
    try {
      value = deps.jmespath.search(String(expr.value), variable.value !== undefined ? value : data);
    } catch (err) {
      return withDefault(variable.default, scope, errorMessage(err));
    }
  }
  if (value === undefined || value === null) return withDefault(variable.default, scope, 'variable evaluated to null');
  return { ok: true, value };
}

function loadServiceCall(call: ApiCall & { service: NonNullable<ApiCall['service']> }, data: ContextData, deps: ContextDeps): EntryValue {
  const scope = { data, jmespath: deps.jmespath };
  const sub = substituteAll({ service: call.service, data: call.data ?? [] }, scope);
  if (!sub.ok) return withDefault(call.default, scope, sub.message);
  const { service, data: pairs } = sub.value as { service: { url: unknown; caBundle?: unknown; headers?: { key: unknown; value: unknown }[] }; data: { key: unknown; value: unknown }[] };
  const request: ServiceRequest = { url: String(service.url), method: call.method === 'POST' ? 'POST' : 'GET' };
  if (request.method === 'POST') request.body = Object.fromEntries(pairs.map((p) => [String(p.key), p.value]));
  if (service.headers && service.headers.length > 0) request.headers = Object.fromEntries(service.headers.map((h) => [String(h.key), String(h.value)]));
  if (typeof service.caBundle === 'string' && service.caBundle !== '') request.caBundle = service.caBundle;
  const got = deps.snapshot.service?.(request) ?? { found: false, reason: 'unavailable' };
  if (!got.found) {
    if (got.reason === 'unavailable') return { ok: true, skip: true };
    return withDefault(call.default, scope, got.message ?? `${request.method} ${request.url} failed`);
  }
  if (!call.jmesPath) return { ok: true, value: got.value };
  const expr = substituteAll(call.jmesPath, scope);
  if (!expr.ok) return withDefault(call.default, scope, expr.message);
  const projected = search(deps.jmespath, String(expr.value), got.value);
  return projected.ok ? projected : withDefault(call.default, scope, projected.message);
}

function loadApiCall(call: ApiCall, data: ContextData, deps: ContextDeps): EntryValue {
  const scope = { data, jmespath: deps.jmespath };
  if (call.service) return loadServiceCall({ ...call, service: call.service }, data, deps);
  if (!call.urlPath) return { ok: true, skip: true };
  if (call.method === 'POST') return { ok: true, skip: true };
  const path = substituteAll(call.urlPath, scope);
  if (!path.ok) return withDefault(call.default, scope, path.message);
  // Checked on the path after substitution, where the variables could point it elsewhere; never defaulted.
  const outside = deps.policyNamespace !== undefined ? urlPathOutsideNamespace(String(path.value), deps.policyNamespace) : undefined;
  if (outside !== undefined) return { ok: false, message: outside };
  const got = deps.snapshot.apiGet(String(path.value));
  if (!got.found) {
    if (got.reason === 'unavailable') return { ok: true, skip: true };
    return withDefault(call.default, scope, got.message ?? `GET ${String(path.value)}: not found`);
  }
  if (!call.jmesPath) return { ok: true, value: got.value };
  const expr = substituteAll(call.jmesPath, scope);
  if (!expr.ok) return withDefault(call.default, scope, expr.message);
  // Keyed by the snapshot's object and the final expression text: "all Ingress hosts" is built once per change.
  const projected = projectOnce(got.value, String(expr.value), () => search(deps.jmespath, String(expr.value), got.value));
  return projected.ok ? projected : withDefault(call.default, scope, projected.message);
}

function search(jmespath: Jmespath, expression: string, data: unknown): Projection {
  try {
    return { ok: true, value: jmespath.search(expression, data) };
  } catch (err) {
    return { ok: false, message: errorMessage(err) };
  }
}

function withDefault(fallback: unknown, scope: { data: ContextData; jmespath: Jmespath }, message: string): EntryValue {
  if (fallback === undefined) return { ok: false, message };
  const sub = substituteAll(fallback, scope);
  return sub.ok ? { ok: true, value: sub.value } : { ok: false, message: sub.message };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
