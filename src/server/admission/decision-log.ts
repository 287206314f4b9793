/**
 * The one log line per admission decision. Only identifying fields: the object body never appears in logs
 * (Secrets and ConfigMaps pass through the webhook).
 */
import type { FastifyBaseLogger } from 'fastify';
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

// pino's standard level values; fastify's logger type exposes the level name only.
const LEVEL_VALUES: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/** Whether `log` writes lines at `level`; an unknown (custom) level counts as enabled, so no line is lost. */
export function levelEnabled(log: Pick<FastifyBaseLogger, 'level'>, level: 'debug' | 'info'): boolean {
  const current = LEVEL_VALUES[log.level];
  return current === undefined || current <= LEVEL_VALUES[level];
}
