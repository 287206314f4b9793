/**
 * Lists a collection with plain GETs and JSON.parse: objects stay plain JSON (client-node's typed clients turn
 * timestamps into Dates and know only built-in kinds). Pages of `limit` objects, as client-go's reflector does,
 * so a 100,000-object list is not one response. Authentication, TLS and proxies come from the KubeConfig.
 */
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord } from '../../api/json.js';
import type { KubeObject } from '../../api/kube.js';
import { requestJson } from '../http-json.js';

export interface RawList {
  /** The list's kind without `List` (`ConfigMap`), for the list shape and items that lack it. */
  kind: string;
  apiVersion: string;
  resourceVersion: string;
  items: KubeObject[];
}

/** An error shaped as client-node's: `statusCode` and `code` (410 makes a ListWatch relist). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code: number = statusCode,
  ) {
    super(message);
  }
}

const PAGE = 500;
const TIMEOUT_MS = 60_000;
/** One page of 500 objects stays far below this; a larger answer is refused rather than held. */
const MAX_PAGE_BYTES = 256 * 1024 * 1024;

async function getJson(kc: KubeConfig, url: URL): Promise<unknown> {
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const res = await requestJson({ url, method: 'GET', tls, timeoutMs: TIMEOUT_MS, maxBytes: MAX_PAGE_BYTES });
  if (!res.ok) throw new Error(`GET ${url.pathname}: ${res.message}`);
  if (res.status < 200 || res.status >= 300) {
    const message = isRecord(res.value) && typeof res.value.message === 'string' ? res.value.message : `HTTP ${res.status}`;
    throw new ApiError(`GET ${url.pathname}: ${message}`, res.status);
  }
  return res.value;
}

function isObjectItem(value: unknown): value is KubeObject {
  return isRecord(value) && isRecord(value.metadata);
}

/** Every object of a collection (all namespaces), following `continue` tokens. */
export async function rawList(kc: KubeConfig, path: string, defaults: { apiVersion: string }): Promise<RawList> {
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error('no current cluster in the kubeconfig');
  const items: KubeObject[] = [];
  let resourceVersion = '';
  let kind = '';
  let apiVersion = defaults.apiVersion;
  let token = '';
  for (;;) {
    const url = new URL(server.replace(/\/$/, '') + path);
    url.searchParams.set('limit', String(PAGE));
    if (token !== '') url.searchParams.set('continue', token);
    const page = await getJson(kc, url);
    if (!isRecord(page) || !Array.isArray(page.items)) throw new Error(`GET ${path}: the answer is not a list`);
    const meta = isRecord(page.metadata) ? page.metadata : {};
    // The first page's resourceVersion is the snapshot all pages belong to.
    if (token === '' && typeof meta.resourceVersion === 'string') resourceVersion = meta.resourceVersion;
    if (typeof page.kind === 'string' && page.kind.endsWith('List')) kind = page.kind.slice(0, -'List'.length);
    if (typeof page.apiVersion === 'string') apiVersion = page.apiVersion;
    for (const item of page.items) if (isObjectItem(item)) items.push(item);
    token = typeof meta.continue === 'string' ? meta.continue : '';
    if (token === '') break;
  }
  // Built-in types come without apiVersion/kind in lists; the cache stores every object complete.
  for (const item of items) {
    if (typeof item.apiVersion !== 'string') item.apiVersion = apiVersion;
    if (typeof item.kind !== 'string' && kind !== '') item.kind = kind;
  }
  return { kind, apiVersion, resourceVersion, items };
}
