/**
 * Report objects read back from the cluster (unknown JSON) -> ReportObject. Lenient where Tollgate's own
 * writes are complete anyway: a result without the required fields is dropped, optional fields are checked.
 */
import { isRecord } from '../api/json.js';
import type { ReportProcess, ReportSeverity } from '../api/report.js';
import type { RuleStatus } from '../api/result.js';
import { summarize } from './aggregate.js';
import { REPORT_API_VERSION, REPORT_SOURCE, type ReportObject, type ReportResult, type ReportResultResource } from './types.js';

export type ParsedReport = { ok: true; value: ReportObject } | { ok: false; error: string };

const STATUSES: readonly RuleStatus[] = ['pass', 'fail', 'warn', 'error', 'skip'];
const SEVERITIES: readonly ReportSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];
const PROCESSES: readonly ReportProcess[] = ['admission review', 'background scan'];

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const oneOf = <T extends string>(values: readonly T[], v: unknown): T | undefined => values.find((x) => x === v);

function stringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function parseResource(v: unknown): ReportResultResource | undefined {
  if (!isRecord(v)) return undefined;
  const apiVersion = str(v.apiVersion);
  const kind = str(v.kind);
  const name = str(v.name);
  if (apiVersion === undefined || kind === undefined || name === undefined) return undefined;
  const namespace = str(v.namespace);
  const uid = str(v.uid);
  return { apiVersion, kind, ...(namespace ? { namespace } : {}), name, ...(uid ? { uid } : {}) };
}

function parseTimestamp(v: unknown): { seconds: number; nanos: number } {
  if (!isRecord(v)) return { seconds: 0, nanos: 0 };
  return { seconds: typeof v.seconds === 'number' ? v.seconds : 0, nanos: typeof v.nanos === 'number' ? v.nanos : 0 };
}

export function parseReportResult(v: unknown): ReportResult | undefined {
  if (!isRecord(v)) return undefined;
  const policy = str(v.policy);
  const result = oneOf(STATUSES, v.result);
  if (policy === undefined || result === undefined) return undefined;
  const resources = Array.isArray(v.resources) ? v.resources.map(parseResource).filter((r): r is ReportResultResource => r !== undefined) : [];
  const category = str(v.category);
  const severity = oneOf(SEVERITIES, v.severity);
  const process = isRecord(v.properties) ? oneOf(PROCESSES, v.properties.process) : undefined;
  return {
    source: REPORT_SOURCE,
    policy,
    rule: str(v.rule) ?? '',
    result,
    message: str(v.message) ?? '',
    resources,
    timestamp: parseTimestamp(v.timestamp),
    scored: v.scored !== false,
    ...(category !== undefined ? { category } : {}),
    ...(severity !== undefined ? { severity } : {}),
    properties: { process: process ?? 'background scan' },
  };
}

/** The summary is recomputed from the results, so it always matches them. */
export function parseReportObject(value: unknown): ParsedReport {
  if (!isRecord(value)) return { ok: false, error: 'not an object' };
  const kind = value.kind === 'PolicyReport' || value.kind === 'ClusterPolicyReport' ? value.kind : undefined;
  if (kind === undefined) return { ok: false, error: `unexpected kind ${JSON.stringify(value.kind)}` };
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const name = str(meta.name);
  if (name === undefined) return { ok: false, error: `${kind} without metadata.name` };
  const namespace = str(meta.namespace);
  const raw = Array.isArray(value.results) ? value.results : [];
  const results = raw.map(parseReportResult).filter((r): r is ReportResult => r !== undefined);
  return {
    ok: true,
    value: {
      apiVersion: REPORT_API_VERSION,
      kind,
      metadata: { name, ...(kind === 'PolicyReport' && namespace ? { namespace } : {}), labels: stringMap(meta.labels), annotations: stringMap(meta.annotations) },
      summary: summarize(results),
      results,
    },
  };
}
