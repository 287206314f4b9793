/**
 * Raw JSON requests to the API server for arbitrary kinds (GET, list, POST, PUT, DELETE), used by generate and
 * the lookup fallback: objects stay plain JSON, whatever their kind; authentication and TLS come from the
 * KubeConfig. Every request has a deadline and a size cap, so a hung API server delays a queue but never
 * blocks it.
 */
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord } from '../api/json.js';
import { requestJson, type JsonResponse } from './http-json.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RestResponse = JsonResponse;

export interface RestClient {
  request(method: Method, path: string, body?: unknown): Promise<RestResponse>;
}

export interface RestOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

/** An HTTP answer other than the one expected: a 409 means "re-read", a 404 "gone", the rest "retry later". */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export function statusMessage(value: unknown, status: number): string {
  return isRecord(value) && typeof value.message === 'string' ? value.message : `HTTP ${status}`;
}

export function restClient(kc: KubeConfig, options: RestOptions = {}): RestClient {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  return {
    async request(method, path, body) {
      const server = kc.getCurrentCluster()?.server;
      if (!server) return { ok: false, message: 'no cluster server configured' };
      const tls: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(tls);
      // Concatenated, not resolved: a server URL may carry a path prefix (proxies).
      const url = new URL(`${server.replace(/\/$/, '')}${path}`);
      return requestJson({ url, method, tls, ...(body === undefined ? {} : { body: JSON.stringify(body) }), timeoutMs, maxBytes });
    },
  };
}
