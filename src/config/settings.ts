/** Reading one setting: its flag first, else its TOLLGATE_* variable; the origin names whichever was used in messages. */
import type { ConfigFlags, Environment } from './types.js';

/** Environment variable for each flag. */
export const ENV_NAMES: Readonly<Record<keyof ConfigFlags, string>> = {
  policies: 'TOLLGATE_POLICIES',
  port: 'TOLLGATE_PORT',
  host: 'TOLLGATE_HOST',
  cert: 'TOLLGATE_TLS_CERT_FILE',
  key: 'TOLLGATE_TLS_KEY_FILE',
  ca: 'TOLLGATE_TLS_CA_FILE',
  kubeconfig: 'TOLLGATE_KUBECONFIG',
  timeoutMs: 'TOLLGATE_TIMEOUT_MS',
  bodyLimit: 'TOLLGATE_BODY_LIMIT',
  logLevel: 'TOLLGATE_LOG_LEVEL',
  shutdownTimeoutMs: 'TOLLGATE_SHUTDOWN_TIMEOUT_MS',
  register: 'TOLLGATE_REGISTER',
  namespace: 'TOLLGATE_NAMESPACE',
  service: 'TOLLGATE_SERVICE',
  url: 'TOLLGATE_WEBHOOK_URL',
  cacheKinds: 'TOLLGATE_CACHE_KINDS',
  cacheDropFields: 'TOLLGATE_CACHE_DROP_FIELDS',
  backgroundScanInterval: 'TOLLGATE_BACKGROUND_SCAN_INTERVAL',
};

export const FLAG_NAMES: Readonly<Record<keyof ConfigFlags, string>> = {
  policies: '--policies',
  port: '--port',
  host: '--host',
  cert: '--cert',
  key: '--key',
  ca: '--ca',
  kubeconfig: '--kubeconfig',
  timeoutMs: '--timeout-ms',
  bodyLimit: '--body-limit',
  logLevel: '--log-level',
  shutdownTimeoutMs: '--shutdown-timeout-ms',
  register: '--register',
  namespace: '--namespace',
  service: '--service',
  url: '--url',
  cacheKinds: '--cache-kinds',
  cacheDropFields: '--cache-drop-fields',
  backgroundScanInterval: '--background-scan-interval',
};

export interface Setting {
  value: string;
  /** `--port` or `TOLLGATE_PORT`, for messages. */
  origin: string;
  fromFlag: boolean;
}

export function setting(flags: ConfigFlags, env: Environment, name: keyof ConfigFlags): Setting | undefined {
  const flag = flags[name];
  if (flag !== undefined) return { value: flag, origin: FLAG_NAMES[name], fromFlag: true };
  const value = env[ENV_NAMES[name]];
  return value === undefined || value === '' ? undefined : { value, origin: ENV_NAMES[name], fromFlag: false };
}

/** Either spelling of a flag, for "needs X too" messages. */
export function flagOrEnv(name: keyof ConfigFlags): string {
  return `${FLAG_NAMES[name]} (or ${ENV_NAMES[name]})`;
}
