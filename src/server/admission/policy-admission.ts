/**
 * Policies are admitted like any resource, but first checked with the same schema and compile path the loader
 * uses: a ClusterPolicy or Policy created or updated through the API that Tollgate could not load is denied,
 * naming the field and the reason, instead of being silently skipped later.
 */
import type { AdmissionRequest } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';
import { parsePolicies, type PolicyLoadError } from '../../policy/index.js';

export type PolicyAdmission = { kind: 'not-a-policy' } | { kind: 'valid' } | { kind: 'invalid'; message: string; problems: readonly string[] };

const POLICY_KINDS: ReadonlySet<string> = new Set(['ClusterPolicy', 'Policy']);

export function isPolicyRequest(request: AdmissionRequest): boolean {
  return request.kind.group === 'kyverno.io' && POLICY_KINDS.has(request.kind.kind) && (request.operation === 'CREATE' || request.operation === 'UPDATE');
}

function problem(e: PolicyLoadError): string {
  return e.path ? `${e.path}: ${e.reason}` : e.reason;
}

export function checkPolicyAdmission(request: AdmissionRequest): PolicyAdmission {
  if (!isPolicyRequest(request)) return { kind: 'not-a-policy' };
  const object = request.object;
  if (!isRecord(object)) return { kind: 'invalid', message: `${request.kind.kind} ${request.name ?? ''}: the object is missing`, problems: ['object: required'] };
  // A namespaced Policy's namespace comes from the request when the object omits it, as the API server fills it.
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const withNamespace = request.kind.kind === 'Policy' && request.namespace && metadata.namespace === undefined
    ? { ...object, metadata: { ...metadata, namespace: request.namespace } }
    : object;
  // JSON is YAML, so the loader's own parser reads the object exactly as it would read a file.
  const loaded = parsePolicies(JSON.stringify(withNamespace), 'admission request');
  if (loaded.errors.length === 0 && loaded.policies.length === 1) return { kind: 'valid' };
  const problems = loaded.errors.length > 0 ? loaded.errors.map(problem) : ['the object is not a Kyverno policy'];
  const name = typeof metadata.name === 'string' ? metadata.name : (request.name ?? '');
  const message = `${request.kind.kind} ${name} is invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`;
  return { kind: 'invalid', message, problems };
}
