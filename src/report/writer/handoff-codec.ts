/**
 * The shape of an admission hand-off ConfigMap: `data.entries` holds the JSON of the (resource, policy) records a
 * follower replica produced, `[{ resourceKey, policy, at, entries }]`. Decoding narrows every field, since another
 * replica (maybe another version) or a person wrote the object.
 */
import { isRecord } from '../../api/json.js';
import type { ReportEntry, ReportProcess, ReportResourceRef, ReportSeverity } from '../../api/report.js';
import type { RuleStatus } from '../../api/result.js';

export const HANDOFF_LABEL = 'reports.tollgate.io/admission-handoff';
export const HANDOFF_SELECTOR = `${HANDOFF_LABEL}=true`;

export interface HandoffRecord {
  resourceKey: string;
  policy: string;
  /** When the follower evaluated it (ms since the epoch): the leader drops it if it knows of something later. */
  at: number;
  entries: readonly ReportEntry[];
}

const STATUSES: readonly RuleStatus[] = ['pass', 'fail', 'warn', 'error', 'skip'];
const PROCESSES: readonly ReportProcess[] = ['admission review', 'background scan'];
const SEVERITIES: readonly ReportSeverity[] = ['critical', 'high', 'medium', 'low', 'info'];

const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
const optionalString = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

function resourceOf(v: unknown): ReportResourceRef | undefined {
  if (!isRecord(v) || typeof v.apiVersion !== 'string' || typeof v.kind !== 'string' || typeof v.name !== 'string') return undefined;
  if (!optionalString(v.namespace) || !optionalString(v.uid)) return undefined;
  return { apiVersion: v.apiVersion, kind: v.kind, ...(v.namespace !== undefined ? { namespace: v.namespace } : {}), name: v.name, ...(v.uid !== undefined ? { uid: v.uid } : {}) };
}

function entryOf(v: unknown): ReportEntry | undefined {
  if (!isRecord(v) || typeof v.policy !== 'string' || typeof v.rule !== 'string' || typeof v.message !== 'string' || typeof v.scored !== 'boolean') return undefined;
  if (!oneOf(STATUSES, v.result) || !oneOf(PROCESSES, v.process) || !optionalString(v.category)) return undefined;
  if (v.severity !== undefined && !oneOf(SEVERITIES, v.severity)) return undefined;
  const resource = resourceOf(v.resource);
  const ts = v.timestamp;
  if (resource === undefined || !isRecord(ts) || typeof ts.seconds !== 'number' || typeof ts.nanos !== 'number') return undefined;
  return {
    policy: v.policy,
    rule: v.rule,
    result: v.result,
    message: v.message,
    resource,
    process: v.process,
    ...(v.category !== undefined ? { category: v.category } : {}),
    ...(v.severity !== undefined ? { severity: v.severity } : {}),
    scored: v.scored,
    timestamp: { seconds: ts.seconds, nanos: ts.nanos },
  };
}

function recordOf(v: unknown): HandoffRecord | undefined {
  if (!isRecord(v) || typeof v.resourceKey !== 'string' || typeof v.policy !== 'string' || typeof v.at !== 'number' || !Array.isArray(v.entries)) return undefined;
  const entries: ReportEntry[] = [];
  for (const e of v.entries) {
    const entry = entryOf(e);
    if (entry === undefined) return undefined;
    entries.push(entry);
  }
  return { resourceKey: v.resourceKey, policy: v.policy, at: v.at, entries };
}

/** The records of one ConfigMap, or why it cannot be read (then the whole object is discarded). */
export function decodeHandoff(configMap: unknown): { ok: true; records: HandoffRecord[] } | { ok: false; reason: string } {
  const data = isRecord(configMap) && isRecord(configMap.data) ? configMap.data : undefined;
  if (data === undefined || typeof data.entries !== 'string') return { ok: false, reason: 'data.entries is missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.entries);
  } catch {
    return { ok: false, reason: 'data.entries is not JSON' };
  }
  if (!Array.isArray(parsed)) return { ok: false, reason: 'data.entries is not a list' };
  const records: HandoffRecord[] = [];
  for (const [i, item] of parsed.entries()) {
    const r = recordOf(item);
    if (r === undefined) return { ok: false, reason: `record ${i} is not a {resourceKey, policy, at, entries} record` };
    records.push(r);
  }
  return { ok: true, records };
}

/**
 * Splits records, in order, into batches whose JSON stays within maxBytes. A record larger than that alone goes
 * alone in its batch (the caller decides whether it can be sent at all).
 */
export function splitBatches(records: readonly HandoffRecord[], maxBytes: number): HandoffRecord[][] {
  const batches: HandoffRecord[][] = [];
  let current: HandoffRecord[] = [];
  let size = 2; // the brackets
  for (const r of records) {
    const bytes = Buffer.byteLength(JSON.stringify(r)) + 1; // and a comma
    if (current.length > 0 && size + bytes > maxBytes) {
      batches.push(current);
      current = [];
      size = 2;
    }
    current.push(r);
    size += bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Hand-off objects in the order they were written: creation time, then resourceVersion, then name. */
export function creationOrder(a: HandoffMeta, b: HandoffMeta): number {
  if (a.created !== b.created) return a.created < b.created ? -1 : 1;
  const ra = Number(a.resourceVersion);
  const rb = Number(b.resourceVersion);
  if (Number.isFinite(ra) && Number.isFinite(rb) && ra !== rb) return ra - rb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface HandoffMeta {
  name: string;
  uid: string;
  /** Milliseconds since the epoch (0 when absent). */
  created: number;
  resourceVersion: string;
  object: unknown;
}

export function handoffMeta(v: unknown): HandoffMeta | undefined {
  if (!isRecord(v) || !isRecord(v.metadata) || typeof v.metadata.name !== 'string') return undefined;
  const { name, uid, creationTimestamp, resourceVersion } = v.metadata;
  const created = typeof creationTimestamp === 'string' ? Date.parse(creationTimestamp) : NaN;
  return {
    name,
    uid: typeof uid === 'string' ? uid : '',
    created: Number.isFinite(created) ? created : 0,
    resourceVersion: typeof resourceVersion === 'string' ? resourceVersion : '',
    object: v,
  };
}
