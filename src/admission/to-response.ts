/**
 * Engine results -> AdmissionResponse. A request is denied when an Enforce rule failed or errored;
 * the message has Kyverno's shape (a YAML map of policy -> rule -> message) so existing tooling and
 * users recognise it. Audit failures allow the request and become admission warnings.
 */
import yaml from 'js-yaml';
import type { AdmissionRequest, AdmissionResponse } from '../api/admission.js';
import type { EngineResult, PolicyResult, RuleResult } from '../api/result.js';

export function isBlocking(policy: PolicyResult, rule: RuleResult): boolean {
  if (rule.status === 'fail') return rule.action === 'Enforce';
  if (rule.status !== 'error') return false;
  // A rule that could not run at all (deadline, internal fault) is what a webhook timeout is to the API server.
  if (rule.cause) return (policy.failurePolicy ?? 'Fail') === 'Fail';
  return policy.action === 'Enforce';
}

export function toAdmissionResponse(request: AdmissionRequest, result: EngineResult): AdmissionResponse {
  const blocked: Record<string, Record<string, string>> = {};
  const warnings: string[] = [];
  for (const policy of result.policies) {
    for (const rule of policy.rules) {
      if (isBlocking(policy, rule)) (blocked[policy.policy] ??= {})[rule.rule] = rule.message;
      else if (rule.status === 'fail' || rule.status === 'warn' || (rule.status === 'error' && rule.cause)) warnings.push(`policy ${policy.policy}.${rule.rule}: ${rule.message}`);
    }
  }
  const response: AdmissionResponse = { uid: request.uid, allowed: Object.keys(blocked).length === 0 };
  if (!response.allowed) {
    response.status = { status: 'Failure', code: 403, reason: 'Forbidden', message: blockedMessage(request, blocked) };
  }
  if (warnings.length > 0) response.warnings = warnings;
  return response;
}

export function blockedMessage(request: AdmissionRequest, blocked: Record<string, Record<string, string>>): string {
  const name = request.name || objectName(request.object) || objectName(request.oldObject) || '';
  const body = yaml.dump(blocked, { lineWidth: -1, sortKeys: false });
  return `resource ${request.kind.kind}/${request.namespace ?? ''}/${name} was blocked due to the following policies\n\n${body}`;
}

function objectName(obj: unknown): string | undefined {
  if (typeof obj !== 'object' || obj === null) return undefined;
  const meta = (obj as { metadata?: { name?: unknown; generateName?: unknown } }).metadata;
  if (typeof meta?.name === 'string') return meta.name;
  return typeof meta?.generateName === 'string' ? meta.generateName : undefined;
}
