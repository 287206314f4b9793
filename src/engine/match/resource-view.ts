/** The few fields of the matched object that match/exclude read, taken from untrusted JSON like unstructured's getters. */
import { isRecord } from '../../api/json.js';

export interface ResourceView {
  kind: string;
  /** metadata.name, or metadata.generateName when the name is not assigned yet. */
  name: string;
  /** metadata.name only. */
  metaName: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

function stringField(obj: Record<string, unknown>, key: string): string {
  const v = obj[key];
  return typeof v === 'string' ? v : '';
}

/** Like unstructured's NestedStringMap: a map holding any non-string value reads as empty. */
function stringMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return {};
    out[k] = v;
  }
  return out;
}

/** undefined when there is no object to match (Kyverno's "resource is empty"). */
export function viewResource(resource: unknown): ResourceView | undefined {
  if (!isRecord(resource)) return undefined;
  const meta = isRecord(resource.metadata) ? resource.metadata : {};
  // Names given by generateName only (not yet assigned) match on the prefix, as in Kyverno.
  const metaName = stringField(meta, 'name');
  return {
    kind: stringField(resource, 'kind'),
    name: metaName || stringField(meta, 'generateName'),
    metaName,
    namespace: stringField(meta, 'namespace'),
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
  };
}
