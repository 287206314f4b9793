/**
 * Which cluster to talk to, in the order kubectl users expect: an explicit file, else the in-cluster service
 * account, else $KUBECONFIG, else ~/.kube/config, else none (the server then runs on files alone).
 * client-node's own `loadFromDefault` is not used: it falls back to http://localhost:8080 instead of "none".
 */
import { existsSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export type KubeConfigOrigin = 'file' | 'in-cluster' | 'KUBECONFIG' | 'home';

export type KubeConfigResult =
  | { type: 'loaded'; kubeConfig: KubeConfig; origin: KubeConfigOrigin; location: string; server: string }
  | { type: 'none' }
  | { type: 'error'; origin: KubeConfigOrigin; location: string; reason: string };

/** Where to look; the defaults are the real process environment, home and service-account mount. */
export interface KubeConfigLookup {
  env?: Readonly<Record<string, string | undefined>>;
  home?: string;
  /** Prefix of `/var/run/secrets/kubernetes.io/serviceaccount` (tests point it at a temporary directory). */
  serviceAccountPrefix?: string;
}

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** As client-node builds it: plain http only on the well-known insecure ports, IPv6 hosts bracketed. */
function inClusterServer(host: string, port: string): string {
  const scheme = port === '80' || port === '8080' || port === '8001' ? 'http' : 'https';
  return `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}

function finish(kc: KubeConfig, origin: KubeConfigOrigin, location: string): KubeConfigResult {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) return { type: 'error', origin, location, reason: 'no current cluster (check current-context)' };
  return { type: 'loaded', kubeConfig: kc, origin, location, server: cluster.server };
}

function fromFiles(files: readonly string[], origin: KubeConfigOrigin): KubeConfigResult {
  const location = files.join(path.delimiter);
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(files[0]);
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kc.mergeConfig(more);
    }
    return finish(kc, origin, location);
  } catch (err) {
    return { type: 'error', origin, location, reason: message(err) };
  }
}

export function loadKubeConfig(file?: string, lookup: KubeConfigLookup = {}): KubeConfigResult {
  const env = lookup.env ?? process.env;
  if (file !== undefined && file !== '') return fromFiles([file], 'file');
  const prefix = lookup.serviceAccountPrefix ?? '';
  if (env.KUBERNETES_SERVICE_HOST && existsSync(prefix + SERVICE_ACCOUNT_TOKEN)) {
    try {
      const kc = new KubeConfig();
      kc.loadFromCluster(prefix);
      // client-node reads process.env itself; the server address comes from the environment we were given.
      kc.clusters = kc.clusters.map((c) => ({ ...c, server: inClusterServer(env.KUBERNETES_SERVICE_HOST ?? '', env.KUBERNETES_SERVICE_PORT ?? '443') }));
      return finish(kc, 'in-cluster', `${env.KUBERNETES_SERVICE_HOST}:${env.KUBERNETES_SERVICE_PORT ?? ''}`);
    } catch (err) {
      return { type: 'error', origin: 'in-cluster', location: prefix + SERVICE_ACCOUNT_TOKEN, reason: message(err) };
    }
  }
  const listed = (env.KUBECONFIG ?? '').split(path.delimiter).filter((f) => f !== '');
  if (listed.length > 0) {
    const existing = listed.filter((f) => existsSync(f));
    if (existing.length === 0) return { type: 'error', origin: 'KUBECONFIG', location: listed.join(path.delimiter), reason: 'no such file' };
    return fromFiles(existing, 'KUBECONFIG');
  }
  const home = path.join(lookup.home ?? homedir(), '.kube', 'config');
  if (existsSync(home)) return fromFiles([home], 'home');
  return { type: 'none' };
}
