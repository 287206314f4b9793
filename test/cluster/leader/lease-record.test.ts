/** The Lease spec <-> leader-election record conversion. */
import { V1MicroTime } from '@kubernetes/client-node';
import { type LeaseRecord, leaseSpec, readLeaseRecord, recordKey } from '../../../src/cluster/leader/lease-record.js';

const T = Date.parse('2025-03-04T05:06:07.891Z');

describe('readLeaseRecord', () => {
  test.each<[string, unknown, LeaseRecord]>([
    ['wire form (MicroTime strings)', { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: '2025-03-04T05:06:07.891000Z', renewTime: '2025-03-04T05:06:07.891234Z', leaseTransitions: 3 }, { holderIdentity: 'a', leaseDurationSeconds: 15, acquireTimeMs: T, renewTimeMs: T, leaseTransitions: 3 }],
    ['Date values', { holderIdentity: 'a', acquireTime: new Date(T), renewTime: new V1MicroTime(T) }, { holderIdentity: 'a', leaseDurationSeconds: undefined, acquireTimeMs: T, renewTimeMs: T, leaseTransitions: 0 }],
    ['empty spec', {}, { holderIdentity: '', leaseDurationSeconds: undefined, acquireTimeMs: undefined, renewTimeMs: undefined, leaseTransitions: 0 }],
    ['no spec', undefined, { holderIdentity: '', leaseDurationSeconds: undefined, acquireTimeMs: undefined, renewTimeMs: undefined, leaseTransitions: 0 }],
    ['garbage fields', { holderIdentity: 7, leaseDurationSeconds: 1.5, renewTime: 'yesterday', leaseTransitions: -1 }, { holderIdentity: '', leaseDurationSeconds: undefined, acquireTimeMs: undefined, renewTimeMs: undefined, leaseTransitions: 0 }],
  ])('%s', (_what, spec, want) => expect(readLeaseRecord(spec)).toEqual(want));
});

describe('leaseSpec', () => {
  test('times as RFC3339 with microseconds, as MicroTime requires', () => {
    const spec = leaseSpec({ holderIdentity: 'a', leaseDurationSeconds: 15, acquireTimeMs: T, renewTimeMs: T + 1, leaseTransitions: 2 });
    expect(JSON.parse(JSON.stringify(spec))).toEqual({ holderIdentity: 'a', leaseDurationSeconds: 15, acquireTime: '2025-03-04T05:06:07.891000Z', renewTime: '2025-03-04T05:06:07.892000Z', leaseTransitions: 2 });
  });

  test('a released record keeps an empty holder and omits unknown fields', () => {
    expect(JSON.parse(JSON.stringify(leaseSpec({ holderIdentity: '', leaseDurationSeconds: undefined, acquireTimeMs: undefined, renewTimeMs: undefined, leaseTransitions: 0 })))).toEqual({ holderIdentity: '', leaseTransitions: 0 });
  });

  test('round trip through the wire form', () => {
    const record: LeaseRecord = { holderIdentity: 'b', leaseDurationSeconds: 1, acquireTimeMs: T, renewTimeMs: T + 500, leaseTransitions: 9 };
    expect(readLeaseRecord(JSON.parse(JSON.stringify(leaseSpec(record))))).toEqual(record);
  });
});

describe('recordKey', () => {
  const wire = { holderIdentity: 'a', leaseDurationSeconds: 1, acquireTime: '2025-03-04T05:06:07.891000Z', renewTime: '2025-03-04T05:06:07.891000Z', leaseTransitions: 0 };
  test.each<[string, boolean, unknown]>([
    ['the spec we wrote and the one read back', true, leaseSpec(readLeaseRecord(wire))],
    ['extra fields ignored', true, { ...wire, preferredHolder: 'x' }],
    ['a renewal (microseconds count)', false, { ...wire, renewTime: '2025-03-04T05:06:07.891001Z' }],
    ['another holder', false, { ...wire, holderIdentity: 'b' }],
    ['another transition count', false, { ...wire, leaseTransitions: 1 }],
  ])('%s: same=%s', (_what, same, other) => expect(recordKey(other) === recordKey(wire)).toBe(same));
});
