/**
 * Whether a report in the cluster is up to date is decided by a digest of what Tollgate wrote (labels,
 * annotations, summary, results), stored in an annotation of the object itself. Comparing digests instead of
 * contents keeps a leader change cheap (one list, no deep comparison of megabytes of results, no rewrite of
 * unchanged reports). The aggregator renders objects with a fixed key order, so JSON.stringify is stable.
 * A report edited by hand keeps a stale digest and is only corrected by the next change of its group.
 */
import { createHash } from 'node:crypto';
import { isRecord } from '../../api/json.js';
import type { ReportObject } from '../types.js';

export const DIGEST_ANNOTATION = 'reports.tollgate.io/digest';

export function digestOf(report: ReportObject): string {
  const { labels, annotations } = report.metadata;
  const content = JSON.stringify([labels, annotations, report.summary, report.results]);
  return createHash('sha256').update(content).digest('hex').slice(0, 32);
}

/** The object as written: the digest of the rest in its annotations. */
export function withDigest(report: ReportObject, digest: string): ReportObject {
  return { ...report, metadata: { ...report.metadata, annotations: { ...report.metadata.annotations, [DIGEST_ANNOTATION]: digest } } };
}

/** The digest a stored object carries ('' when none: it is rewritten). */
export function storedDigest(object: unknown): string {
  const meta = isRecord(object) && isRecord(object.metadata) ? object.metadata : {};
  const annotations = isRecord(meta.annotations) ? meta.annotations : {};
  const value = annotations[DIGEST_ANNOTATION];
  return typeof value === 'string' ? value : '';
}
