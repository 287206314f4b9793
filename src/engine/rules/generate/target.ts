/**
 * The generate target (apiVersion, kind, namespace, name) after variable substitution, with Kyverno's checks:
 * kind and name are required for data and clone; a cluster-scoped kind takes no namespace; a namespaced Policy
 * may only generate namespaced objects in its own namespace.
 */
import { isClusterScoped, servedKind } from '../../../api/kube-names.js';

export interface Target {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped kinds and when the rule gives none. */
  namespace?: string;
  name: string;
}

export type TargetOutcome = { ok: true; target: Target } | { ok: false; message: string };

/** A substituted field as text: strings as they are, numbers and booleans written out, anything else absent. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The preferred apiVersion of a built-in kind, for rules that leave it out. */
export function defaultApiVersion(kind: string): string | undefined {
  const served = servedKind(kind);
  if (!served) return undefined;
  return served.group ? `${served.group}/${served.version}` : served.version;
}

/** A namespaced Policy's objects stay in its namespace; undefined when the namespace is allowed. */
export function namespaceViolation(what: string, namespace: string | undefined, policyNamespace: string | undefined): string | undefined {
  if (policyNamespace === undefined || namespace === policyNamespace) return undefined;
  return `${what} namespace "${namespace ?? ''}" must be the policy's namespace "${policyNamespace}"`;
}

export interface TargetFields {
  apiVersion?: unknown;
  kind?: unknown;
  name?: unknown;
  namespace?: unknown;
}

export function resolveTarget(fields: TargetFields, policyNamespace: string | undefined): TargetOutcome {
  const kind = textOf(fields.kind) ?? '';
  const name = textOf(fields.name) ?? '';
  if (kind === '') return { ok: false, message: 'generate.kind is required' };
  if (name === '') return { ok: false, message: 'generate.name is required' };
  const apiVersion = textOf(fields.apiVersion) || defaultApiVersion(kind);
  if (!apiVersion) return { ok: false, message: `generate.apiVersion is required for kind ${kind}` };
  const scoped = targetNamespace(apiVersion, kind, textOf(fields.namespace), policyNamespace);
  if (!scoped.ok) return scoped;
  const target: Target = { apiVersion, kind, name };
  if (scoped.namespace !== undefined) target.namespace = scoped.namespace;
  return { ok: true, target };
}

/** The namespace objects of this kind are generated in, checked against a namespaced Policy's own. */
export function targetNamespace(
  apiVersion: string,
  kind: string,
  namespace: string | undefined,
  policyNamespace: string | undefined,
): { ok: true; namespace?: string } | { ok: false; message: string } {
  if (isClusterScoped(apiVersion, kind)) {
    if (policyNamespace !== undefined) return { ok: false, message: `a namespaced Policy cannot generate the cluster-scoped kind ${kind}` };
    return { ok: true };
  }
  const ns = namespace === '' ? undefined : namespace;
  const violation = namespaceViolation('generate', ns, policyNamespace);
  if (violation) return { ok: false, message: violation };
  return ns === undefined ? { ok: true } : { ok: true, namespace: ns };
}
