/**
 * GETs of Kubernetes API paths, for lookups the cluster cache cannot answer (a kind it does not replicate):
 * one request with a short deadline and a size limit, authenticated as the kubeconfig says.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type https from 'node:https';
import type { Lookup } from '../api/snapshot.js';
import { requestJson } from './http-json.js';

export interface ApiFetcher {
  get(urlPath: string): Promise<Lookup<unknown>>;
}

export interface ApiFetchOptions {
  timeoutMs: number;
  maxBytes: number;
}

export function createApiFetcher(kc: KubeConfig, options: ApiFetchOptions): ApiFetcher {
  const server = kc.getCurrentCluster()?.server;
  return {
    async get(urlPath) {
      if (!server) return { found: false, reason: 'not-found', message: 'no cluster server configured' };
      if (!urlPath.startsWith('/')) return { found: false, reason: 'not-found', message: `invalid API path ${JSON.stringify(urlPath)}` };
      const tls: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(tls);
      // Concatenated, not resolved: a server URL may carry a path prefix (proxies, Rancher).
      const url = new URL(`${server.replace(/\/$/, '')}${urlPath}`);
      const res = await requestJson({ url, method: 'GET', tls, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes });
      if (!res.ok) return { found: false, reason: 'not-found', message: `GET ${urlPath}: ${res.message}` };
      if (res.status === 200) return { found: true, value: res.value };
      const message = typeof res.value === 'object' && res.value !== null && typeof (res.value as { message?: unknown }).message === 'string' ? (res.value as { message: string }).message : `HTTP ${res.status}`;
      return { found: false, reason: 'not-found', message: `GET ${urlPath}: ${message}` };
    },
  };
}
