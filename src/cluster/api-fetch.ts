/**
 * GETs of Kubernetes API paths, for lookups the cluster cache cannot answer (a kind it does not replicate):
 * one request with a short deadline and a size limit, authenticated as the kubeconfig says.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import type { Lookup } from '../api/snapshot.js';
import { restClient, statusMessage } from './rest.js';

export interface ApiFetcher {
  get(urlPath: string): Promise<Lookup<unknown>>;
}

export interface ApiFetchOptions {
  timeoutMs: number;
  maxBytes: number;
}

export function createApiFetcher(kc: KubeConfig, options: ApiFetchOptions): ApiFetcher {
  const rest = restClient(kc, options);
  return {
    async get(urlPath) {
      if (!urlPath.startsWith('/')) return { found: false, reason: 'not-found', message: `invalid API path ${JSON.stringify(urlPath)}` };
      const res = await rest.request('GET', urlPath);
      if (!res.ok) return { found: false, reason: 'not-found', message: `GET ${urlPath}: ${res.message}` };
      if (res.status === 200) return { found: true, value: res.value };
      return { found: false, reason: 'not-found', message: `GET ${urlPath}: ${statusMessage(res.value, res.status)}` };
    },
  };
}
