/** Background scans of existing resources: background policies over the cluster cache, results to the report writer. */
export { backgroundScanner } from './scanner.js';
export { scanKinds, kindRefOf } from './scan-kinds.js';
export { backgroundPolicies, admissionOnlyReason, isBackgroundPolicy, type BackgroundSelection, type ExcludedRule } from './background-rules.js';
export { backgroundRequest } from './background-request.js';
export type { BackgroundScanner, BackgroundScannerOptions, BackgroundSink, ScanSummary, ScanTrigger } from './types.js';
