/** Webhook registration through @kubernetes/client-node against the fake API server (real HTTP, real REST). */
import { AdmissionregistrationV1Api, KubeConfig } from '@kubernetes/client-node';
import path from 'node:path';
import type { JsonObject } from '../../src/api/json.js';
import { type ReconcileResult, containsDesired, reconcileWebhookConfigurations, registerPolicyWebhooks, startRegistration } from '../../src/cluster/register.js';
import { loadPolicyFiles } from '../../src/policy/index.js';
import { buildPolicySet, createPolicyStore, staticSource } from '../../src/policy/store/index.js';
import { generateCertificates, staticCertSource } from '../../src/tls/index.js';
import { type WebhookConfigurations, MUTATING_CONFIGURATION_NAME, VALIDATING_CONFIGURATION_NAME, webhookConfigurations } from '../../src/webhook/index.js';
import { type FakeApiServer, type ResourceRef, MUTATING_WEBHOOKS, VALIDATING_WEBHOOKS, startFakeApiServer } from '../support/fake-apiserver/index.js';

const CA_1 = '-----BEGIN CERTIFICATE-----\nMIIBone\n-----END CERTIFICATE-----\n';
const CA_2 = '-----BEGIN CERTIFICATE-----\nMIIBtwo\n-----END CERTIFICATE-----\n';

let server: FakeApiServer;
let api: AdmissionregistrationV1Api;
let kc: KubeConfig;
let desired1: WebhookConfigurations;
let desired2: WebhookConfigurations;
let mutatingPolicies: WebhookConfigurations;

beforeAll(async () => {
  // The shipped validate policies only: the mutating configuration starts empty, so a mutate policy changes it alone.
  const shipped = await loadPolicyFiles([path.resolve('policies')]);
  shipped.policies = shipped.policies.filter((lp) => !lp.rules.some((r) => r.mutate));
  const set = buildPolicySet(shipped.policies, [], 1);
  desired1 = webhookConfigurations(set, { caBundle: CA_1, namespace: 'tollgate' });
  desired2 = webhookConfigurations(set, { caBundle: CA_2, namespace: 'tollgate' });
  const mutate = await loadPolicyFiles([path.resolve('../shared/conformance/kyverno-policies/best-practices__add-safe-to-evict/add-safe-to-evict.yaml')]);
  mutatingPolicies = webhookConfigurations(buildPolicySet([...shipped.policies, ...mutate.policies], [], 2), { caBundle: CA_1, namespace: 'tollgate' });
});

beforeEach(async () => {
  server = await startFakeApiServer();
  kc = new KubeConfig();
  kc.loadFromFile(server.kubeconfigPath);
  api = kc.makeApiClient(AdmissionregistrationV1Api);
});

afterEach(async () => {
  await server.close();
});

const writes = (): string[] => server.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
const stored = (ref: ResourceRef, name: string): JsonObject | undefined => server.get(ref, name);
const caOf = (obj: JsonObject | undefined): string => {
  const webhooks = (obj?.webhooks ?? []) as { clientConfig: { caBundle: string } }[];
  return Buffer.from(webhooks[0]?.clientConfig.caBundle ?? '', 'base64').toString('utf8');
};

