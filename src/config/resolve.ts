/**
 * Flags and environment -> Config. The caller passes argv-derived flags and `process.env`; the only other input is
 * whether a default CA file exists (`probe`). A flag wins over its environment variable; every problem is
 * reported at once, naming the flag or variable.
 */
import { statSync } from 'node:fs';
import { parseDuration } from '../engine/values/duration.js';
import { parseCacheKind, type CacheKind } from '../policy/cache-kinds.js';
import { registerEnabled, webhookTarget } from './registration.js';
import { FLAG_NAMES, setting, type Setting } from './settings.js';
import { tlsConfig } from './tls.js';
import { LOG_LEVELS, type ClusterConfig, type Config, type ConfigFlags, type ConfigProbe, type ConfigResult, type Environment, type LogLevel } from './types.js';

export { ENV_NAMES } from './settings.js';

const FILE_SYSTEM: ConfigProbe = { fileExists: (file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false };

export const DEFAULTS = {
  policiesDir: 'policies',
  host: '0.0.0.0',
  port: 9443,
  // The API server's default webhook timeout is 10 s: leave room for the network and the answer.
  timeoutMs: 8000,
  bodyLimitBytes: 8 * 1024 * 1024,
  logLevel: 'info' as LogLevel,
  // Below Kubernetes' default terminationGracePeriodSeconds (30 s).
  shutdownTimeoutMs: 20_000,
  backgroundScanIntervalMs: 3_600_000,
} as const;

/** An UPDATE review carries object and oldObject, each up to about 3 MiB. */
export const MIN_BODY_LIMIT_BYTES = 6 * 1024 * 1024;
/** The API server never waits longer than 30 s for a webhook. */
export const MAX_TIMEOUT_MS = 30_000;

function integer(s: Setting, errors: string[], min: number, max: number): number | undefined {
  if (!/^\d+$/.test(s.value.trim())) {
    errors.push(`${s.origin}: expected a whole number, got ${JSON.stringify(s.value)}`);
    return undefined;
  }
  const n = Number(s.value.trim());
  if (n < min || n > max) {
    errors.push(`${s.origin}: must be between ${min} and ${max}, got ${n}`);
    return undefined;
  }
  return n;
}

const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };

/** Bytes, or Kubernetes-style binary suffixes: `8388608`, `8192Ki`, `8Mi`. */
function size(s: Setting, errors: string[]): number | undefined {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(s.value.trim());
  if (!m) {
    errors.push(`${s.origin}: expected a size such as 8Mi or 8388608, got ${JSON.stringify(s.value)}`);
    return undefined;
  }
  const bytes = Number(m[1]) * SIZE_UNITS[m[2] ?? ''];
  if (bytes < MIN_BODY_LIMIT_BYTES) {
    errors.push(`${s.origin}: must be at least 6Mi (an UPDATE carries object and oldObject), got ${s.value}`);
    return undefined;
  }
  return bytes;
}

function logLevel(s: Setting, errors: string[]): LogLevel | undefined {
  const level = LOG_LEVELS.find((l) => l === s.value.trim().toLowerCase());
  if (!level) errors.push(`${s.origin}: expected one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(s.value)}`);
  return level;
}

/**
 * An explicit kubeconfig; otherwise the in-cluster service account when running in a Pod. KUBECONFIG alone
 * is deliberately not used: `make run` on a developer machine must not start acting on their cluster.
 * TOLLGATE_CLUSTER=none turns the cluster off even in a Pod.
 */
function clusterConfig(flags: ConfigFlags, env: Environment): ClusterConfig {
  if (env.TOLLGATE_CLUSTER === 'none') return { source: 'none' };
  const kubeconfig = setting(flags, env, 'kubeconfig');
  if (kubeconfig) return { source: 'kubeconfig', path: kubeconfig.value };
  if (env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT) return { source: 'in-cluster' };
  return { source: 'none' };
}

