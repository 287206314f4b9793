/** Flags and environment -> one frozen, typed Config. */
export { resolveConfig, DEFAULTS, ENV_NAMES, MIN_BODY_LIMIT_BYTES, MAX_TIMEOUT_MS } from './resolve.js';
export { DEFAULT_NAMESPACE, DEFAULT_SERVICE, POD_NAMESPACE_ENV } from './registration.js';
export { DEFAULT_CA_FILE_NAME } from './tls.js';
export {
  LOG_LEVELS, type ClusterConfig, type Config, type ConfigFlags, type ConfigProbe, type ConfigResult, type Environment, type LogLevel, type TlsConfig,
  type WebhookTargetConfig,
} from './types.js';
