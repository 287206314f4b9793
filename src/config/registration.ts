/**
 * `--register` and where the API server reaches Tollgate: the Service (name, namespace) or, outside the
 * cluster, `--url https://HOST:PORT`. Registration needs a cluster to write the webhook configurations to.
 */
import { isDnsLabel } from '../tls/names.js';
import { FLAG_NAMES, flagOrEnv, setting, type Setting } from './settings.js';
import type { ClusterConfig, ConfigFlags, Environment, WebhookTargetConfig } from './types.js';

export const DEFAULT_NAMESPACE = 'tollgate';
export const DEFAULT_SERVICE = 'tollgate';
/** Set by the Deployment from the downward API (metadata.namespace). */
export const POD_NAMESPACE_ENV = 'POD_NAMESPACE';

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

function boolean(s: Setting, errors: string[]): boolean {
  const v = s.value.trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (!FALSE.includes(v)) errors.push(`${s.origin}: expected true or false, got ${JSON.stringify(s.value)}`);
  return false;
}

function name(s: Setting, errors: string[]): string {
  const v = s.value.trim();
  if (!isDnsLabel(v)) errors.push(`${s.origin}: ${JSON.stringify(s.value)} is not a valid Kubernetes name (lower-case RFC 1123 label)`);
  return v;
}

/** The API server calls webhooks over HTTPS only and refuses a query, fragment or user info; a trailing slash is dropped. */
function webhookUrl(s: Setting, errors: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(s.value.trim());
  } catch {
    errors.push(`${s.origin}: ${JSON.stringify(s.value)} is not a URL (expected https://HOST:PORT)`);
    return undefined;
  }
  if (url.protocol !== 'https:') errors.push(`${s.origin}: ${JSON.stringify(s.value)}: the API server calls webhooks over https only`);
  else if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    errors.push(`${s.origin}: ${JSON.stringify(s.value)} must not carry a query, fragment or user info`);
  } else return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return undefined;
}

export function webhookTarget(flags: ConfigFlags, env: Environment, errors: string[]): WebhookTargetConfig {
  const ns = setting(flags, env, 'namespace');
  const podNamespace = env[POD_NAMESPACE_ENV];
  const namespace = ns
    ? name(ns, errors)
    : podNamespace
      ? name({ value: podNamespace, origin: POD_NAMESPACE_ENV, fromFlag: false }, errors)
      : DEFAULT_NAMESPACE;
  const svc = setting(flags, env, 'service');
  const service = svc ? name(svc, errors) : DEFAULT_SERVICE;
  const u = setting(flags, env, 'url');
  const url = u ? webhookUrl(u, errors) : undefined;
  return url === undefined ? { namespace, service } : { namespace, service, url };
}

function noCluster(env: Environment): string {
  return env.TOLLGATE_CLUSTER === 'none' ? 'TOLLGATE_CLUSTER=none turns the cluster off' : `give ${flagOrEnv('kubeconfig')}, or run in a Pod with a service account`;
}

/** Whether to register; flags that only make sense with registration are errors without it (a forgotten --register). */
export function registerEnabled(flags: ConfigFlags, env: Environment, cluster: ClusterConfig, errors: string[]): boolean {
  const s = setting(flags, env, 'register');
  const register = s ? boolean(s, errors) : false;
  if (register && s && cluster.source === 'none') errors.push(`${s.origin} needs a cluster to write the webhook configurations to: ${noCluster(env)}`);
  if (!register) {
    for (const n of ['url', 'service', 'namespace'] as const) {
      if (flags[n] !== undefined) errors.push(`${FLAG_NAMES[n]} only applies with ${FLAG_NAMES.register}`);
    }
  }
  return register;
}
