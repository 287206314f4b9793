/**
 * Raw JSON requests to the API server for arbitrary kinds (GET, list, POST, PUT, DELETE): objects stay plain
 * JSON, whatever their kind; authentication and TLS come from the KubeConfig. Every request has a deadline and a
 * size cap, so a hung API server delays the queue but never blocks it.
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isRecord } from '../../api/json.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type RestResponse = { ok: true; status: number; value: unknown } | { ok: false; message: string };

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

function send(url: URL, method: Method, tls: https.RequestOptions, body: string | undefined, timeoutMs: number, maxBytes: number): Promise<RestResponse> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = { accept: 'application/json', ...(tls.headers as Record<string, string> | undefined) };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    let settled = false;
    const finish = (r: RestResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(r);
    };
    const transport = url.protocol === 'https:' ? https : http;
    const call = transport.request(url, { ...tls, method, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          finish({ ok: false, message: `the answer is larger than ${maxBytes} bytes` });
          call.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          finish({ ok: true, status: res.statusCode ?? 0, value: text === '' ? null : (JSON.parse(text) as unknown) });
        } catch {
          finish({ ok: false, message: `the answer (HTTP ${res.statusCode ?? 0}) is not JSON` });
        }
      });
      res.on('error', (err) => finish({ ok: false, message: err.message }));
    });
    const deadline = setTimeout(() => {
      finish({ ok: false, message: `no answer within ${timeoutMs} ms` });
      call.destroy();
    }, timeoutMs);
    call.on('timeout', () => call.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    call.on('error', (err) => finish({ ok: false, message: err.message }));
    if (body !== undefined) call.write(body);
    call.end();
  });
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
      return send(url, method, tls, body === undefined ? undefined : JSON.stringify(body), timeoutMs, maxBytes);
    },
  };
}
