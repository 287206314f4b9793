/** Validating an AdmissionReview read from outside into the typed request the engine takes. */
import { OPERATIONS, type AdmissionRequest, type AdmissionReviewVersion, type Operation, type UserInfo } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';

export interface ReviewInput {
  apiVersion: AdmissionReviewVersion;
  request: AdmissionRequest;
}

export type ParseReviewResult = { ok: true; value: ReviewInput } | { ok: false; error: string };

const VERSIONS: readonly AdmissionReviewVersion[] = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'];

type Fail = { ok: false; error: string };
const fail = (error: string): Fail => ({ ok: false, error });

function gvk(value: unknown, where: string, last: 'kind' | 'resource'): { ok: true; value: { group: string; version: string; name: string } } | Fail {
  if (!isRecord(value)) return fail(`${where}: required, expected {group, version, ${last}}`);
  const { group, version } = value;
  const name = value[last];
  if (group !== undefined && typeof group !== 'string') return fail(`${where}.group: expected a string`);
  if (typeof version !== 'string' || version === '') return fail(`${where}.version: required`);
  if (typeof name !== 'string' || name === '') return fail(`${where}.${last}: required`);
  return { ok: true, value: { group: group ?? '', version, name } };
}

function userInfoOf(value: unknown): { ok: true; value: UserInfo } | Fail {
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (!isRecord(value)) return fail('request.userInfo: expected a mapping');
  const out: UserInfo = {};
  if (value.username !== undefined) {
    if (typeof value.username !== 'string') return fail('request.userInfo.username: expected a string');
    out.username = value.username;
  }
  if (value.uid !== undefined) {
    if (typeof value.uid !== 'string') return fail('request.userInfo.uid: expected a string');
    out.uid = value.uid;
  }
  if (value.groups !== undefined) {
    if (!Array.isArray(value.groups) || value.groups.some((g) => typeof g !== 'string')) return fail('request.userInfo.groups: expected a list of strings');
    out.groups = value.groups.map(String);
  }
  if (value.extra !== undefined) {
    if (!isRecord(value.extra)) return fail('request.userInfo.extra: expected a mapping');
    const extra: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(value.extra)) {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return fail(`request.userInfo.extra.${k}: expected a list of strings`);
      extra[k] = v.map(String);
    }
    out.extra = extra;
  }
  return { ok: true, value: out };
}

const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';

export function parseAdmissionReview(value: unknown): ParseReviewResult {
  if (!isRecord(value)) return fail('AdmissionReview: expected a JSON or YAML mapping');
  const apiVersion = VERSIONS.find((v) => v === value.apiVersion);
  if (!apiVersion) return fail(`apiVersion: expected ${VERSIONS.join(' or ')}, got ${JSON.stringify(value.apiVersion ?? null)}`);
  if (value.kind !== 'AdmissionReview') return fail(`kind: expected AdmissionReview, got ${JSON.stringify(value.kind ?? null)}`);
  const raw = value.request;
  if (!isRecord(raw)) return fail('request: required');
  if (typeof raw.uid !== 'string' || raw.uid === '') return fail('request.uid: required');
  const kind = gvk(raw.kind, 'request.kind', 'kind');
  if (!kind.ok) return kind;
  const resource = gvk(raw.resource, 'request.resource', 'resource');
  if (!resource.ok) return resource;
  const operation: Operation | undefined = OPERATIONS.find((o) => o === raw.operation);
  if (!operation) return fail(`request.operation: expected one of ${OPERATIONS.join(', ')}, got ${JSON.stringify(raw.operation ?? null)}`);
  const userInfo = userInfoOf(raw.userInfo);
  if (!userInfo.ok) return userInfo;
  for (const f of ['name', 'namespace', 'subResource'] as const) {
    if (!optionalString(raw[f])) return fail(`request.${f}: expected a string`);
  }
  for (const f of ['object', 'oldObject'] as const) {
    if (raw[f] !== undefined && raw[f] !== null && !isRecord(raw[f])) return fail(`request.${f}: expected a mapping`);
  }
  if (operation !== 'DELETE' && !isRecord(raw.object)) return fail(`request.object: required for ${operation}`);

  const request: AdmissionRequest = {
    uid: raw.uid,
    kind: { group: kind.value.group, version: kind.value.version, kind: kind.value.name },
    resource: { group: resource.value.group, version: resource.value.version, resource: resource.value.name },
    operation,
    userInfo: userInfo.value,
  };
  if (typeof raw.name === 'string' && raw.name !== '') request.name = raw.name;
  if (typeof raw.namespace === 'string' && raw.namespace !== '') request.namespace = raw.namespace;
  if (typeof raw.subResource === 'string' && raw.subResource !== '') request.subResource = raw.subResource;
  if (isRecord(raw.object)) request.object = raw.object;
  if (isRecord(raw.oldObject)) request.oldObject = raw.oldObject;
  if (typeof raw.dryRun === 'boolean') request.dryRun = raw.dryRun;
  if (raw.options !== undefined) request.options = raw.options;
  return { ok: true, value: { apiVersion, request } };
}
