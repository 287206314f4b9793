/** Shared setup of the writer tests: the fake API server with the report kinds, entries, and report reads. */
import { KubeConfig } from '@kubernetes/client-node';
import type { ReportEntry } from '../../../src/api/report.js';
import type { RuleStatus } from '../../../src/api/result.js';
import { reportWriter, type ReportProblem, type ReportWriter, type ReportWriterOptions } from '../../../src/report/writer/index.js';
import { type FakeApiServer, type KubeJson, startFakeApiServer } from '../../support/fake-apiserver/index.js';

export const POLICY_REPORTS = { group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'policyreports' } as const;
export const CLUSTER_POLICY_REPORTS = { group: 'wgpolicyk8s.io', version: 'v1alpha2', resource: 'clusterpolicyreports' } as const;

export async function reportServer(): Promise<{ server: FakeApiServer; kubeConfig: KubeConfig }> {
  const server = await startFakeApiServer();
  server.addResource({ ...POLICY_REPORTS, kind: 'PolicyReport', namespaced: true, statusSubresource: false, custom: true });
  server.addResource({ ...CLUSTER_POLICY_REPORTS, kind: 'ClusterPolicyReport', namespaced: false, statusSubresource: false, custom: true });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(server.kubeconfigPath);
  return { server, kubeConfig };
}

export interface EntryOptions {
  policy?: string;
  rule?: string;
  result?: RuleStatus;
  namespace?: string;
  name?: string;
  kind?: string;
  uid?: string;
  message?: string;
  seconds?: number;
}

export function entry(o: EntryOptions = {}): ReportEntry {
  const kind = o.kind ?? 'Pod';
  return {
    policy: o.policy ?? 'require-labels',
    rule: o.rule ?? 'check-team',
    result: o.result ?? 'pass',
    message: o.message ?? (o.result === 'fail' ? 'label team is required' : 'validation rule passed'),
    resource: { apiVersion: 'v1', kind, ...(o.namespace === '' ? {} : { namespace: o.namespace ?? 'default' }), name: o.name ?? 'web', ...(o.uid ? { uid: o.uid } : {}) },
    process: 'background scan',
    scored: true,
    timestamp: { seconds: o.seconds ?? 1_700_000_000, nanos: 0 },
  };
}

export interface WriterHarness {
  writer: ReportWriter;
  problems: ReportProblem[];
  leader: { value: boolean };
}

/** A writer whose leadership the test sets; the timer does not run unless the test calls start(). */
export function harnessWriter(kubeConfig: KubeConfig, options: Partial<ReportWriterOptions> = {}): WriterHarness {
  const problems: ReportProblem[] = [];
  const leader = { value: true };
  const writer = reportWriter({ kubeConfig, isLeader: () => leader.value, onProblem: (p) => problems.push(p), ...options });
  return { writer, problems, leader };
}

type Results = { policy: string; rule: string; result: string; resources: { name: string; uid?: string }[]; properties: { process: string } }[];
export type StoredReport = KubeJson & { summary: Record<string, number>; results: Results };

export const reportsIn = (server: FakeApiServer, namespace?: string): StoredReport[] => server.list(POLICY_REPORTS, namespace) as StoredReport[];
export const clusterReports = (server: FakeApiServer): StoredReport[] => server.list(CLUSTER_POLICY_REPORTS) as StoredReport[];
export const names = (reports: readonly KubeJson[]): string[] => reports.map((r) => String(r.metadata.name)).sort();

export const writes = (server: FakeApiServer): string[] =>
  server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path.replace('/apis/wgpolicyk8s.io/v1alpha2', '')} ${r.status}`);

export async function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
