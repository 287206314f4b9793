/**
 * A minimal HTTP(S) client for the server tests. fastify's inject() cannot run under jest here: its
 * light-my-request requires the ESM-only `cookie` package, which jest's module runtime refuses to require()
 * (before Node 24.9), so the tests listen on 127.0.0.1:0 and talk plain HTTP, or HTTPS where TLS matters.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
  /** SHA-256 fingerprint of the certificate the server presented (HTTPS). */
  peerFingerprint?: string;
  /** The TLS protocol negotiated (HTTPS). */
  protocol?: string;
}

export interface RequestOptions {
  method?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** For HTTPS: the CA(s) to trust; the client verifies the server certificate against them. */
  ca?: string | string[];
  agent?: http.Agent | false;
  /** For HTTPS: the highest TLS version the client offers. */
  maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
}

export async function listenLocal(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return `127.0.0.1:${port}`;
}

export function send(url: string, options: RequestOptions = {}): Promise<Reply> {
  const target = new URL(url);
  const isHttps = target.protocol === 'https:';
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  // An empty content-type means "send none".
  if (headers['content-type'] === '') delete headers['content-type'];
  else if (options.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = (isHttps ? https : http).request(
      target,
      { method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers, ...(isHttps ? { ca: options.ca, ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}) } : {}), ...(options.agent !== undefined ? { agent: options.agent } : {}) },
      (res) => {
        const socket = res.socket;
        const tls = socket instanceof TLSSocket ? { peerFingerprint: socket.getPeerCertificate().fingerprint256, protocol: socket.getProtocol() ?? undefined } : {};
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T, ...tls });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export const postJson = (url: string, body: unknown, options: RequestOptions = {}): Promise<Reply> =>
  send(url, { ...options, method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });
