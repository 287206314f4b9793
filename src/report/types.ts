/** wgpolicyk8s.io/v1alpha2 PolicyReport / ClusterPolicyReport objects as Tollgate writes them. */
import type { RuleStatus } from '../api/result.js';
import type { ReportProcess, ReportSeverity } from '../api/report.js';

export const REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
export const REPORT_SOURCE = 'tollgate';

/** Labels on every report Tollgate writes: the writer lists and cleans reports by them. */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'tollgate';
export const POLICY_LABEL = 'reports.tollgate.io/policy';
/** `ClusterPolicy` or `Policy`: tells apart a ClusterPolicy and a namespaced Policy of the same name. */
export const POLICY_KIND_LABEL = 'reports.tollgate.io/policy-kind';
export const SHARD_LABEL = 'reports.tollgate.io/shard';
/** The exact policy key (labels are truncated for long names; this annotation is not). */
export const POLICY_KEY_ANNOTATION = 'reports.tollgate.io/policy-key';

export type ReportKind = 'PolicyReport' | 'ClusterPolicyReport';

export interface ReportResultResource {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface ReportResult {
  source: typeof REPORT_SOURCE;
  policy: string;
  rule: string;
  result: RuleStatus;
  message: string;
  resources: ReportResultResource[];
  timestamp: { seconds: number; nanos: number };
  scored: boolean;
  category?: string;
  severity?: ReportSeverity;
  properties: { process: ReportProcess };
}

export interface ReportSummary {
  pass: number;
  fail: number;
  warn: number;
  error: number;
  skip: number;
}

export interface ReportObject {
  apiVersion: typeof REPORT_API_VERSION;
  kind: ReportKind;
  metadata: {
    name: string;
    /** Only on PolicyReport. */
    namespace?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  summary: ReportSummary;
  results: ReportResult[];
}

/** The label selector that lists every report Tollgate manages. */
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;
