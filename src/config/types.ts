import type { CacheKind } from '../policy/cache-kinds.js';
/** The server's configuration: one frozen, typed value built from flags and environment at startup. */

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Certificate files (reloaded when they change), or an in-memory self-signed pair for local use. `caFile` is the CA
 * that signed the certificate, the webhooks' caBundle: `--ca`, else `ca.crt` next to the certificate when present.
 */
export type TlsConfig =
  | { readonly source: 'files'; readonly certFile: string; readonly keyFile: string; readonly caFile?: string }
  | { readonly source: 'self-signed' };

/** Where cluster policies and lookups come from, if anywhere. */
export type ClusterConfig = { readonly source: 'none' } | { readonly source: 'kubeconfig'; readonly path: string } | { readonly source: 'in-cluster' };

/** Where the API server reaches Tollgate, for the webhook configurations `--register` writes. */
export interface WebhookTargetConfig {
  /** Tollgate's own namespace: its Service's, and never subject to its webhooks. */
  readonly namespace: string;
  readonly service: string;
  /** `https://HOST:PORT` (normalized, no trailing slash) when running outside the cluster; replaces the Service. */
  readonly url?: string;
}

export interface Config {
  /** Directory of policy files. */
  readonly policiesDir: string;
  readonly host: string;
  /** 0 lets the system choose (tests). */
  readonly port: number;
  readonly tls: TlsConfig;
  readonly cluster: ClusterConfig;
  /** Evaluation budget of one admission request, in ms; shortened further by the policies' webhook timeouts. */
  readonly timeoutMs: number;
  readonly bodyLimitBytes: number;
  readonly logLevel: LogLevel;
  /** How long a graceful shutdown may wait for requests in flight before connections are cut. */
  readonly shutdownTimeoutMs: number;
  /** Keep the webhook configurations in sync with the policies and the CA (needs a cluster). */
  readonly register: boolean;
  readonly webhook: WebhookTargetConfig;
  /** Kinds the cluster cache replicates besides those the policies need (`resource[.version].group`). */
  readonly cacheKinds: readonly CacheKind[];
  /** Dotted field paths dropped from every cached object (besides managedFields and last-applied). */
  readonly cacheDropFields: readonly string[];
  /** Period of the full background scan of existing resources, in ms. */
  readonly backgroundScanIntervalMs: number;
}

/** The `serve` flags as strings (absent when not given); the environment fills what flags leave out. */
export interface ConfigFlags {
  policies?: string;
  port?: string;
  host?: string;
  cert?: string;
  key?: string;
  kubeconfig?: string;
  timeoutMs?: string;
  bodyLimit?: string;
  logLevel?: string;
  shutdownTimeoutMs?: string;
  ca?: string;
  /** `'true'` / `'false'` (also 1/0, yes/no). */
  register?: string;
  namespace?: string;
  service?: string;
  url?: string;
  /** Comma-separated `resource[.version].group` names. */
  cacheKinds?: string;
  /** Comma-separated dotted field paths. */
  cacheDropFields?: string;
  /** A Go duration such as 1h or 30m. */
  backgroundScanInterval?: string;
}

/** What config resolution may ask of the file system (injected in tests). */
export interface ConfigProbe {
  /** True when a regular file exists at the path. */
  fileExists(file: string): boolean;
}

export type Environment = Readonly<Record<string, string | undefined>>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };
