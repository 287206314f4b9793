/**
 * The one log line per admission decision. Only identifying fields: the object body never appears in logs
 * (Secrets and ConfigMaps pass through the webhook).
 */
import type { AdmissionRequest, AdmissionResponse } from '../../api/admission.js';
import { isRecord } from '../../api/json.js';
import type { AdmissionRoute } from '../types.js';

export interface DecisionLogFields {
  route: AdmissionRoute;
  uid: string;
  kind: string;
  namespace?: string;
  name?: string;
  operation: string;
  user?: string;
  decision: 'allowed' | 'denied';
  dryRun: boolean;
  durationMs: number;
  warnings?: number;
}

function objectName(request: AdmissionRequest): string | undefined {
  if (request.name) return request.name;
  const object = request.operation === 'DELETE' ? request.oldObject : request.object;
  if (!isRecord(object) || !isRecord(object.metadata)) return undefined;
  const { name, generateName } = object.metadata;
  if (typeof name === 'string') return name;
  return typeof generateName === 'string' ? generateName : undefined;
}

export function decisionLogFields(route: AdmissionRoute, request: AdmissionRequest, response: AdmissionResponse, durationMs: number): DecisionLogFields {
  const fields: DecisionLogFields = {
    route,
    uid: request.uid,
    kind: request.subResource ? `${request.kind.kind}/${request.subResource}` : request.kind.kind,
    operation: request.operation,
    decision: response.allowed ? 'allowed' : 'denied',
    dryRun: request.dryRun === true,
    durationMs: Math.round(durationMs * 1000) / 1000,
  };
  if (request.namespace) fields.namespace = request.namespace;
  const name = objectName(request);
  if (name !== undefined) fields.name = name;
  if (request.userInfo.username !== undefined) fields.user = request.userInfo.username;
  if (response.warnings && response.warnings.length > 0) fields.warnings = response.warnings.length;
  return fields;
}
