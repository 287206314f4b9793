/** Lists Tollgate's PolicyReports and ClusterPolicyReports from the cluster, page by page. */
import { isRecord } from '../../api/json.js';
import type { RestClient } from '../../cluster/rest.js';
import { statusMessage } from '../../cluster/rest.js';
import { MANAGED_SELECTOR, POLICY_LABEL, parseReportObject, policyLabelValue, type ReportObject } from '../../report/index.js';

const BASE = '/apis/wgpolicyk8s.io/v1alpha2';
const PAGE = 250;

export interface FetchOptions {
  namespace?: string;
  /** Narrows the listing by the policy label; the caller still filters results by exact key. */
  policy?: string;
}

export interface FetchResult {
  reports: ReportObject[];
  /** Problems that did not stop the listing (a kind not installed, a malformed object). */
  warnings: string[];
}

export class ReportFetchError extends Error {}

function selector(options: FetchOptions): string {
  const parts = [MANAGED_SELECTOR];
  if (options.policy !== undefined) parts.push(`${POLICY_LABEL}=${policyLabelValue(options.policy)}`);
  return parts.join(',');
}

async function listAll(rest: RestClient, path: string, labelSelector: string, warnings: string[]): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ labelSelector, limit: String(PAGE), ...(token ? { continue: token } : {}) });
    const res = await rest.request('GET', `${path}?${query.toString()}`);
    if (!res.ok) throw new ReportFetchError(`GET ${path}: ${res.message}`);
    if (res.status === 404) {
      warnings.push(`GET ${path}: not found (are the wgpolicyk8s.io CRDs installed?)`);
      return items;
    }
    if (res.status < 200 || res.status >= 300) throw new ReportFetchError(`GET ${path}: ${statusMessage(res.value, res.status)}`);
    if (!isRecord(res.value) || !Array.isArray(res.value.items)) throw new ReportFetchError(`GET ${path}: not a list`);
    items.push(...res.value.items);
    const meta = res.value.metadata;
    token = isRecord(meta) && typeof meta.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
  } while (token !== undefined);
  return items;
}

/** With a namespace only its PolicyReports; otherwise every namespace's plus the ClusterPolicyReports. */
export async function fetchReports(rest: RestClient, options: FetchOptions): Promise<FetchResult> {
  const warnings: string[] = [];
  const labelSelector = selector(options);
  const paths = options.namespace !== undefined
    ? [`${BASE}/namespaces/${encodeURIComponent(options.namespace)}/policyreports`]
    : [`${BASE}/clusterpolicyreports`, `${BASE}/policyreports`];
  const reports: ReportObject[] = [];
  for (const path of paths) {
    for (const item of await listAll(rest, path, labelSelector, warnings)) {
      // Lists of custom resources keep apiVersion/kind on items; fill them in when a server drops them.
      const kind = path.endsWith('clusterpolicyreports') ? 'ClusterPolicyReport' : 'PolicyReport';
      const parsed = parseReportObject(isRecord(item) ? { kind, ...item } : item);
      if (parsed.ok) reports.push(parsed.value);
      else warnings.push(`${path}: ${parsed.error}`);
    }
  }
  return { reports, warnings };
}
