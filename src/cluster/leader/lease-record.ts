/**
 * The leader-election record held in a Lease's spec: read from whatever the API returned (client-node leaves
 * MicroTime fields as strings at runtime, whatever its types say) and written back as RFC3339 MicroTime.
 */
import { type V1LeaseSpec, V1MicroTime } from '@kubernetes/client-node';

export interface LeaseRecord {
  /** '' when nobody holds the lease. */
  holderIdentity: string;
  leaseDurationSeconds: number | undefined;
  acquireTimeMs: number | undefined;
  renewTimeMs: number | undefined;
  leaseTransitions: number;
}

function field(spec: unknown, key: string): unknown {
  return typeof spec === 'object' && spec !== null ? (spec as Record<string, unknown>)[key] : undefined;
}

function timeMs(value: unknown): number | undefined {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function nonNegativeInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function readLeaseRecord(spec: unknown): LeaseRecord {
  const holder = field(spec, 'holderIdentity');
  return {
    holderIdentity: typeof holder === 'string' ? holder : '',
    leaseDurationSeconds: nonNegativeInteger(field(spec, 'leaseDurationSeconds')),
    acquireTimeMs: timeMs(field(spec, 'acquireTime')),
    renewTimeMs: timeMs(field(spec, 'renewTime')),
    leaseTransitions: nonNegativeInteger(field(spec, 'leaseTransitions')) ?? 0,
  };
}

/**
 * Identifies a record's content: a change of it (a renewal included) restarts the observer's expiry clock.
 * Times are compared as written, so a renewal within the same millisecond still counts as a change.
 */
export function recordKey(spec: unknown): string {
  const raw = (key: string): unknown => {
    const v = field(spec, key);
    return v instanceof V1MicroTime ? v.toISOString() : v instanceof Date ? v.toISOString() : v;
  };
  return JSON.stringify(['holderIdentity', 'leaseDurationSeconds', 'acquireTime', 'renewTime', 'leaseTransitions'].map(raw));
}

/** The Lease spec for a record; times go out with microsecond precision, as the API expects of MicroTime. */
export function leaseSpec(record: LeaseRecord): V1LeaseSpec {
  const spec: V1LeaseSpec = { holderIdentity: record.holderIdentity, leaseTransitions: record.leaseTransitions };
  if (record.leaseDurationSeconds !== undefined) spec.leaseDurationSeconds = record.leaseDurationSeconds;
  if (record.acquireTimeMs !== undefined) spec.acquireTime = new V1MicroTime(record.acquireTimeMs);
  if (record.renewTimeMs !== undefined) spec.renewTime = new V1MicroTime(record.renewTimeMs);
  return spec;
}
