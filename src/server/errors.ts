/**
 * The one catalogue of errors the server answers with: a stable code, an HTTP status and a stable message.
 * docs/errors.md documents every entry; a test keeps the two in agreement, so never change a code or a
 * message without changing the documentation.
 */

export interface ErrorDefinition {
  readonly status: number;
  readonly message: string;
}

export const ERROR_CATALOGUE = {
  TG_BAD_JSON: { status: 400, message: 'the request body is not valid JSON' },
  TG_NOT_ADMISSION_REVIEW: { status: 400, message: 'the request body is not an AdmissionReview (admission.k8s.io/v1 or v1beta1)' },
  TG_MISSING_UID: { status: 400, message: 'the AdmissionReview request has no uid' },
  TG_INVALID_REQUEST: { status: 400, message: 'the AdmissionReview request has a missing or mistyped field' },
  TG_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'the request body must be application/json' },
  TG_BODY_TOO_LARGE: { status: 413, message: 'the request body is larger than the configured limit' },
  TG_NOT_FOUND: { status: 404, message: 'no such route' },
  TG_NOT_READY: { status: 503, message: 'the server is not ready' },
  TG_INTERNAL: { status: 500, message: 'an unexpected error occurred' },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** The JSON body of every non-AdmissionReview error answer. */
export interface ErrorBody {
  code: ErrorCode;
  /** The catalogue message, followed by `: <detail>` naming the precise problem when there is one. */
  message: string;
  /** The AdmissionReview request uid, when it could be read. */
  uid?: string;
}

export function errorBody(code: ErrorCode, detail?: string, uid?: string): ErrorBody {
  const base = ERROR_CATALOGUE[code].message;
  const body: ErrorBody = { code, message: detail ? `${base}: ${detail}` : base };
  if (uid !== undefined) body.uid = uid;
  return body;
}

export function errorStatus(code: ErrorCode): number {
  return ERROR_CATALOGUE[code].status;
}

/** Fastify's own error codes for body handling, mapped to ours. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'TG_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'TG_BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'TG_BODY_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'TG_BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'TG_BAD_JSON',
};

/**
 * Classifies an error thrown before or around a route handler. Fastify's JSON parser throws SyntaxErrors
 * with status 400 (including for prototype-poisoning keys such as `__proto__`), which are bad JSON too.
 */
export function classifyError(err: unknown): ErrorCode {
  if (typeof err !== 'object' || err === null) return 'TG_INTERNAL';
  const code = 'code' in err && typeof err.code === 'string' ? err.code : undefined;
  if (code !== undefined && Object.prototype.hasOwnProperty.call(FASTIFY_CODES, code)) return FASTIFY_CODES[code];
  const status = 'statusCode' in err && typeof err.statusCode === 'number' ? err.statusCode : undefined;
  if (err instanceof SyntaxError && status === 400) return 'TG_BAD_JSON';
  if (status === 413) return 'TG_BODY_TOO_LARGE';
  if (status === 415) return 'TG_UNSUPPORTED_MEDIA_TYPE';
  return 'TG_INTERNAL';
}
