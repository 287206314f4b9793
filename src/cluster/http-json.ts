/**
 * One bounded HTTP(S) request whose answer is JSON: a deadline for the whole exchange and a cap on the body,
 * so a slow or huge answer can never hold an admission request. Used for API server GETs the cache cannot
 * answer and for `apiCall.service` calls.
 */
import http from 'node:http';
import https from 'node:https';

export interface JsonRequest {
  url: URL;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** TLS and auth options (CA, client certificate, bearer token headers) for https: URLs. */
  tls?: https.RequestOptions;
  timeoutMs: number;
  maxBytes: number;
}

export type JsonResponse = { ok: true; status: number; value: unknown } | { ok: false; message: string };

export function requestJson(req: JsonRequest): Promise<JsonResponse> {
  return new Promise((resolve) => {
    const options: https.RequestOptions = {
      ...(req.tls ?? {}),
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(req.tls?.headers as Record<string, string> | undefined),
        ...(req.body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(req.body)) } : {}),
        ...(req.headers ?? {}),
      },
      timeout: req.timeoutMs,
    };
    const transport = req.url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (r: JsonResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(r);
    };
    const call = transport.request(req.url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > req.maxBytes) {
          finish({ ok: false, message: `the answer is larger than ${req.maxBytes} bytes` });
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
    // `timeout` only covers idle sockets; the deadline covers the whole exchange.
    const deadline = setTimeout(() => {
      finish({ ok: false, message: `no answer within ${req.timeoutMs} ms` });
      call.destroy();
    }, req.timeoutMs);
    call.on('timeout', () => call.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
    call.on('error', (err) => finish({ ok: false, message: err.message }));
    if (req.body !== undefined) call.write(req.body);
    call.end();
  });
}
