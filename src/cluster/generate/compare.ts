/**
 * Drift of a generated object, and the body that corrects it. What the API server owns (uid, resourceVersion,
 * timestamps, managedFields, status) and fields it fills in by default are not drift: the desired object must be
 * contained in the stored one. Content maps (`data`, `binaryData` of ConfigMaps and Secrets) must match exactly,
 * so a key a user adds is drift too. Labels and annotations others add are left alone.
 */
import { isRecord } from '../../api/json.js';
import type { KubeObject } from '../../api/kube.js';

const CONTENT_MAPS = new Set(['data', 'binaryData']);
const IGNORED_TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'status']);

/** Whether `want` is contained in `have`: objects key by key, arrays element by element (same length). */
export function contains(want: unknown, have: unknown): boolean {
  if (want === null || want === undefined) return have === null || have === undefined;
  if (Array.isArray(want)) return Array.isArray(have) && have.length === want.length && want.every((w, i) => contains(w, have[i]));
  if (isRecord(want)) {
    if (Object.keys(want).length === 0) return have === undefined || isRecord(have);
    return isRecord(have) && Object.entries(want).every(([k, v]) => contains(v, have[k]));
  }
  return want === have;
}

function sameMap(want: unknown, have: unknown): boolean {
  if (!isRecord(want)) return contains(want, have);
  const haveMap = isRecord(have) ? have : {};
  const wantKeys = Object.keys(want);
  return wantKeys.length === Object.keys(haveMap).length && wantKeys.every((k) => haveMap[k] === want[k]);
}

/** A Secret's `stringData` is written into `data` (base64) by the API server; compare it the way it is stored. */
export function storedForm(object: KubeObject): KubeObject {
  if (object.kind !== 'Secret' || object.apiVersion !== 'v1' || !isRecord(object.stringData)) return object;
  const data: Record<string, unknown> = isRecord(object.data) ? { ...object.data } : {};
  for (const [k, v] of Object.entries(object.stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  const { stringData: _dropped, ...rest } = object;
  return { ...rest, data, metadata: object.metadata };
}

export function drifted(desired: KubeObject, existing: KubeObject): boolean {
  const want = storedForm(desired);
  const meta = existing.metadata;
  for (const [key, value] of Object.entries(want.metadata)) {
    if (key === 'name' || key === 'namespace') continue;
    if (key === 'labels' || key === 'annotations') {
      const have = isRecord(meta[key]) ? meta[key] : {};
      if (!Object.entries(isRecord(value) ? value : {}).every(([k, v]) => have[k] === v)) return true;
      continue;
    }
    if (!contains(value, meta[key])) return true;
  }
  for (const [key, value] of Object.entries(want)) {
    if (IGNORED_TOP_LEVEL.has(key)) continue;
    if (!(CONTENT_MAPS.has(key) ? sameMap(value, existing[key]) : contains(value, existing[key]))) return true;
  }
  return false;
}

/**
 * The PUT body that restores `desired` over the stored object: the stored metadata (resourceVersion,
 * finalizers, others' labels and annotations) with the desired labels, annotations and metadata fields set, and
 * every desired top-level field replaced whole. managedFields is left out (the server keeps its own).
 */
export function correction(desired: KubeObject, existing: KubeObject): KubeObject {
  const { managedFields: _managed, ...existingMeta } = existing.metadata;
  const metadata: KubeObject['metadata'] = { ...existingMeta };
  for (const [key, value] of Object.entries(desired.metadata)) {
    if (key === 'labels' || key === 'annotations') {
      metadata[key] = { ...(isRecord(existingMeta[key]) ? (existingMeta[key] as Record<string, string>) : {}), ...(isRecord(value) ? (value as Record<string, string>) : {}) };
    } else metadata[key] = value;
  }
  const body: KubeObject = { ...existing, apiVersion: desired.apiVersion, kind: desired.kind, metadata };
  for (const [key, value] of Object.entries(desired)) {
    if (!IGNORED_TOP_LEVEL.has(key)) body[key] = value;
  }
  if (isRecord(desired.stringData) && !isRecord(desired.data)) {
    // Keys the stringData does not name would survive in data: replace data with what stringData says.
    delete body.data;
  }
  return body;
}
