/**
 * Validating an AdmissionReview read from outside (the webhook body, the CLI's stdin) into the typed request
 * the engine takes. Pure. A failure says which kind of problem it is, so the server can answer with a
 * precise error code, and carries the request uid whenever one could be read.
 */
import { OPERATIONS, type AdmissionRequest, type AdmissionReviewVersion, type Operation, type UserInfo } from '../api/admission.js';
import { isRecord } from '../api/json.js';

export interface ReviewInput {
  apiVersion: AdmissionReviewVersion;
  request: AdmissionRequest;
}

/**
 * - `not-admission-review`: the document is not an AdmissionReview of a supported version (or has no request).
 * - `missing-uid`: an AdmissionReview whose request has no uid (nothing to echo).
 * - `invalid-request`: the request has a uid but a field is missing or mistyped.
 */
export type ReviewProblem = 'not-admission-review' | 'missing-uid' | 'invalid-request';

export interface ParseReviewFailure {
  ok: false;
  problem: ReviewProblem;
  error: string;
  /** The request uid, when it could be read. */
  uid?: string;
}

export type ParseReviewResult = { ok: true; value: ReviewInput } | ParseReviewFailure;

const VERSIONS: readonly AdmissionReviewVersion[] = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'];

type Fail = { ok: false; error: string };
const fail = (error: string): Fail => ({ ok: false, error });
const failure = (problem: ReviewProblem, error: string, uid?: string): ParseReviewFailure =>
  uid === undefined ? { ok: false, problem, error } : { ok: false, problem, error, uid };

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
  if (!isRecord(value)) return failure('not-admission-review', 'AdmissionReview: expected a JSON or YAML mapping');
  const apiVersion = VERSIONS.find((v) => v === value.apiVersion);
  if (!apiVersion) return failure('not-admission-review', `apiVersion: expected ${VERSIONS.join(' or ')}, got ${JSON.stringify(value.apiVersion ?? null)}`);
  if (value.kind !== 'AdmissionReview') return failure('not-admission-review', `kind: expected AdmissionReview, got ${JSON.stringify(value.kind ?? null)}`);
  const raw = value.request;
  if (!isRecord(raw)) return failure('not-admission-review', 'request: required');
  if (typeof raw.uid !== 'string' || raw.uid === '') return failure('missing-uid', 'request.uid: required');
  const parsed = parseRequest(raw, raw.uid);
  return parsed.ok ? { ok: true, value: { apiVersion, request: parsed.value } } : failure('invalid-request', parsed.error, raw.uid);
}

function parseRequest(raw: Record<string, unknown>, uid: string): { ok: true; value: AdmissionRequest } | Fail {
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
    uid,
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
  return { ok: true, value: request };
}
