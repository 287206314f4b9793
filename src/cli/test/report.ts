/** Rendering `tollgate test` results as text lines or JSON, and the conformance baseline comparison. */
import { isRecord } from '../../api/json.js';
import type { CheckResult } from './checks.js';
import type { CaseReport } from './run-case.js';

export interface Baseline {
  passed: number;
}

export interface BaselineComparison {
  baseline: number;
  passed: number;
  ok: boolean;
}

export interface TestRunSummary {
  cases: CaseReport[];
  passed: number;
  failed: number;
  baseline?: BaselineComparison;
}

export function summarizeRun(cases: CaseReport[], baseline?: Baseline): TestRunSummary {
  const passed = cases.filter((c) => c.status === 'pass').length;
  const summary: TestRunSummary = { cases, passed, failed: cases.length - passed };
  if (baseline) summary.baseline = { baseline: baseline.passed, passed, ok: passed >= baseline.passed };
  return summary;
}

/** Exit code: 1 when a case failed, or with a baseline only when fewer cases pass than it records. */
export function exitCodeOf(summary: TestRunSummary): number {
  if (summary.baseline) return summary.baseline.ok ? 0 : 1;
  return summary.failed > 0 ? 1 : 0;
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

export function describeCheck(check: CheckResult): string {
  const rule = check.rule ?? '*';
  const got = check.actual === 'no-response' ? 'no rule response' : check.actual === 'not-found' ? 'not found' : check.actual;
  const message = check.message ? `: ${oneLine(check.message)}` : '';
  return `policy ${check.policy}, rule ${rule}, ${check.kind} ${check.resource}: expected ${check.expected}, got ${got}${message}`;
}

export function renderCase(report: CaseReport, failOnly: boolean): string[] {
  if (report.status === 'pass' && failOnly) return [];
  const lines: string[] = [];
  if (report.status === 'pass') lines.push(`PASS ${report.name} (${report.checks.length} checks)`);
  else lines.push(`FAIL ${report.name}: ${oneLine(report.reason ?? 'failed')}`);
  for (const w of report.warnings) lines.push(`  warning: ${oneLine(w)}`);
  for (const check of report.checks) {
    if (check.outcome === 'fail') lines.push(`  failed check: ${describeCheck(check)}`);
    else if (check.outcome === 'lenient' && !failOnly) lines.push(`  lenient check (passes as in the Kyverno CLI): ${describeCheck(check)}`);
  }
  return lines;
}

export function renderText(summary: TestRunSummary, failOnly: boolean): string {
  const lines = summary.cases.flatMap((c) => renderCase(c, failOnly));
  const b = summary.baseline;
  if (b) {
    lines.push(b.ok
      ? `baseline: ${b.passed} cases pass, baseline is ${b.baseline}: ok`
      : `baseline: ${b.passed} cases pass, fewer than the baseline of ${b.baseline}: conformance regressed`);
  }
  lines.push(`${summary.passed} passed, ${summary.failed} failed`);
  return `${lines.join('\n')}\n`;
}

export function renderJson(summary: TestRunSummary, failOnly: boolean): string {
  const cases = failOnly ? summary.cases.filter((c) => c.status === 'fail') : summary.cases;
  return `${JSON.stringify({ ...summary, cases }, null, 2)}\n`;
}

export function parseBaseline(value: unknown): Baseline | undefined {
  if (!isRecord(value)) return undefined;
  const passed = value.passed;
  return typeof passed === 'number' && Number.isInteger(passed) && passed >= 0 ? { passed } : undefined;
}