describe('reconcileWebhookConfigurations', () => {
  test('creates both objects when absent', async () => {
    const result = await reconcileWebhookConfigurations(api, desired1);
    expect(result).toEqual({ validating: 'created', mutating: 'created' });
    expect(writes()).toEqual([
      'POST /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations',
      'POST /apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations',
    ]);
    const validating = stored(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME);
    expect(containsDesired(validating?.webhooks, desired1.validating.webhooks)).toBe(true);
    expect(caOf(validating)).toBe(CA_1);
    expect(stored(MUTATING_WEBHOOKS, MUTATING_CONFIGURATION_NAME)).toBeDefined();
  });

  test('no write when the cluster already holds the desired spec', async () => {
    await reconcileWebhookConfigurations(api, desired1);
    server.clearRequests();
    expect(await reconcileWebhookConfigurations(api, desired1)).toEqual({ validating: 'unchanged', mutating: 'unchanged' });
    expect(writes()).toEqual([]);
  });

  test('API server defaults and foreign labels do not count as a difference', async () => {
    const withDefaults = { ...desired1.validating, metadata: { ...desired1.validating.metadata, labels: { ...desired1.validating.metadata.labels, team: 'x' } }, webhooks: desired1.validating.webhooks.map((w) => ({ ...w, objectSelector: {}, reinvocationPolicy: 'Never' })) };
    server.put(VALIDATING_WEBHOOKS, withDefaults as unknown as JsonObject);
    server.put(MUTATING_WEBHOOKS, desired1.mutating as unknown as JsonObject);
    server.clearRequests();
    expect(await reconcileWebhookConfigurations(api, desired1)).toEqual({ validating: 'unchanged', mutating: 'unchanged' });
    expect(writes()).toEqual([]);
  });

  test('a new CA replaces the objects, keeping foreign labels and annotations', async () => {
    await reconcileWebhookConfigurations(api, desired1);
    const before = stored(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME) as { metadata: JsonObject };
    server.put(VALIDATING_WEBHOOKS, { ...before, metadata: { ...before.metadata, labels: { team: 'x' }, annotations: { note: 'kept' } } } as JsonObject);
    server.clearRequests();
    expect(await reconcileWebhookConfigurations(api, desired2)).toEqual({ validating: 'updated', mutating: 'unchanged' });
    expect(writes()).toEqual([`PUT /apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/${VALIDATING_CONFIGURATION_NAME}`]);
    const after = stored(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME) as { metadata: { labels: Record<string, string>; annotations: Record<string, string> } };
    expect(caOf(after as unknown as JsonObject)).toBe(CA_2);
    expect(after.metadata.labels).toEqual({ team: 'x', ...desired2.validating.metadata.labels });
    expect(after.metadata.annotations).toEqual({ note: 'kept' });
  });

  test('a policy change updates only the configuration it affects', async () => {
    await reconcileWebhookConfigurations(api, desired1);
    expect(await reconcileWebhookConfigurations(api, mutatingPolicies)).toEqual({ validating: 'unchanged', mutating: 'updated' });
    const mutating = stored(MUTATING_WEBHOOKS, MUTATING_CONFIGURATION_NAME) as { webhooks: { name: string }[] };
    expect(mutating.webhooks.map((w) => w.name)).toEqual(['mutate-fail-10s.tollgate.io']);
  });

  test('errors other than 404 propagate', async () => {
    server.failNext({ method: 'GET', path: /validatingwebhookconfigurations/, status: 403, message: 'forbidden' });
    await expect(reconcileWebhookConfigurations(api, desired1)).rejects.toMatchObject({ code: 403 });
  });
});

describe('containsDesired', () => {
  test.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: 2 }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[{ a: 1, x: 0 }], [{ a: 1 }], true],
    [[{ a: 1 }, { a: 2 }], [{ a: 1 }], false],
    [{ url: 'https://x/validate' }, { service: { name: 's' } }, false],
    [['v1', 'v1beta1'], ['v1beta1', 'v1'], false],
    [null, {}, false],
    [{ a: undefined }, { a: undefined }, true],
  ])('%j contains %j: %s', (actual, desired, want) => expect(containsDesired(actual, desired)).toBe(want));
});

