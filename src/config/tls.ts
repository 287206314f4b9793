/** Certificate settings: files (with the CA for the webhook caBundle, given or found next to the certificate) or self-signed. */
import path from 'node:path';
import { flagOrEnv, setting } from './settings.js';
import type { ConfigFlags, Environment, TlsConfig } from './types.js';

/** The name a Kubernetes TLS Secret (and `tollgate certs`) gives the CA, mounted next to tls.crt. */
export const DEFAULT_CA_FILE_NAME = 'ca.crt';

export function tlsConfig(flags: ConfigFlags, env: Environment, fileExists: (file: string) => boolean, errors: string[]): TlsConfig {
  const cert = setting(flags, env, 'cert');
  const key = setting(flags, env, 'key');
  const ca = setting(flags, env, 'ca');
  if (cert && key) {
    const besideCert = path.join(path.dirname(cert.value), DEFAULT_CA_FILE_NAME);
    const caFile = ca?.value ?? (fileExists(besideCert) ? besideCert : undefined);
    return { source: 'files', certFile: cert.value, keyFile: key.value, ...(caFile !== undefined ? { caFile } : {}) };
  }
  if (cert) errors.push(`${cert.origin} needs ${flagOrEnv('key')} too`);
  if (key) errors.push(`${key.origin} needs ${flagOrEnv('cert')} too`);
  if (ca && !cert && !key) errors.push(`${ca.origin} needs ${flagOrEnv('cert')} and ${flagOrEnv('key')}: the self-signed certificate generated in memory has its own CA`);
  return { source: 'self-signed' };
}
