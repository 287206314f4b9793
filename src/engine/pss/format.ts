/** Kyverno's rendering of PSS failures, for rule messages. */
import type { PodSecurity } from '../../api/policy.js';
import type { BadValue, PssFieldError, PssViolation } from './types.js';

/** Go's `%+v` of the bad value. */
function goValue(value: BadValue): string {
  if (Array.isArray(value)) return `[${value.join(' ')}]`;
  return String(value);
}

function formatFieldError(e: PssFieldError): string {
  const hasValue = e.badValue !== null && e.badValue !== '';
  if (e.type === 'forbidden' && hasValue) return `${e.field} is forbidden, forbidden values found: ${goValue(e.badValue)}`;
  return `${e.field}: ${e.type === 'required' ? 'Required value' : 'Forbidden'}`;
}

/** `(Forbidden reason: <reason>, field error list: [<errors>])` per violation, concatenated. */
export function formatPssChecks(violations: readonly PssViolation[]): string {
  return violations
    .map((v) => `(Forbidden reason: ${v.reason}, field error list: [${v.errors.map(formatFieldError).join(', ')}])`)
    .join('');
}

/** The failure message of a `validate.podSecurity` rule, worded as Kyverno's. */
export function podSecurityFailureMessage(rule: string, spec: PodSecurity, violations: readonly PssViolation[]): string {
  return `Validation rule '${rule}' failed. It violates PodSecurity "${spec.level}:${spec.version ?? ''}": ${formatPssChecks(violations)}`;
}
