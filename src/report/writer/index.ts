/** Writes policy reports to the cluster (leader only, batched, rate-limited) and feeds them from admission. */
export { reportWriter } from './writer.js';
export { auditRecorder, type AuditLog } from './audit-recorder.js';
export { nameKeyOf, resourceKeyOf } from './resource-key.js';
export type { ReportProblem, ReportWriter, ReportWriterOptions, ReportWriterStats } from './types.js';
export { clusterReports, type ClusterReports, type ClusterReportsOptions } from './cluster-reports.js';
export {
  admissionHandoff,
  handoffConsumer,
  type AdmissionHandoff,
  type AdmissionHandoffOptions,
  type HandoffConsumer,
  type HandoffConsumerOptions,
} from './handoff.js';
export { HANDOFF_LABEL, type HandoffRecord } from './handoff-codec.js';
