/** The HTTPS admission webhook: buildApp (not listening), certificate following, the error catalogue. */
export { buildApp, DEFAULT_BODY_LIMIT_BYTES, MIN_BODY_LIMIT_BYTES, TLS_MIN_VERSION } from './app.js';
export { followCertificates } from './tls-reload.js';
export { ERROR_CATALOGUE, errorBody, type ErrorBody, type ErrorCode, type ErrorDefinition } from './errors.js';
export type { AdmissionDecision, AdmissionRoute, AppDeps, DecisionRecorder, LogOptions, ReadinessCheck } from './types.js';
