/** Policy reports (pure): engine results -> report entries -> wgpolicyk8s.io/v1alpha2 report objects. */
export { entriesFromResult, normalizeSeverity, toTimestamp, CATEGORY_ANNOTATION, SEVERITY_ANNOTATION, SCORED_ANNOTATION } from './entries.js';
export { buildReports, reportKey, summarize, compareResults, jsonSize, utf8Length, DEFAULT_MAX_REPORT_BYTES, type BuildOptions } from './aggregate.js';
export { reportName, policyLabelValue, splitPolicyKey, shortHash } from './names.js';
export * from './types.js';
export { parseReportObject, parseReportResult, type ParsedReport } from './parse.js';
export { ruleRows, totals, policyMatches, type RuleRow, type FailingResource, type RowFilter } from './rows.js';
