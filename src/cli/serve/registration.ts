/**
 * `serve --register`: once the policy store is ready (a half-loaded set would unregister resources), keeps the
 * webhook configurations in sync with the policies and the CA, logging each outcome through the app logger.
 */
import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { KubeConfig } from '@kubernetes/client-node';
import type { FastifyBaseLogger } from 'fastify';
import { registerPolicyWebhooks, type Registration, type RegistrationOptions } from '../../cluster/register.js';
import type { WebhookTargetConfig } from '../../config/index.js';
import type { PolicyStore } from '../../policy/store/index.js';
import { parseCertificates, serviceDnsNames, type CertSource, type TlsMaterial } from '../../tls/index.js';
import type { WebhookOptions } from '../../webhook/index.js';

export interface ServeRegistrationOptions {
  kubeConfig: KubeConfig;
  store: PolicyStore;
  certs: CertSource;
  target: WebhookTargetConfig;
  log: FastifyBaseLogger;
  /** How often to look whether the store became ready (default 250 ms). */
  readyPollMs?: number;
  /** Passed through to the sync loop (tests shorten them). */
  sync?: Omit<RegistrationOptions, 'logger' | 'onSynced'>;
}

export interface ServeRegistration {
  close(): Promise<void>;
}

/** Names the in-memory self-signed certificate must cover so the API server can verify it where it calls. */
export function selfSignedNames(target: WebhookTargetConfig): { hosts: string[]; ips: string[] } {
  if (target.url === undefined) return { hosts: serviceDnsNames(target.service, target.namespace), ips: [] };
  const host = new URL(target.url).hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? { hosts: [host], ips: [] } : { hosts: [], ips: [host] };
}

/**
 * Why this material cannot give the API server a caBundle, or undefined when it can: without a CA the certificate
 * itself is the bundle, which only works for a self-signed one.
 */
export function caBundleProblem(material: TlsMaterial): string | undefined {
  if (material.ca !== undefined) return undefined;
  const leaf: X509Certificate | undefined = parseCertificates(material.cert)[0];
  if (leaf !== undefined && leaf.checkIssued(leaf)) return undefined;
  return 'the certificate is not self-signed, so the webhooks need the CA that signed it: give --ca FILE (or put ca.crt next to --cert)';
}

export function webhookOptions(target: WebhookTargetConfig): Omit<WebhookOptions, 'caBundle'> {
  const base = { namespace: target.namespace, service: { name: target.service, namespace: target.namespace } };
  return target.url === undefined ? base : { ...base, url: target.url };
}

export function startServeRegistration(options: ServeRegistrationOptions): ServeRegistration {
  const { log, store, target } = options;
  let registration: Registration | undefined;
  let closed = false;
  let firstSync = true;
  const where = target.url !== undefined ? { url: target.url } : { service: `${target.service}.${target.namespace}` };

  const begin = (): void => {
    log.info({ ...where, namespace: target.namespace }, 'registering the webhook configurations');
    registration = registerPolicyWebhooks(options.kubeConfig, store, options.certs, {
      ...options.sync,
      webhook: webhookOptions(target),
      logger: log,
      onSynced: (result) => {
        // Changes are logged by the sync loop; say once that an already correct registration was found.
        const unchanged = result.validating === 'unchanged' && result.mutating === 'unchanged';
        if (unchanged && firstSync) log.info({ ...result }, 'webhook configurations already up to date');
        else if (unchanged) log.debug({ ...result }, 'webhook configurations up to date');
        firstSync = false;
      },
    });
  };

  let poll: NodeJS.Timeout | undefined;
  if (store.ready()) begin();
  else {
    log.info('webhook registration waits for the policies to be loaded');
    poll = setInterval(() => {
      if (closed || !store.ready()) return;
      clearInterval(poll);
      poll = undefined;
      begin();
    }, options.readyPollMs ?? 250);
  }

  return {
    async close(): Promise<void> {
      closed = true;
      if (poll !== undefined) clearInterval(poll);
      await registration?.close();
    },
  };
}
