/** A real TLS server fed by fileCertSource: rotation reaches new connections and leaves open ones alone. */
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import { fileCertSource, serverTlsOptions, type FileCertSource } from '../../src/tls/index.js';
import { nextChange, tempDir, testCertificates } from './helpers.js';

const SERVERNAME = 'tollgate.tollgate.svc';

function open(port: number, ca: string): Promise<TLSSocket> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ca: [ca], servername: SERVERNAME });
    socket.once('secureConnect', () => resolvePromise(socket));
    socket.once('error', reject);
  });
}

function echo(socket: TLSSocket, text: string): Promise<string> {
  return new Promise((resolvePromise) => {
    socket.once('data', (data: Buffer) => resolvePromise(data.toString('utf8')));
    socket.write(text);
  });
}

describe('certificate rotation on a live TLS server', () => {
  const a = testCertificates();
  const b = testCertificates();
  let dir: { path: string; remove(): Promise<void> };
  let source: FileCertSource;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dir = await tempDir();
    await writeFile(join(dir.path, 'tls.crt'), a.serving.cert);
    await writeFile(join(dir.path, 'tls.key'), a.serving.key);
    source = await fileCertSource({ certFile: join(dir.path, 'tls.crt'), keyFile: join(dir.path, 'tls.key'), debounceMs: 50 });
    server = createServer(serverTlsOptions(source.current()), (socket) => socket.pipe(socket));
    server.on('tlsClientError', () => undefined);
    source.onChange((material) => server.setSecureContext(serverTlsOptions(material)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await source.close();
    await new Promise<void>((r) => server.close(() => r()));
    await dir.remove();
  });

  it('serves the new pair to new connections and keeps open ones working', async () => {
    const before = await open(port, a.ca.cert);
    expect(await echo(before, 'one')).toBe('one');

    const changed = nextChange(source);
    await writeFile(join(dir.path, 'tls.crt'), b.serving.cert);
    await writeFile(join(dir.path, 'tls.key'), b.serving.key);
    await changed;

    expect(await echo(before, 'two')).toBe('two');
    const after = await open(port, b.ca.cert);
    expect(await echo(after, 'three')).toBe('three');
    await expect(open(port, a.ca.cert)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    expect(before.getProtocol()).toMatch(/^TLSv1\.[23]$/);
    before.destroy();
    after.destroy();
  });

  it('refuses clients limited to TLS 1.1 with a protocol alert from the server', async () => {
    // SECLEVEL=0 lets the client offer TLS 1.1 at all, so the refusal can only come from the server.
    const result = await new Promise<string>((resolvePromise) => {
      const socket = connect({ host: '127.0.0.1', port, ca: [b.ca.cert], servername: SERVERNAME, maxVersion: 'TLSv1.1', minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
      socket.once('secureConnect', () => {
        resolvePromise('connected');
        socket.destroy();
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolvePromise(err.code ?? 'error'));
    });
    expect(result).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });
});