function parseCacheKinds(s: Setting | undefined, errors: string[]): CacheKind[] {
  if (!s) return [];
  const out: CacheKind[] = [];
  for (const name of s.value.split(',').map((n) => n.trim()).filter((n) => n !== '')) {
    const kind = parseCacheKind(name);
    if (kind) out.push(kind);
    else errors.push(`${s.origin}: expected resource names such as configmaps or ingresses.networking.k8s.io, got ${JSON.stringify(name)}`);
  }
  return out;
}

/** A Go duration (`1h`, `30m`, `90s`), between one minute and one week. */
function scanInterval(s: Setting | undefined, errors: string[]): number {
  if (!s) return DEFAULTS.backgroundScanIntervalMs;
  const ns = parseDuration(s.value.trim());
  if (ns === undefined || ns < 60e9 || ns > 7 * 24 * 3600e9) {
    errors.push(`${s.origin}: expected a duration between 1m and 168h, such as 1h or 30m, got ${JSON.stringify(s.value)}`);
    return DEFAULTS.backgroundScanIntervalMs;
  }
  return Math.round(ns / 1e6);
}

/** The identity fields the cache indexes by can never be dropped. */
const PROTECTED_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.resourceVersion']);

function parseFieldPaths(s: Setting | undefined, errors: string[]): string[] {
  if (!s) return [];
  const paths = s.value.split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const p of paths) {
    if (!/^[^.\s]+(\.[^.\s]+)*$/.test(p.replace(/\\\./g, '_'))) errors.push(`${s.origin}: expected dotted field paths such as status or metadata.annotations, got ${JSON.stringify(p)}`);
    else if (PROTECTED_FIELDS.has(p)) errors.push(`${s.origin}: ${p} identifies cached objects and cannot be dropped`);
  }
  return paths;
}

export function resolveConfig(flags: ConfigFlags, env: Environment, probe: ConfigProbe = FILE_SYSTEM): ConfigResult {
  const errors: string[] = [];
  const get = (name: keyof ConfigFlags): Setting | undefined => setting(flags, env, name);
  const num = (name: keyof ConfigFlags, fallback: number, min: number, max: number): number => {
    const s = get(name);
    return s ? (integer(s, errors, min, max) ?? fallback) : fallback;
  };

  const port = num('port', DEFAULTS.port, 0, 65535);
  const timeoutMs = num('timeoutMs', DEFAULTS.timeoutMs, 1, MAX_TIMEOUT_MS);
  const shutdownTimeoutMs = num('shutdownTimeoutMs', DEFAULTS.shutdownTimeoutMs, 0, 600_000);
  const limit = get('bodyLimit');
  const bodyLimitBytes = limit ? (size(limit, errors) ?? DEFAULTS.bodyLimitBytes) : DEFAULTS.bodyLimitBytes;
  const level = get('logLevel');
  const logLevelValue = level ? (logLevel(level, errors) ?? DEFAULTS.logLevel) : DEFAULTS.logLevel;
  const tls = tlsConfig(flags, env, (file) => probe.fileExists(file), errors);
  const cluster = clusterConfig(flags, env);
  const register = registerEnabled(flags, env, cluster, errors);
  const webhook = webhookTarget(flags, env, errors);
  const cacheKinds = parseCacheKinds(get('cacheKinds'), errors);
  const cacheDropFields = parseFieldPaths(get('cacheDropFields'), errors);
  const backgroundScanIntervalMs = scanInterval(get('backgroundScanInterval'), errors);
  const host = get('host')?.value.trim() ?? DEFAULTS.host;
  if (host === '') errors.push(`${FLAG_NAMES.host}: must not be empty`);

  if (errors.length > 0) return { ok: false, errors };
  const config: Config = {
    policiesDir: get('policies')?.value ?? DEFAULTS.policiesDir,
    host,
    port,
    tls: Object.freeze(tls),
    cluster: Object.freeze(cluster),
    timeoutMs,
    bodyLimitBytes,
    logLevel: logLevelValue,
    shutdownTimeoutMs,
    register,
    webhook: Object.freeze(webhook),
    cacheKinds,
    cacheDropFields,
    backgroundScanIntervalMs,
  };
  return { ok: true, config: Object.freeze(config) };
}
