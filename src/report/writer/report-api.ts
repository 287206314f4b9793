/**
 * The report calls the writer makes, on PolicyReport (namespaced) and ClusterPolicyReport (cluster-scoped):
 * list by label across all namespaces, GET, POST, PUT with resourceVersion, DELETE. 404 and 409 come back as
 * values (the writer knows what to do with them); anything else throws an ApiError, which the writer retries.
 */
import { isRecord } from '../../api/json.js';
import { ApiError, type Method, type RestClient, statusMessage } from '../../cluster/rest.js';
import { reportKey } from '../aggregate.js';
import { REPORT_API_VERSION, type ReportKind, type ReportObject } from '../types.js';

const BASE = `/apis/${REPORT_API_VERSION}`;
const PLURAL: Record<ReportKind, string> = { PolicyReport: 'policyreports', ClusterPolicyReport: 'clusterpolicyreports' };
export const REPORT_KINDS: readonly ReportKind[] = ['PolicyReport', 'ClusterPolicyReport'];

/** What the writer needs to know of a report in the cluster. */
export interface StoredReport {
  kind: ReportKind;
  namespace?: string;
  name: string;
  resourceVersion: string;
  /** The object as read, for the fingerprint. */
  object: unknown;
}

export interface ReportApi {
  list(kind: ReportKind, labelSelector: string): Promise<StoredReport[]>;
  get(kind: ReportKind, namespace: string | undefined, name: string): Promise<StoredReport | undefined>;
  /** 'exists' on 409 AlreadyExists. */
  create(report: ReportObject): Promise<StoredReport | 'exists'>;
  /** 'conflict' on 409 (resourceVersion changed), 'gone' on 404. */
  replace(report: ReportObject, resourceVersion: string): Promise<StoredReport | 'conflict' | 'gone'>;
  /** Resolves whether it existed or not. */
  remove(kind: ReportKind, namespace: string | undefined, name: string): Promise<void>;
}

function collection(kind: ReportKind, namespace?: string): string {
  return kind === 'PolicyReport' && namespace ? `${BASE}/namespaces/${encodeURIComponent(namespace)}/${PLURAL[kind]}` : `${BASE}/${PLURAL[kind]}`;
}

function item(kind: ReportKind, namespace: string | undefined, name: string): string {
  return `${collection(kind, namespace)}/${encodeURIComponent(name)}`;
}

function stored(kind: ReportKind, value: unknown): StoredReport | undefined {
  if (!isRecord(value) || !isRecord(value.metadata) || typeof value.metadata.name !== 'string') return undefined;
  const { name, namespace, resourceVersion } = value.metadata;
  return {
    kind,
    ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
    name,
    resourceVersion: typeof resourceVersion === 'string' ? resourceVersion : '',
    object: value,
  };
}

export const storedKey = (s: Pick<StoredReport, 'kind' | 'namespace' | 'name'>): string =>
  reportKey({ kind: s.kind, metadata: { name: s.name, ...(s.namespace !== undefined ? { namespace: s.namespace } : {}) } });

export function reportApi(rest: RestClient): ReportApi {
  async function call(method: Method, path: string, body?: unknown): Promise<{ status: number; value: unknown }> {
    const res = await rest.request(method, path, body);
    if (!res.ok) throw new ApiError(0, `${method} ${path}: ${res.message}`);
    return { status: res.status, value: res.value };
  }
  const fail = (method: Method, path: string, r: { status: number; value: unknown }): ApiError =>
    new ApiError(r.status, `${method} ${path}: ${statusMessage(r.value, r.status)}`);
  const answer = (kind: ReportKind, method: Method, path: string, r: { status: number; value: unknown }): StoredReport => {
    const s = stored(kind, r.value);
    if (s === undefined) throw new ApiError(r.status, `${method} ${path}: the answer is not a ${kind}`);
    return s;
  };

  return {
    async list(kind, labelSelector) {
      const out: StoredReport[] = [];
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ labelSelector, limit: '250' });
        if (token) query.set('continue', token);
        const path = `${collection(kind)}?${query.toString()}`;
        const r = await call('GET', path);
        if (r.status !== 200) throw fail('GET', path, r);
        const items = isRecord(r.value) && Array.isArray(r.value.items) ? r.value.items : [];
        for (const i of items) {
          const s = stored(kind, i);
          if (s) out.push(s);
        }
        const meta = isRecord(r.value) && isRecord(r.value.metadata) ? r.value.metadata : {};
        token = typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
      } while (token);
      return out;
    },
    async get(kind, namespace, name) {
      const path = item(kind, namespace, name);
      const r = await call('GET', path);
      if (r.status === 404) return undefined;
      if (r.status !== 200) throw fail('GET', path, r);
      return answer(kind, 'GET', path, r);
    },
    async create(report) {
      const path = collection(report.kind, report.metadata.namespace);
      const r = await call('POST', path, report);
      if (r.status === 409) return 'exists';
      if (r.status !== 200 && r.status !== 201 && r.status !== 202) throw fail('POST', path, r);
      return answer(report.kind, 'POST', path, r);
    },
    async replace(report, resourceVersion) {
      const path = item(report.kind, report.metadata.namespace, report.metadata.name);
      const r = await call('PUT', path, { ...report, metadata: { ...report.metadata, resourceVersion } });
      if (r.status === 409) return 'conflict';
      if (r.status === 404) return 'gone';
      if (r.status !== 200 && r.status !== 201) throw fail('PUT', path, r);
      return answer(report.kind, 'PUT', path, r);
    },
    async remove(kind, namespace, name) {
      const path = item(kind, namespace, name);
      const r = await call('DELETE', path);
      if (r.status === 404) return;
      if (r.status !== 200 && r.status !== 202) throw fail('DELETE', path, r);
    },
  };
}
