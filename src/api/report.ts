/**
 * Policy report entries: one rule result for one resource, as it lands in a wgpolicyk8s.io/v1alpha2
 * PolicyReport (namespaced resources) or ClusterPolicyReport (cluster-scoped ones).
 */
import type { RuleStatus } from './result.js';

export type ReportProcess = 'admission review' | 'background scan';
export type ReportSeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface ReportResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

export interface ReportEntry {
  /** The policy key: `name` for a ClusterPolicy, `namespace/name` for a Policy. */
  policy: string;
  rule: string;
  result: RuleStatus;
  message: string;
  resource: ReportResourceRef;
  process: ReportProcess;
  /** From the policy annotations `policies.kyverno.io/category` and `policies.kyverno.io/severity`. */
  category?: string;
  severity?: ReportSeverity;
  scored: boolean;
  /** When the result was produced (from the caller's clock). */
  timestamp: { seconds: number; nanos: number };
}
