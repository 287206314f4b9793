/** SHA-256 fingerprint of a PEM certificate, printed like `openssl x509 -fingerprint -sha256`. */
import { X509Certificate } from 'node:crypto';

export function fingerprintSha256(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}
