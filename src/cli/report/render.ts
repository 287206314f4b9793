/** `tollgate report` output: a table of rules with their failing resources, or the same data as JSON. */
import type { ReportSummary, RuleRow } from '../../report/index.js';

/** Past this many failing resources per row the table points to --json for the rest. */
export const MAX_FAILING_SHOWN = 20;

const COLUMNS = ['POLICY', 'RULE', 'PASS', 'FAIL', 'WARN', 'ERROR', 'SKIP'] as const;

function cells(row: RuleRow): string[] {
  return [row.policy, row.rule, String(row.pass), String(row.fail), String(row.warn), String(row.error), String(row.skip)];
}

const pad = (cols: readonly string[], widths: readonly number[]): string => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd(widths[i]))).join('  ');

export function renderTable(rows: readonly RuleRow[], total: ReportSummary): string {
  if (rows.length === 0) return 'No policy report results found.\n';
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => cells(r)[i].length)));
  const lines = [pad(COLUMNS, widths)];
  for (const row of rows) {
    lines.push(pad(cells(row), widths));
    for (const f of row.failing.slice(0, MAX_FAILING_SHOWN)) {
      const r = f.resource;
      lines.push(`    ${f.result} ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}: ${f.message}`);
    }
    if (row.failing.length > MAX_FAILING_SHOWN) lines.push(`    ... and ${row.failing.length - MAX_FAILING_SHOWN} more (see --json)`);
  }
  lines.push('', `pass: ${total.pass}, fail: ${total.fail}, warn: ${total.warn}, error: ${total.error}, skip: ${total.skip}`);
  return `${lines.join('\n')}\n`;
}

export function renderJson(rows: readonly RuleRow[], total: ReportSummary, reportCount: number): string {
  return `${JSON.stringify({ reports: reportCount, summary: total, rules: rows }, null, 2)}\n`;
}
