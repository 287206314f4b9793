/**
 * The policy report CRDs: structural, with the names and printer columns kubectl shows, and (checked with ajv
 * under strict field validation, as the API server would) accepting every report Tollgate builds.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { ReportEntry } from '../../src/api/report.js';
import { reportCrds, reportOpenApiSchema, type OpenApiSchema } from '../../src/deploy/index.js';
import { buildReports } from '../../src/report/index.js';

const PRESERVE = 'x-kubernetes-preserve-unknown-fields';
const EXTENSIONS = [PRESERVE, 'x-kubernetes-map-type', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys'];
const NODE_KEYS = new Set(['type', 'properties', 'additionalProperties', 'items', 'required', 'enum', 'description', 'format', ...EXTENSIONS]);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function structuralProblems(node: unknown, at: string): string[] {
  if (!isRecord(node)) return [`${at}: not an object`];
  const problems = Object.keys(node).filter((k) => !NODE_KEYS.has(k)).map((k) => `${at}: keyword ${k}`);
  if (node.type === undefined && node[PRESERVE] !== true) problems.push(`${at}: no type`);
  if (node.properties !== undefined && node.additionalProperties !== undefined) problems.push(`${at}: properties with additionalProperties`);
  if (isRecord(node.properties)) for (const [k, v] of Object.entries(node.properties)) problems.push(...structuralProblems(v, `${at}.${k}`));
  if (isRecord(node.additionalProperties)) problems.push(...structuralProblems(node.additionalProperties, `${at}.*`));
  if (node.items !== undefined) problems.push(...structuralProblems(node.items, `${at}[]`));
  return problems;
}

function strictFields(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictFields);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === 'enum' ? v : strictFields(v)]));
  if (isRecord(node.properties) && node[PRESERVE] !== true) out.additionalProperties = false;
  return out;
}

function compile(schema: OpenApiSchema): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  for (const keyword of EXTENSIONS) ajv.addKeyword(keyword);
  return ajv.compile(strictFields(schema) as object);
}

const entry = (namespace: string | undefined, extra: Partial<ReportEntry> = {}): ReportEntry => ({
  policy: 'p', rule: 'r', result: 'fail', message: 'm', process: 'admission review', scored: true, timestamp: { seconds: 1, nanos: 2 },
  resource: { apiVersion: 'v1', kind: namespace ? 'Pod' : 'Namespace', ...(namespace ? { namespace } : {}), name: 'x', uid: 'u' },
  ...extra,
});

describe('policy report CRDs', () => {
  const { clusterPolicyReport, policyReport } = reportCrds();

  test.each([['PolicyReport' as const], ['ClusterPolicyReport' as const]])('%s schema is structural', (kind) => {
    expect(structuralProblems(reportOpenApiSchema(kind), 'root')).toEqual([]);
  });

  test('names, scope, short names, version, printer columns', () => {
    expect([clusterPolicyReport.metadata.name, policyReport.metadata.name]).toEqual(['clusterpolicyreports.wgpolicyk8s.io', 'policyreports.wgpolicyk8s.io']);
    expect([clusterPolicyReport.spec.scope, policyReport.spec.scope]).toEqual(['Cluster', 'Namespaced']);
    expect([clusterPolicyReport.spec.names.shortNames, policyReport.spec.names.shortNames]).toEqual([['cpolr'], ['polr']]);
    for (const crd of [clusterPolicyReport, policyReport]) {
      expect(crd.spec.group).toBe('wgpolicyk8s.io');
      const [version] = crd.spec.versions;
      expect(version).toMatchObject({ name: 'v1alpha2', served: true, storage: true });
      expect(version.additionalPrinterColumns.filter((c) => c.priority === undefined).map((c) => c.name)).toEqual(['PASS', 'FAIL', 'WARN', 'ERROR', 'SKIP', 'AGE']);
    }
  });

  const validators = { PolicyReport: compile(reportOpenApiSchema('PolicyReport')), ClusterPolicyReport: compile(reportOpenApiSchema('ClusterPolicyReport')) };
  const errorsOf = (doc: { kind: 'PolicyReport' | 'ClusterPolicyReport' }): string => {
    const v = validators[doc.kind];
    return v(doc) ? '' : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('; ');
  };

  test.each<[string, ReportEntry]>([
    ['a namespaced result with category and severity', entry('ns', { category: 'Pod Security', severity: 'critical' })],
    ['a cluster-scoped result without them', entry(undefined, { scored: false, result: 'skip', process: 'background scan' })],
  ])('accepts what buildReports writes: %s', (_name, e) => {
    const [report] = buildReports([e]);
    expect(errorsOf(report)).toBe('');
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown result', { result: 'maybe' }, /\/results\/0\/result must be equal to one of the allowed values/],
    ['an unknown severity', { severity: 'urgent' }, /\/results\/0\/severity must be equal to one of the allowed values/],
    ['an unknown field', { colour: 'red' }, /must NOT have additional properties/],
    ['a non-string property', { properties: { process: 1 } }, /\/results\/0\/properties\/process must be string/],
  ])('rejects %s', (_name, change, message) => {
    const [report] = buildReports([entry('ns')]);
    const broken = { ...report, results: [{ ...report.results[0], ...change }] };
    expect(errorsOf(broken)).toMatch(message);
  });
});
