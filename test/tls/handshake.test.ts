import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { testCertificates } from './helpers.js';

/** Opens a TLS connection and reports whether the handshake verified, or the error code. */
function handshake(port: number, ca: string, servername: string | undefined, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolvePromise) => {
    const socket: TLSSocket = connect({ host, port, ca: [ca], ...(servername === undefined ? {} : { servername }), minVersion: 'TLSv1.2' });
    socket.once('secureConnect', () => {
      resolvePromise(socket.authorized ? 'ok' : `unauthorized: ${String(socket.authorizationError)}`);
      socket.end();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      resolvePromise(err.code ?? err.message);
      socket.destroy();
    });
  });
}

describe('TLS handshake with the generated certificates', () => {
  const certs = testCertificates();
  const otherCa = testCertificates().ca.cert;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer({ key: certs.serving.key, cert: certs.serving.cert, minVersion: 'TLSv1.2' }, (socket) => socket.end());
    // A client that fails verification resets the socket; that is expected here.
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it.each([
    ['the namespaced Service name', certs.ca.cert, 'tollgate.tollgate.svc', 'ok'],
    ['the short Service name', certs.ca.cert, 'tollgate', 'ok'],
    ['the cluster-local name', certs.ca.cert, 'tollgate.tollgate.svc.cluster.local', 'ok'],
    ['the IP SAN (no servername)', certs.ca.cert, undefined, 'ok'],
    ['a name outside the SANs', certs.ca.cert, 'tollgate.other.svc', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['a client trusting another CA', otherCa, 'tollgate.tollgate.svc', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ])('%s', async (_label, ca, servername, expected) => {
    expect(await handshake(port, ca, servername)).toBe(expected);
  });
});
