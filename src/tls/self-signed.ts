/** In-memory material for `serve` without certificate files: a throwaway CA for localhost use. */
import { issueCertificates, issueSpec } from './generate.js';
import type { TlsMaterial } from './types.js';

export function selfSignedMaterial(now: Date, options: { keyBits?: number; hosts?: string[]; ips?: string[] } = {}): TlsMaterial {
  const spec = issueSpec({
    commonName: 'localhost',
    caCommonName: `tollgate-local-ca@${Math.floor(now.getTime() / 1000)}`,
    dns: ['localhost', ...(options.hosts ?? [])],
    ips: ['127.0.0.1', '::1', ...(options.ips ?? [])],
    keyBits: options.keyBits,
    now,
  });
  const { ca, serving } = issueCertificates(spec);
  return { key: serving.key, cert: serving.cert, ca: ca.cert };
}