describe('startRegistration', () => {
  function waitForSync(results: ReconcileResult[], count: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        if (results.length >= count) resolve();
        else if (Date.now() - started > 5000) reject(new Error(`only ${results.length} syncs`));
        else setTimeout(poll, 10);
      };
      poll();
    });
  }

  test('registers on start, debounces triggers, follows CA changes', async () => {
    let current = desired1;
    const results: ReconcileResult[] = [];
    const reg = startRegistration(kc, () => current, { debounceMs: 50, onSynced: (r) => results.push(r) });
    try {
      await waitForSync(results, 1);
      expect(results[0]).toEqual({ validating: 'created', mutating: 'created' });
      current = desired2;
      // A burst of triggers makes one sync.
      for (let i = 0; i < 5; i++) reg.trigger();
      await waitForSync(results, 2);
      await new Promise((r) => setTimeout(r, 150));
      expect(results).toHaveLength(2);
      expect(results[1]).toEqual({ validating: 'updated', mutating: 'unchanged' });
      expect(caOf(stored(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME))).toBe(CA_2);
    } finally {
      await reg.close();
    }
  });

  test('retries with backoff after a failure and logs it', async () => {
    server.failNext({ method: 'GET', path: /validatingwebhookconfigurations/, status: 500, times: 2 });
    const results: ReconcileResult[] = [];
    const warnings: object[] = [];
    const logger = { info: () => undefined, warn: (obj: object) => warnings.push(obj) };
    const reg = startRegistration(kc, () => desired1, { retryBaseMs: 20, logger, onSynced: (r) => results.push(r) });
    try {
      await waitForSync(results, 1);
      expect(warnings).toHaveLength(2);
      expect(warnings[0]).toMatchObject({ status: 500, retryInMs: 20 });
      expect(warnings[1]).toMatchObject({ status: 500, retryInMs: 40 });
      expect(results[0]).toEqual({ validating: 'created', mutating: 'created' });
    } finally {
      await reg.close();
    }
  });

  test('nothing is written while there is nothing to register; the periodic resync restores a deleted object', async () => {
    let current: WebhookConfigurations | undefined;
    const results: ReconcileResult[] = [];
    const reg = startRegistration(kc, () => current, { debounceMs: 10, resyncMs: 100, onSynced: (r) => results.push(r) });
    try {
      await new Promise((r) => setTimeout(r, 50));
      expect(writes()).toEqual([]);
      current = desired1;
      reg.trigger();
      await waitForSync(results, 1);
      server.delete(MUTATING_WEBHOOKS, MUTATING_CONFIGURATION_NAME);
      await waitForSync(results, 3);
      expect(results.some((r) => r.mutating === 'created' && r.validating === 'unchanged')).toBe(true);
      expect(stored(MUTATING_WEBHOOKS, MUTATING_CONFIGURATION_NAME)).toBeDefined();
    } finally {
      await reg.close();
    }
  });

  test('close stops further syncs', async () => {
    const results: ReconcileResult[] = [];
    const reg = startRegistration(kc, () => desired1, { debounceMs: 10, onSynced: (r) => results.push(r) });
    await waitForSync(results, 1);
    await reg.close();
    reg.trigger();
    await new Promise((r) => setTimeout(r, 50));
    expect(results).toHaveLength(1);
  });
});

describe('registerPolicyWebhooks', () => {
  test('follows the policy store and the certificate source', async () => {
    const shipped = await loadPolicyFiles([path.resolve('policies')]);
    const mutate = await loadPolicyFiles([path.resolve('../shared/conformance/kyverno-policies/best-practices__add-safe-to-evict/add-safe-to-evict.yaml')]);
    const source = staticSource('test', shipped.policies);
    const store = createPolicyStore([source]);
    await store.start();
    const first = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date(), keyBits: 1024 });
    const second = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date(), keyBits: 1024 });
    const certs = staticCertSource({ key: first.serving.key, cert: first.serving.cert, ca: first.ca.cert });
    const results: ReconcileResult[] = [];
    const reg = registerPolicyWebhooks(kc, store, certs, { webhook: { namespace: 'tollgate' }, debounceMs: 20, onSynced: (r) => results.push(r) });
    const until = async (n: number): Promise<void> => {
      for (let i = 0; i < 500 && results.length < n; i++) await new Promise((r) => setTimeout(r, 10));
      expect(results.length).toBeGreaterThanOrEqual(n);
    };
    try {
      await until(1);
      expect(caOf(stored(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME))).toBe(first.ca.cert);
      source.set([...shipped.policies, ...mutate.policies]);
      await until(2);
      expect(results[1]).toEqual({ validating: 'unchanged', mutating: 'updated' });
      certs.update({ key: second.serving.key, cert: second.serving.cert, ca: second.ca.cert });
      await until(3);
      expect(results[2]).toEqual({ validating: 'updated', mutating: 'updated' });
      expect(caOf(stored(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME))).toBe(second.ca.cert);
    } finally {
      await reg.close();
      await store.close();
      await certs.close();
    }
  });
});
