/** The TLS options the HTTPS server uses for given material; also what `setSecureContext` takes on reload. */
import type { TlsMaterial } from './types.js';

export interface ServerTlsOptions {
  key: string;
  cert: string;
  minVersion: 'TLSv1.2';
}

export function serverTlsOptions(material: TlsMaterial): ServerTlsOptions {
  return { key: material.key, cert: material.cert, minVersion: 'TLSv1.2' };
}
