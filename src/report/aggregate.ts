/**
 * Report entries -> report objects (pure): one group per namespace (or the cluster) and policy, split into shards
 * that stay under a byte limit, with stable names, labels and result order so that unchanged input renders
 * byte-identical objects (the writer diffs them).
 */
import type { ReportEntry } from '../api/report.js';
import { policyLabelValue, reportName, splitPolicyKey } from './names.js';
import {
  MANAGED_BY_LABEL, MANAGED_BY_VALUE, POLICY_KEY_ANNOTATION, POLICY_KIND_LABEL, POLICY_LABEL, REPORT_API_VERSION, REPORT_SOURCE, SHARD_LABEL,
  type ReportKind, type ReportObject, type ReportResult, type ReportSummary,
} from './types.js';

/** etcd refuses objects over 1.5 MiB and the issue asks for under 1 MiB: stay well below. */
export const DEFAULT_MAX_REPORT_BYTES = 900 * 1024;

export interface BuildOptions {
  maxBytes?: number;
}

/** What identifies a report object in the cluster: kind, namespace and name. */
export function reportKey(obj: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return `${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/** UTF-8 length of a string, the size etcd stores (no TextEncoder allocation per result). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export const jsonSize = (value: unknown): number => utf8Length(JSON.stringify(value));

function toResult(e: ReportEntry): ReportResult {
  const r = e.resource;
  return {
    source: REPORT_SOURCE,
    policy: e.policy,
    rule: e.rule,
    result: e.result,
    message: e.message,
    resources: [{ apiVersion: r.apiVersion, kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name, ...(r.uid ? { uid: r.uid } : {}) }],
    timestamp: { seconds: e.timestamp.seconds, nanos: e.timestamp.nanos },
    scored: e.scored,
    ...(e.category !== undefined ? { category: e.category } : {}),
    ...(e.severity !== undefined ? { severity: e.severity } : {}),
    properties: { process: e.process },
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Resource, then rule, then everything else that could differ, so the order never depends on input order. */
export function compareResults(a: ReportResult, b: ReportResult): number {
  const ra = a.resources[0];
  const rb = b.resources[0];
  return (
    cmp(ra.namespace ?? '', rb.namespace ?? '') || cmp(ra.kind, rb.kind) || cmp(ra.name, rb.name) || cmp(ra.apiVersion, rb.apiVersion) ||
    cmp(ra.uid ?? '', rb.uid ?? '') || cmp(a.rule, b.rule) || cmp(a.result, b.result) || cmp(a.message, b.message) ||
    a.timestamp.seconds - b.timestamp.seconds || a.timestamp.nanos - b.timestamp.nanos || cmp(a.properties.process, b.properties.process)
  );
}

export function summarize(results: readonly ReportResult[]): ReportSummary {
  const summary: ReportSummary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) summary[r.result]++;
  return summary;
}

interface Group {
  kind: ReportKind;
  namespace?: string;
  policy: string;
  results: ReportResult[];
}

function envelope(group: Group, shard: number, results: ReportResult[]): ReportObject {
  const isPolicy = splitPolicyKey(group.policy).namespace !== undefined;
  return {
    apiVersion: REPORT_API_VERSION,
    kind: group.kind,
    metadata: {
      name: reportName(group.policy, shard),
      ...(group.namespace !== undefined ? { namespace: group.namespace } : {}),
      labels: {
        [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
        [POLICY_LABEL]: policyLabelValue(group.policy),
        [POLICY_KIND_LABEL]: isPolicy ? 'Policy' : 'ClusterPolicy',
        [SHARD_LABEL]: String(shard),
      },
      annotations: { [POLICY_KEY_ANNOTATION]: group.policy },
    },
    summary: summarize(results),
    results,
  };
}

/**
 * Greedy split in sorted order: a shard takes results until the next one would push its JSON over `maxBytes`.
 * The envelope is measured with the largest summary counts it could carry; a single result larger than the
 * limit gets a shard of its own.
 */
function shard(group: Group, maxBytes: number): ReportObject[] {
  const n = group.results.length;
  const overhead = jsonSize(envelope(group, 99999, [])) + 5 * String(n).length;
  const out: ReportObject[] = [];
  let current: ReportResult[] = [];
  let size = overhead;
  for (const result of group.results) {
    const add = jsonSize(result) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + add > maxBytes) {
      out.push(envelope(group, out.length, current));
      current = [];
      size = overhead;
      size += jsonSize(result);
    } else size += add;
    current.push(result);
  }
  if (current.length > 0) out.push(envelope(group, out.length, current));
  return out;
}

/**
 * PolicyReports for entries whose resource has a namespace, ClusterPolicyReports for the rest; one group per
 * (namespace, policy), each split under `maxBytes`. Objects come out sorted by kind, namespace and name.
 */
export function buildReports(entries: Iterable<ReportEntry>, options: BuildOptions = {}): ReportObject[] {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REPORT_BYTES;
  const groups = new Map<string, Group>();
  for (const e of entries) {
    const namespace = e.resource.namespace ? e.resource.namespace : undefined;
    const key = `${namespace ?? ''}\u0000${e.policy}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { kind: namespace === undefined ? 'ClusterPolicyReport' : 'PolicyReport', ...(namespace !== undefined ? { namespace } : {}), policy: e.policy, results: [] };
      groups.set(key, group);
    }
    group.results.push(toResult(e));
  }
  const ordered = [...groups.values()].sort((a, b) => cmp(a.kind, b.kind) || cmp(a.namespace ?? '', b.namespace ?? '') || cmp(a.policy, b.policy));
  return ordered.flatMap((g) => {
    g.results.sort(compareResults);
    return shard(g, maxBytes);
  });
}
