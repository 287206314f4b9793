/**
 * `serve --register` end to end against the fake API server: both webhook configurations are created with the CA
 * as caBundle and `--url` as the address, follow policy edits and CA rotation, survive API errors, and the
 * registration stops with the server.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer, type StartOptions } from '../../../src/cli/serve/start.js';
import { resolveConfig, type Config, type ConfigFlags } from '../../../src/config/index.js';
import { fingerprintSha256, generateCertificates, type GeneratedCertificates } from '../../../src/tls/index.js';
import { MUTATING_CONFIGURATION_NAME, VALIDATING_CONFIGURATION_NAME } from '../../../src/webhook/index.js';
import { send } from '../../server/http-client.js';
import { fixedEnv, LogCapture } from '../../server/support.js';
import { MUTATING_WEBHOOKS, startFakeApiServer, VALIDATING_WEBHOOKS, type FakeApiServer, type KubeJson } from '../../support/fake-apiserver/index.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const FAST: NonNullable<StartOptions['registration']> = { readyPollMs: 20, sync: { debounceMs: 20, retryBaseMs: 20, retryMaxMs: 100 } };

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** A port nothing listens on right now, so that `--port` and `--url` can name the same one. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const base64 = (pem: string): string => Buffer.from(pem, 'utf8').toString('base64');

interface StoredWebhook {
  name: string;
  clientConfig: { caBundle: string; url?: string; service?: unknown };
  rules: { resources: string[] }[];
}
const webhooksOf = (obj: KubeJson | undefined): StoredWebhook[] => (obj?.webhooks ?? []) as unknown as StoredWebhook[];
const resourcesOf = (obj: KubeJson | undefined): string[] => webhooksOf(obj).flatMap((w) => w.rules.flatMap((r) => r.resources));

function policy(name: string, kind: string, rule: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: { name },
    spec: { validationFailureAction: 'Enforce', rules: [{ name: 'r', match: { any: [{ resources: { kinds: [kind] } }] }, ...rule }] },
  });
}
const requireTeam = (name: string, kind: string): string => policy(name, kind, { validate: { message: 'team label', pattern: { metadata: { labels: { team: '?*' } } } } });
const addTeam = policy('add-team', 'Pod', { mutate: { patchStrategicMerge: { metadata: { labels: { '+(team)': 'none' } } } } });

function writeCerts(dir: string, certs: GeneratedCertificates): void {
  // Renamed into place, as a Secret volume swaps files: never a half-written file.
  for (const [file, text] of [['ca.crt', certs.ca.cert], ['tls.crt', certs.serving.cert], ['tls.key', certs.serving.key]] as const) {
    writeFileSync(path.join(dir, `.${file}.tmp`), text);
    renameSync(path.join(dir, `.${file}.tmp`), path.join(dir, file));
  }
}

function configOf(flags: ConfigFlags): Config {
  const r = resolveConfig({ host: '127.0.0.1', ...flags }, {});
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

let api: FakeApiServer;
let dir: string;
let policies: string;
const running: RunningServer[] = [];

beforeEach(async () => {
  api = await startFakeApiServer();
  dir = mkdtempSync(path.join(tmpdir(), 'tollgate-register-'));
  policies = mkdtempSync(path.join(tmpdir(), 'tollgate-register-policies-'));
  writeFileSync(path.join(policies, 'require-team.json'), requireTeam('require-team', 'Pod'));
  writeFileSync(path.join(policies, 'add-team.json'), addTeam);
});
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(policies, { recursive: true, force: true });
});

async function start(flags: ConfigFlags, log: LogCapture, env = fixedEnv, registration = FAST): Promise<RunningServer> {
  const server = await startServer(configOf({ policies, kubeconfig: api.kubeconfigPath, register: 'true', ...flags }), { env, logStream: log, registration });
  running.push(server);
  return server;
}

test('creates both configurations with the CA file as caBundle and --url as address; follows policy edits and CA rotation; closes cleanly', async () => {
  const first = generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['127.0.0.1'], now: new Date() });
  writeCerts(dir, first);
  const port = await freePort();
  const log = new LogCapture();
  // No --ca: ca.crt next to the certificate is the default.
  const server = await start({ port: String(port), cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key'), url: `https://127.0.0.1:${port}` }, log);

  // The log line comes after both writes have been answered.
  const synced = await waitFor('the first sync', () => log.withMessage('webhook configurations synced')[0]);
  expect(synced).toMatchObject({ level: 30, validating: 'created', mutating: 'created' });
  const validating = api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME);
  const mutating = api.get(MUTATING_WEBHOOKS, MUTATING_CONFIGURATION_NAME);
  for (const [obj, route] of [[validating, '/validate'], [mutating, '/mutate']] as const) {
    expect(webhooksOf(obj).length).toBeGreaterThan(0);
    for (const w of webhooksOf(obj)) {
      expect(w.clientConfig).toEqual({ caBundle: base64(first.ca.cert), url: `https://127.0.0.1:${port}${route}` });
    }
  }
  expect(resourcesOf(validating)).toContain('pods');
  expect(resourcesOf(validating)).not.toContain('configmaps');
  expect(resourcesOf(mutating)).toContain('pods');
  // The address registered is the one served, with a certificate the caBundle verifies.
  expect((await send(`https://127.0.0.1:${port}/healthz`, { ca: first.ca.cert })).status).toBe(200);

  // A policy for a new kind: the validating configuration now covers it.
  writeFileSync(path.join(policies, 'require-team-cm.json'), requireTeam('require-team-cm', 'ConfigMap'));
  await waitFor('the update', () => log.withMessage('webhook configurations synced').find((l) => l.validating === 'updated' && l.mutating === 'unchanged'));
  expect(resourcesOf(api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME))).toContain('configmaps');

  // CA rotation: new CA, certificate and key; caBundle follows on both configurations.
  const second = generateCertificates({ service: 'tollgate', namespace: 'tollgate', ips: ['127.0.0.1'], now: new Date() });
  writeCerts(dir, second);
  await waitFor('the new caBundle', () => {
    const all = [...webhooksOf(api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME)), ...webhooksOf(api.get(MUTATING_WEBHOOKS, MUTATING_CONFIGURATION_NAME))];
    return all.every((w) => w.clientConfig.caBundle === base64(second.ca.cert)) ? true : undefined;
  });
  expect((await send(`https://127.0.0.1:${port}/healthz`, { ca: second.ca.cert })).status).toBe(200);

  // Shutdown: the registration stops with the server; the configurations stay (other replicas still serve).
  await server.close();
  running.splice(0);
  const writes = api.requests.length;
  await sleep(200);
  expect(api.requests.length).toBe(writes);
  expect(api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME)).toBeDefined();
});

test('a configuration already up to date is left alone, and one changed by hand is put back on resync', async () => {
  const certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date() });
  writeCerts(dir, certs);
  const flags = { port: '0', cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key') };
  const firstLog = new LogCapture();
  const first = await start(flags, firstLog);
  await waitFor('the first registration', () => (firstLog.withMessage('webhook configurations synced').length > 0 ? true : undefined));
  await first.close();
  running.splice(0);

  const log = new LogCapture();
  await start(flags, log, fixedEnv, { ...FAST, sync: { ...FAST.sync, resyncMs: 100 } });
  const line = await waitFor('the second start to check', () => log.withMessage('webhook configurations already up to date')[0]);
  expect(line).toMatchObject({ validating: 'unchanged', mutating: 'unchanged' });
  // Webhook configuration writes only (the replicas' Lease is written too, by leader election).
  expect(api.requests.filter((r) => (r.method === 'PUT' || r.method === 'POST') && r.path.includes('webhookconfigurations')).length).toBe(2);
  // Without --url, the Service: tollgate in tollgate, port 443.
  const stored = api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME);
  const w = webhooksOf(stored)[0];
  expect(w.clientConfig).toEqual({ caBundle: base64(certs.ca.cert), service: { name: 'tollgate', namespace: 'tollgate', path: '/validate', port: 443 } });

  // Someone empties the caBundle by hand: the periodic resync puts it back.
  const edited = JSON.parse(JSON.stringify(stored)) as KubeJson;
  webhooksOf(edited).forEach((hook) => (hook.clientConfig.caBundle = ''));
  api.put(VALIDATING_WEBHOOKS, edited);
  await waitFor('the repair', () => log.withMessage('webhook configurations synced').find((l) => l.validating === 'updated' && l.mutating === 'unchanged'));
  expect(webhooksOf(api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME)).map((hook) => hook.clientConfig.caBundle)).toEqual(webhooksOf(stored).map(() => base64(certs.ca.cert)));
});

test('API errors are logged with the backoff and retried until the configurations exist', async () => {
  const certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date() });
  writeCerts(dir, certs);
  api.failNext({ method: 'POST', path: /validatingwebhookconfigurations/, status: 500, times: 2 });
  const log = new LogCapture();
  await start({ port: '0', cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key'), namespace: 'gatekeeping', service: 'gate' }, log);
  await waitFor('the validating configuration', () => api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME));
  const failures = log.withMessage('webhook registration failed');
  expect(failures).toHaveLength(2);
  expect(failures.map((f) => [f.level, f.status, f.retryInMs])).toEqual([
    [40, 500, 20],
    [40, 500, 40],
  ]);
  const w = webhooksOf(api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME))[0];
  expect(w.clientConfig.service).toEqual({ name: 'gate', namespace: 'gatekeeping', path: '/validate', port: 443 });
});

test('waits for the cluster policies to load before registering anything', async () => {
  const certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date() });
  writeCerts(dir, certs);
  // The first lists of ClusterPolicies fail: the store is not ready, and a half-loaded set must not be registered.
  api.failNext({ method: 'GET', path: /clusterpolicies/, watch: false, status: 503, times: 3 });
  const log = new LogCapture();
  await start({ port: '0', cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key') }, log);
  expect(log.withMessage('webhook registration waits for the policies to be loaded')).toHaveLength(1);
  expect(api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME)).toBeUndefined();
  await waitFor('the validating configuration', () => api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME), 15_000);
  const firstWrite = api.requests.findIndex((r) => r.method === 'POST' && r.path.includes('webhookconfigurations'));
  const lastFailedList = api.requests.map((r) => r.path.includes('clusterpolicies') && r.status === 503).lastIndexOf(true);
  expect(lastFailedList).toBeGreaterThanOrEqual(0);
  expect(firstWrite).toBeGreaterThan(lastFailedList);
}, 20_000);

test('with the in-memory self-signed certificate, its CA is the caBundle and the certificate covers the --url host', async () => {
  const port = await freePort();
  const log = new LogCapture();
  const env = { ...fixedEnv, now: () => Date.now() };
  // 127.0.0.2 (loopback, but not among the self-signed defaults localhost / 127.0.0.1 / ::1).
  const running = await start({ host: '127.0.0.2', port: String(port), url: `https://127.0.0.2:${port}` }, log, env);
  const validating = await waitFor('the validating configuration', () => api.get(VALIDATING_WEBHOOKS, VALIDATING_CONFIGURATION_NAME));
  const { caBundle, url } = webhooksOf(validating)[0].clientConfig;
  expect(url).toBe(`https://127.0.0.2:${port}/validate`);
  const ca = Buffer.from(caBundle, 'base64').toString('utf8');
  expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(fingerprintSha256(ca)).toBe(running.caFingerprint);
  expect((await send(`https://127.0.0.2:${port}/healthz`, { ca })).status).toBe(200);
  expect(log.withMessage('no certificate given: serving a self-signed certificate generated in memory')[0]).toMatchObject({ names: ['localhost', '127.0.0.1', '::1', '127.0.0.2'] });
});

test.each([
  {
    what: 'a certificate signed by a CA that is not given',
    setup: (d: string, certs: GeneratedCertificates) => {
      writeFileSync(path.join(d, 'tls.crt'), certs.serving.cert);
      writeFileSync(path.join(d, 'tls.key'), certs.serving.key);
    },
    ca: undefined,
    error: /^--register: the certificate is not self-signed, so the webhooks need the CA that signed it: give --ca FILE/,
  },
  {
    what: 'a --ca that did not sign the certificate',
    setup: (d: string, certs: GeneratedCertificates) => {
      writeFileSync(path.join(d, 'tls.crt'), certs.serving.cert);
      writeFileSync(path.join(d, 'tls.key'), certs.serving.key);
      writeFileSync(path.join(d, 'other-ca.crt'), generateCertificates({ service: 'x', namespace: 'y', now: new Date() }).ca.cert);
    },
    ca: 'other-ca.crt',
    error: /^cannot load the certificate \(CA .*other-ca\.crt\): .*certificate is not signed by the CA/,
  },
])('startup error: $what', async ({ setup, ca, error }) => {
  setup(dir, generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date() }));
  const flags: ConfigFlags = { port: '0', cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key'), ...(ca ? { ca: path.join(dir, ca) } : {}) };
  await expect(start(flags, new LogCapture())).rejects.toThrow(error);
  expect(api.requests.filter((r) => r.path.includes('webhookconfigurations'))).toHaveLength(0);
});
