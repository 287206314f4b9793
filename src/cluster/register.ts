/**
 * Keeps Tollgate's ValidatingWebhookConfiguration and MutatingWebhookConfiguration in sync with the policies and
 * the CA: create when absent, replace when the desired spec differs, nothing otherwise. Runs on start, on
 * `trigger()` (debounced: a burst of policy edits makes one write), after failures with capped backoff, and
 * periodically, so that a configuration deleted by hand comes back.
 */
import { AdmissionregistrationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { PolicyStore } from '../policy/store/types.js';
import type { CertSource, TlsMaterial } from '../tls/types.js';
import { type WebhookConfigurations, type WebhookOptions, webhookConfigurations } from '../webhook/index.js';

export type ReconcileOutcome = 'created' | 'updated' | 'unchanged';

export interface ReconcileResult {
  validating: ReconcileOutcome;
  mutating: ReconcileOutcome;
}

/** pino's `logger.info(obj, msg)` shape. */
export interface RegistrationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface RegistrationOptions {
  /** Quiet time after the last trigger before writing (default 500 ms). */
  debounceMs?: number;
  /** First retry delay after a failed sync, doubled up to `retryMaxMs` (defaults 1 s and 60 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Periodic re-check of the cluster objects (default 5 min; 0 disables). */
  resyncMs?: number;
  logger?: RegistrationLogger;
  /** Called after every successful sync (tests, metrics). */
  onSynced?: (result: ReconcileResult) => void;
}

export interface Registration {
  /** Schedules a sync (debounced); call it when the policy set or the CA changes. */
  trigger(): void;
  /** Stops the timers and waits for a sync in flight. */
  close(): Promise<void>;
}

interface Meta {
  name?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  resourceVersion?: string;
}

type Desired = WebhookConfigurations['validating'] | WebhookConfigurations['mutating'];

/** Whether `actual` has every field `desired` sets with an equal value (the API server adds defaults we never set). */
export function containsDesired(actual: unknown, desired: unknown): boolean {
  if (desired === undefined) return true;
  if (Array.isArray(desired)) {
    return Array.isArray(actual) && actual.length === desired.length && desired.every((d, i) => containsDesired(actual[i], d));
  }
  if (typeof desired === 'object' && desired !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const record = actual as Record<string, unknown>;
    return Object.entries(desired).every(([k, v]) => containsDesired(record[k], v));
  }
  return actual === desired;
}

function statusCode(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'number' ? err.code : undefined;
}

/** The body of a replace: our spec, the cluster's other labels and annotations kept, resourceVersion as precondition. */
function replacement<T extends Desired>(desired: T, existing: { metadata?: Meta }): T {
  const meta = existing.metadata ?? {};
  return {
    ...desired,
    metadata: {
      ...desired.metadata,
      labels: { ...(meta.labels ?? {}), ...desired.metadata.labels },
      ...(meta.annotations ? { annotations: meta.annotations } : {}),
      ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    },
  };
}

interface Endpoint<T extends Desired> {
  read(name: string): Promise<{ metadata?: Meta; webhooks?: unknown }>;
  create(body: T): Promise<unknown>;
  replace(name: string, body: T): Promise<unknown>;
}

async function reconcileOne<T extends Desired>(endpoint: Endpoint<T>, desired: T): Promise<ReconcileOutcome> {
  let existing: { metadata?: Meta; webhooks?: unknown };
  try {
    existing = await endpoint.read(desired.metadata.name);
  } catch (err) {
    if (statusCode(err) !== 404) throw err;
    await endpoint.create(desired);
    return 'created';
  }
  const same = containsDesired(existing.webhooks ?? [], desired.webhooks) && containsDesired(existing.metadata?.labels ?? {}, desired.metadata.labels);
  if (same) return 'unchanged';
  await endpoint.replace(desired.metadata.name, replacement(desired, existing));
  return 'updated';
}

export async function reconcileWebhookConfigurations(api: AdmissionregistrationV1Api, desired: WebhookConfigurations): Promise<ReconcileResult> {
  const validating = await reconcileOne(
    {
      read: (name) => api.readValidatingWebhookConfiguration({ name }),
      create: (body) => api.createValidatingWebhookConfiguration({ body }),
      replace: (name, body) => api.replaceValidatingWebhookConfiguration({ name, body }),
    },
    desired.validating,
  );
  const mutating = await reconcileOne(
    {
      read: (name) => api.readMutatingWebhookConfiguration({ name }),
      create: (body) => api.createMutatingWebhookConfiguration({ body }),
      replace: (name, body) => api.replaceMutatingWebhookConfiguration({ name, body }),
    },
    desired.mutating,
  );
  return { validating, mutating };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Starts the sync loop. `getDesired` is read at each sync (latest policies and CA); it returns undefined while
 * there is nothing to register yet (policies not loaded), which skips that sync.
 */
export function startRegistration(kc: KubeConfig, getDesired: () => WebhookConfigurations | undefined, options: RegistrationOptions = {}): Registration {
  const api = kc.makeApiClient(AdmissionregistrationV1Api);
  const debounceMs = options.debounceMs ?? 500;
  const retryBaseMs = options.retryBaseMs ?? 1000;
  const retryMaxMs = options.retryMaxMs ?? 60_000;
  const resyncMs = options.resyncMs ?? 300_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let resync: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;
  let pending = false;
  let failures = 0;
  let closed = false;

  const schedule = (delay: number): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, delay);
  };

  const syncOnce = async (): Promise<void> => {
    const desired = getDesired();
    if (desired === undefined) return;
    try {
      const result = await reconcileWebhookConfigurations(api, desired);
      failures = 0;
      if (result.validating !== 'unchanged' || result.mutating !== 'unchanged') options.logger?.info({ ...result }, 'webhook configurations synced');
      options.onSynced?.(result);
    } catch (err) {
      failures++;
      const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
      options.logger?.warn({ err: errorMessage(err), status: statusCode(err), retryInMs: delay }, 'webhook registration failed');
      schedule(delay);
    }
  };

  // One sync at a time; a trigger during a sync runs another one right after it, with the newest desired state.
  const run = (): void => {
    if (closed) return;
    if (running) {
      pending = true;
      return;
    }
    running = syncOnce().finally(() => {
      running = undefined;
      if (pending && !closed) {
        pending = false;
        run();
      }
    });
  };

  schedule(0);
  if (resyncMs > 0) {
    resync = setInterval(() => schedule(0), resyncMs);
    resync.unref();
  }
  return {
    trigger: () => schedule(debounceMs),
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      if (resync) clearInterval(resync);
      await running;
    },
  };
}

