/**
 * Mutate stage results -> AdmissionResponse for the /mutate webhook. The patch is the minimal RFC 6902 diff
 * between the object the API server sent and the mutated one (nothing is sent when they are equal). A policy
 * whose mutate rule errored decides by its failurePolicy, as Kyverno's mutating webhook does: Fail (the
 * default) denies the request, Ignore lets it through without that policy's changes and with a warning.
 */
import type { AdmissionRequest, AdmissionResponse } from '../api/admission.js';
import type { EngineResult } from '../api/result.js';
import { diffJsonPatch } from './json-patch.js';
import { patchJson } from './patch-json.js';
import { blockedMessage } from './to-response.js';

export interface MutationOutcome extends EngineResult {
  /** The object after every mutation that applied. */
  object: unknown;
}

export function toMutationResponse(request: AdmissionRequest, result: MutationOutcome): AdmissionResponse {
  const blocked: Record<string, Record<string, string>> = {};
  const warnings: string[] = [];
  for (const policy of result.policies) {
    for (const rule of policy.rules) {
      if (rule.status !== 'error') continue;
      if ((policy.failurePolicy ?? 'Fail') === 'Fail') (blocked[policy.policy] ??= {})[rule.rule] = rule.message;
      else warnings.push(`policy ${policy.policy}.${rule.rule}: mutation not applied (failurePolicy Ignore): ${rule.message}`);
    }
  }
  const response: AdmissionResponse = { uid: request.uid, allowed: Object.keys(blocked).length === 0 };
  if (!response.allowed) {
    response.status = { status: 'Failure', code: 403, reason: 'Forbidden', message: blockedMessage(request, blocked) };
  } else {
    const ops = diffJsonPatch(request.object, result.object);
    if (ops.length > 0) {
      response.patchType = 'JSONPatch';
      response.patch = Buffer.from(patchJson(ops)).toString('base64');
    }
  }
  if (warnings.length > 0) response.warnings = warnings;
  return response;
}
