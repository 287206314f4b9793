/**
 * How the writer identifies a resource. The uid tells apart two objects that had the same name one after the
 * other; an admission CREATE has no uid yet, so it is keyed by apiVersion/kind/namespace/name until an
 * evaluation that carries the uid (an UPDATE, a background scan) replaces it: recording under the uid key drops
 * what the same policy had recorded under the name key (see DesiredState.record).
 */
import type { ReportResourceRef } from '../../api/report.js';

/** `apiVersion/kind/namespace/name` (namespace empty for cluster-scoped resources). A uid never contains '/'. */
export function nameKeyOf(ref: ReportResourceRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/** The uid when present, else the name form. */
export function resourceKeyOf(ref: ReportResourceRef): string {
  return ref.uid ? ref.uid : nameKeyOf(ref);
}