/** The caBundle for a serving certificate: its CA, or the certificate itself when self-signed (no CA known). */
export function caBundleOf(material: TlsMaterial): string {
  return material.ca ?? material.cert;
}

export interface PolicyRegistrationOptions extends RegistrationOptions {
  /** Service or URL and Tollgate's namespace; the caBundle comes from the certificate source. */
  webhook: Omit<WebhookOptions, 'caBundle'>;
}

/**
 * `serve --register`: registers what the store's policies need, signed by the certificate source's CA, and
 * re-syncs whenever either changes. Nothing is written before the store is ready (a half-loaded set would
 * unregister resources).
 */
export function registerPolicyWebhooks(kc: KubeConfig, store: PolicyStore, certs: CertSource, options: PolicyRegistrationOptions): Registration {
  const { webhook, ...rest } = options;
  const registration = startRegistration(
    kc,
    () => (store.ready() ? webhookConfigurations(store.current(), { ...webhook, caBundle: caBundleOf(certs.current()) }) : undefined),
    rest,
  );
  const unsubscribe = [store.subscribe(() => registration.trigger()), certs.onChange(() => registration.trigger())];
  return {
    trigger: () => registration.trigger(),
    async close(): Promise<void> {
      unsubscribe.forEach((u) => u());
      await registration.close();
    },
  };
}
