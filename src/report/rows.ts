/** Report objects -> one row per policy and rule with its counts and the failing resources (`tollgate report`). */
import type { RuleStatus } from '../api/result.js';
import type { ReportObject, ReportResultResource, ReportSummary } from './types.js';

export interface FailingResource {
  result: Extract<RuleStatus, 'fail' | 'error'>;
  resource: ReportResultResource;
  message: string;
}

export interface RuleRow extends ReportSummary {
  policy: string;
  rule: string;
  /** Results that failed or errored, sorted by resource. */
  failing: FailingResource[];
}

export interface RowFilter {
  /** A policy key (`name`, `namespace/name`) or, for a namespaced Policy, its bare name. */
  policy?: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function policyMatches(key: string, wanted: string): boolean {
  return key === wanted || (!wanted.includes('/') && key.slice(key.indexOf('/') + 1) === wanted && key.includes('/'));
}

const resourceText = (r: ReportResultResource): string => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

export function ruleRows(reports: readonly ReportObject[], filter: RowFilter = {}): RuleRow[] {
  const rows = new Map<string, RuleRow>();
  for (const report of reports) {
    for (const r of report.results) {
      if (filter.policy !== undefined && !policyMatches(r.policy, filter.policy)) continue;
      const key = `${r.policy}\u0000${r.rule}`;
      let row = rows.get(key);
      if (row === undefined) {
        row = { policy: r.policy, rule: r.rule, pass: 0, fail: 0, warn: 0, error: 0, skip: 0, failing: [] };
        rows.set(key, row);
      }
      row[r.result]++;
      if (r.result === 'fail' || r.result === 'error') {
        for (const resource of r.resources) row.failing.push({ result: r.result, resource, message: r.message });
      }
    }
  }
  const out = [...rows.values()].sort((a, b) => cmp(a.policy, b.policy) || cmp(a.rule, b.rule));
  for (const row of out) row.failing.sort((a, b) => cmp(resourceText(a.resource), resourceText(b.resource)) || cmp(a.result, b.result) || cmp(a.message, b.message));
  return out;
}

export function totals(rows: readonly RuleRow[]): ReportSummary {
  const sum: ReportSummary = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const row of rows) for (const k of ['pass', 'fail', 'warn', 'error', 'skip'] as const) sum[k] += row[k];
  return sum;
}
