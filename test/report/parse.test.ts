import type { ReportEntry } from '../../src/api/report.js';
import { buildReports, parseReportObject, parseReportResult } from '../../src/report/index.js';

const entry: ReportEntry = {
  policy: 'p', rule: 'r', result: 'warn', message: 'm', process: 'admission review', scored: false, category: 'c', severity: 'low',
  timestamp: { seconds: 5, nanos: 6 }, resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'x', uid: 'u' },
};

describe('parseReportObject', () => {
  test('round-trips what buildReports writes (as the API server returns it, with extra metadata)', () => {
    for (const report of buildReports([entry, { ...entry, resource: { apiVersion: 'v1', kind: 'Namespace', name: 'ns' } }])) {
      const served = JSON.parse(JSON.stringify({ ...report, metadata: { ...report.metadata, uid: 'x', resourceVersion: '7' } })) as unknown;
      expect(parseReportObject(served)).toEqual({ ok: true, value: report });
    }
  });

  test.each<[string, unknown, string]>([
    ['a string', 'x', 'not an object'],
    ['another kind', { kind: 'Pod', metadata: { name: 'x' } }, 'unexpected kind "Pod"'],
    ['no name', { kind: 'PolicyReport', metadata: {} }, 'PolicyReport without metadata.name'],
  ])('rejects %s', (_name, value, error) => expect(parseReportObject(value)).toEqual({ ok: false, error }));

  test('drops malformed results and recomputes the summary from the rest', () => {
    const parsed = parseReportObject({
      kind: 'ClusterPolicyReport',
      metadata: { name: 'r', namespace: 'ignored', labels: { a: 'b', n: 1 } },
      summary: { pass: 99 },
      results: [{ policy: 'p', result: 'fail' }, { policy: 'p', result: 'bogus' }, { result: 'pass' }, 'x'],
    });
    expect(parsed.ok && parsed.value.summary).toEqual({ pass: 0, fail: 1, warn: 0, error: 0, skip: 0 });
    expect(parsed.ok && parsed.value.metadata).toEqual({ name: 'r', labels: { a: 'b' }, annotations: {} });
  });
});

describe('parseReportResult', () => {
  test.each<[string, unknown, unknown]>([
    ['minimal', { policy: 'p', result: 'skip' }, { source: 'tollgate', policy: 'p', rule: '', result: 'skip', message: '', resources: [], timestamp: { seconds: 0, nanos: 0 }, scored: true, properties: { process: 'background scan' } }],
    ['bad optional fields dropped', { policy: 'p', result: 'pass', severity: 'urgent', category: 3, resources: [{ kind: 'Pod' }, { apiVersion: 'v1', kind: 'Pod', name: 'a' }] },
      { source: 'tollgate', policy: 'p', rule: '', result: 'pass', message: '', resources: [{ apiVersion: 'v1', kind: 'Pod', name: 'a' }], timestamp: { seconds: 0, nanos: 0 }, scored: true, properties: { process: 'background scan' } }],
    ['no policy', { result: 'pass' }, undefined],
    ['an array', [], undefined],
  ])('%s', (_name, value, want) => expect(parseReportResult(value)).toEqual(want));
});
