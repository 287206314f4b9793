/**
 * Certificate rotation without a restart: new material from the CertSource replaces the server's secure
 * context. Established connections keep their session; new handshakes get the new certificate.
 */
import { Server as TlsServer } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { fingerprintSha256, type CertSource, type TlsMaterial } from '../tls/index.js';
import { TLS_MIN_VERSION } from './app.js';

/** Applies every change of `source` to the app's HTTPS server; returns the unsubscribe function. */
export function followCertificates(app: FastifyInstance, source: CertSource): () => void {
  return source.onChange((material: TlsMaterial) => {
    const server = app.server;
    if (!(server instanceof TlsServer)) {
      app.log.warn('certificate changed, but the server does not speak TLS');
      return;
    }
    try {
      server.setSecureContext({ key: material.key, cert: material.cert, minVersion: TLS_MIN_VERSION });
      app.log.info({ fingerprint: fingerprintSha256(material.cert) }, 'serving certificate reloaded');
    } catch (err) {
      app.log.error({ err }, 'new certificate rejected; still serving the previous one');
    }
  });
}
