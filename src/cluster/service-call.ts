/**
 * `apiCall.service` calls, made by the server for the engine (which cannot make calls): one bounded request
 * to the service's URL, its JSON answer returned. The CA bundle of the policy verifies an https: service.
 */
import type https from 'node:https';
import type { Lookup, ServiceRequest } from '../api/snapshot.js';
import { requestJson } from './http-json.js';

export interface ServiceCaller {
  call(request: ServiceRequest): Promise<Lookup<unknown>>;
}

export interface ServiceCallOptions {
  timeoutMs: number;
  maxBytes: number;
}

export function createServiceCaller(options: ServiceCallOptions): ServiceCaller {
  return {
    async call(request) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return { found: false, reason: 'not-found', message: `invalid service URL ${JSON.stringify(request.url)}` };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { found: false, reason: 'not-found', message: `unsupported service URL scheme ${url.protocol}` };
      const tls: https.RequestOptions = request.caBundle ? { ca: request.caBundle } : {};
      const res = await requestJson({
        url,
        method: request.method,
        headers: { ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(request.headers ?? {}) },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        tls,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
      });
      if (!res.ok) return { found: false, reason: 'not-found', message: `${request.method} ${request.url}: ${res.message}` };
      if (res.status < 200 || res.status >= 300) return { found: false, reason: 'not-found', message: `${request.method} ${request.url}: HTTP ${res.status}` };
      return { found: true, value: res.value };
    },
  };
}
