import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULTS, resolveConfig, type Config, type ConfigFlags, type ConfigProbe, type Environment } from '../../src/config/index.js';

/** A file system holding exactly these files. */
const files = (...names: string[]): ConfigProbe => ({ fileExists: (file) => names.includes(file) });
const NO_FILES = files();

function ok(flags: ConfigFlags, env: Environment = {}, probe: ConfigProbe = NO_FILES): Config {
  const r = resolveConfig(flags, env, probe);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.config;
}

describe('resolveConfig', () => {
  test('defaults: policies/, 0.0.0.0:9443, self-signed, no cluster, 8 s, 8 MiB, info', () => {
    expect(ok({})).toEqual({
      policiesDir: 'policies',
      host: '0.0.0.0',
      port: 9443,
      tls: { source: 'self-signed' },
      cluster: { source: 'none' },
      timeoutMs: 8000,
      bodyLimitBytes: 8 * 1024 * 1024,
      logLevel: 'info',
      shutdownTimeoutMs: DEFAULTS.shutdownTimeoutMs,
      register: false,
      webhook: { namespace: 'tollgate', service: 'tollgate' },
      cacheKinds: [],
      cacheDropFields: [],
      backgroundScanIntervalMs: 3_600_000,
    });
  });

  test('--cache-drop-fields (or TOLLGATE_CACHE_DROP_FIELDS): dotted paths, never the identity fields', () => {
    expect(ok({ cacheDropFields: 'status, spec.template,metadata.annotations.example\\.com/big' }).cacheDropFields).toEqual(['status', 'spec.template', 'metadata.annotations.example\\.com/big']);
    expect(resolveConfig({ cacheDropFields: 'metadata.labels,bad..path' }, {})).toEqual({
      ok: false,
      errors: ['--cache-drop-fields: metadata.labels identifies cached objects and cannot be dropped', '--cache-drop-fields: expected dotted field paths such as status or metadata.annotations, got "bad..path"'],
    });
  });

  test('--background-scan-interval (or TOLLGATE_BACKGROUND_SCAN_INTERVAL): a Go duration from 1m to 168h', () => {
    expect(ok({ backgroundScanInterval: '30m' }).backgroundScanIntervalMs).toBe(1_800_000);
    expect(ok({}, { TOLLGATE_BACKGROUND_SCAN_INTERVAL: '2h30m' }).backgroundScanIntervalMs).toBe(9_000_000);
    for (const bad of ['10s', '200h', 'soon']) {
      expect(resolveConfig({ backgroundScanInterval: bad }, {})).toEqual({ ok: false, errors: [`--background-scan-interval: expected a duration between 1m and 168h, such as 1h or 30m, got "${bad}"`] });
    }
  });

  test('--cache-kinds (or TOLLGATE_CACHE_KINDS): resource[.version].group names', () => {
    expect(ok({ cacheKinds: 'configmaps, ingresses.networking.k8s.io,cronjobs.v1.batch' }).cacheKinds).toEqual([
      { group: '', version: 'v1', resource: 'configmaps' },
      { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
      { group: 'batch', version: 'v1', resource: 'cronjobs' },
    ]);
    expect(ok({}, { TOLLGATE_CACHE_KINDS: 'secrets' }).cacheKinds).toEqual([{ group: '', version: 'v1', resource: 'secrets' }]);
    const r = resolveConfig({ cacheKinds: 'Not A Kind' }, {});
    expect(r).toEqual({ ok: false, errors: ['--cache-kinds: expected resource names such as configmaps or ingresses.networking.k8s.io, got "Not A Kind"'] });
  });

  test('the result is frozen', () => {
    const config = ok({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.tls)).toBe(true);
    expect(Object.isFrozen(config.webhook)).toBe(true);
  });

  test.each([
    { what: 'flags', flags: { port: '8443', host: '127.0.0.1', policies: 'p', timeoutMs: '2000', bodyLimit: '16Mi', logLevel: 'DEBUG' }, env: {} },
    { what: 'environment', flags: {}, env: { TOLLGATE_PORT: '8443', TOLLGATE_HOST: '127.0.0.1', TOLLGATE_POLICIES: 'p', TOLLGATE_TIMEOUT_MS: '2000', TOLLGATE_BODY_LIMIT: '16777216', TOLLGATE_LOG_LEVEL: 'debug' } },
  ])('reads $what', ({ flags, env }) => {
    expect(ok(flags, env)).toMatchObject({ port: 8443, host: '127.0.0.1', policiesDir: 'p', timeoutMs: 2000, bodyLimitBytes: 16 * 1024 * 1024, logLevel: 'debug' });
  });

  test('a flag wins over its environment variable; an empty variable is unset', () => {
    expect(ok({ port: '1' }, { TOLLGATE_PORT: '2' }).port).toBe(1);
    expect(ok({}, { TOLLGATE_PORT: '' }).port).toBe(9443);
  });

  test.each([
    { flags: { cert: 'c.pem', key: 'k.pem' }, env: {}, tls: { source: 'files', certFile: 'c.pem', keyFile: 'k.pem' } },
    { flags: {}, env: { TOLLGATE_TLS_CERT_FILE: 'c', TOLLGATE_TLS_KEY_FILE: 'k' }, tls: { source: 'files', certFile: 'c', keyFile: 'k' } },
  ])('certificate files: $tls.certFile', ({ flags, env, tls }) => {
    expect(ok(flags, env).tls).toEqual(tls);
  });

  test.each([
    { flags: {}, env: {}, cluster: { source: 'none' } },
    { flags: {}, env: { KUBECONFIG: '/home/me/.kube/config' }, cluster: { source: 'none' } },
    { flags: { kubeconfig: 'kc' }, env: {}, cluster: { source: 'kubeconfig', path: 'kc' } },
    { flags: {}, env: { TOLLGATE_KUBECONFIG: 'kc2' }, cluster: { source: 'kubeconfig', path: 'kc2' } },
    { flags: {}, env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, cluster: { source: 'in-cluster' } },
    { flags: { kubeconfig: 'kc' }, env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, cluster: { source: 'kubeconfig', path: 'kc' } },
    { flags: { kubeconfig: 'kc' }, env: { TOLLGATE_CLUSTER: 'none', KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, cluster: { source: 'none' } },
  ])('cluster $cluster.source from $flags / $env', ({ flags, env, cluster }) => {
    expect(ok(flags, env).cluster).toEqual(cluster);
  });

  test.each([
    { flags: { port: 'http' }, error: '--port: expected a whole number, got "http"' },
    { flags: { port: '70000' }, error: '--port: must be between 0 and 65535, got 70000' },
    { flags: { timeoutMs: '0' }, error: '--timeout-ms: must be between 1 and 30000, got 0' },
    { flags: { timeoutMs: '31000' }, error: '--timeout-ms: must be between 1 and 30000, got 31000' },
    { flags: { bodyLimit: '1Mi' }, error: '--body-limit: must be at least 6Mi (an UPDATE carries object and oldObject), got 1Mi' },
    { flags: { bodyLimit: '8MB' }, error: '--body-limit: expected a size such as 8Mi or 8388608, got "8MB"' },
    { flags: { logLevel: 'loud' }, error: '--log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"' },
    { flags: { cert: 'c.pem' }, error: '--cert needs --key (or TOLLGATE_TLS_KEY_FILE) too' },
    { flags: { key: 'k.pem' }, error: '--key needs --cert (or TOLLGATE_TLS_CERT_FILE) too' },
  ])('rejects $error', ({ flags, error }) => {
    expect(resolveConfig(flags, {}, NO_FILES)).toEqual({ ok: false, errors: [error] });
  });

  test('environment errors name the variable, and all errors come at once', () => {
    expect(resolveConfig({ logLevel: 'x' }, { TOLLGATE_PORT: '-1' }, NO_FILES)).toEqual({
      ok: false,
      errors: ['TOLLGATE_PORT: expected a whole number, got "-1"', '--log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "x"'],
    });
  });

  describe('the CA for the webhook caBundle', () => {
    test.each([
      { what: '--ca given', flags: { cert: 'certs/tls.crt', key: 'certs/tls.key', ca: 'other/ca.pem' }, env: {}, present: ['certs/ca.crt'], caFile: 'other/ca.pem' },
      { what: 'TOLLGATE_TLS_CA_FILE', flags: { cert: 'certs/tls.crt', key: 'certs/tls.key' }, env: { TOLLGATE_TLS_CA_FILE: 'env-ca.pem' }, present: [], caFile: 'env-ca.pem' },
      { what: 'ca.crt next to the certificate', flags: { cert: 'certs/tls.crt', key: 'keys/tls.key' }, env: {}, present: ['certs/ca.crt', 'keys/ca.crt'], caFile: 'certs/ca.crt' },
      { what: 'the Secret mount /certs', flags: { cert: '/certs/tls.crt', key: '/certs/tls.key' }, env: {}, present: ['/certs/ca.crt'], caFile: '/certs/ca.crt' },
      { what: 'no ca.crt next to the certificate', flags: { cert: 'certs/tls.crt', key: 'certs/tls.key' }, env: {}, present: ['ca.crt'], caFile: undefined },
      { what: 'a certificate in the working directory', flags: { cert: 'tls.crt', key: 'tls.key' }, env: {}, present: ['ca.crt'], caFile: 'ca.crt' },
    ])('$what -> $caFile', ({ flags, env, present, caFile }) => {
      const tls = ok(flags, env, files(...present)).tls;
      expect(tls.source === 'files' ? tls.caFile : 'not files').toBe(caFile);
    });

    test('the default probe looks at the real file system (regular files only)', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-config-'));
      try {
        const flags = { cert: path.join(dir, 'tls.crt'), key: path.join(dir, 'tls.key') };
        const caFileOf = (): string | undefined => {
          const r = resolveConfig(flags, {});
          return r.ok && r.config.tls.source === 'files' ? r.config.tls.caFile : 'error';
        };
        expect(caFileOf()).toBeUndefined();
        mkdirSync(path.join(dir, 'ca.crt'));
        expect(caFileOf()).toBeUndefined();
        rmSync(path.join(dir, 'ca.crt'), { recursive: true });
        writeFileSync(path.join(dir, 'ca.crt'), 'pem');
        expect(caFileOf()).toBe(path.join(dir, 'ca.crt'));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test('--ca without certificate files is an error: the self-signed certificate has its own CA', () => {
      expect(resolveConfig({ ca: 'ca.pem' }, {}, NO_FILES)).toEqual({
        ok: false,
        errors: ['--ca needs --cert (or TOLLGATE_TLS_CERT_FILE) and --key (or TOLLGATE_TLS_KEY_FILE): the self-signed certificate generated in memory has its own CA'],
      });
    });
  });

  describe('--register and the webhook target', () => {
    const cluster = { kubeconfig: 'kc' };

    test.each([
      { what: 'defaults', flags: { ...cluster, register: 'true' }, env: {}, webhook: { namespace: 'tollgate', service: 'tollgate' } },
      { what: 'POD_NAMESPACE', flags: { ...cluster, register: 'true' }, env: { POD_NAMESPACE: 'policy-system' }, webhook: { namespace: 'policy-system', service: 'tollgate' } },
      {
        what: 'flags win over POD_NAMESPACE',
        flags: { ...cluster, register: 'true', namespace: 'ns1', service: 'gate' },
        env: { POD_NAMESPACE: 'policy-system' },
        webhook: { namespace: 'ns1', service: 'gate' },
      },
      {
        what: 'environment',
        flags: {},
        env: { TOLLGATE_KUBECONFIG: 'kc', TOLLGATE_REGISTER: 'yes', TOLLGATE_NAMESPACE: 'ns2', TOLLGATE_SERVICE: 'svc', TOLLGATE_WEBHOOK_URL: 'https://10.0.0.5:9443/' },
        webhook: { namespace: 'ns2', service: 'svc', url: 'https://10.0.0.5:9443' },
      },
      { what: 'a URL', flags: { ...cluster, register: 'true', url: 'https://127.0.0.1:8443' }, env: {}, webhook: { namespace: 'tollgate', service: 'tollgate', url: 'https://127.0.0.1:8443' } },
      { what: 'a URL with a path', flags: { ...cluster, register: 'true', url: 'https://dev.example:8443/gate/' }, env: {}, webhook: { namespace: 'tollgate', service: 'tollgate', url: 'https://dev.example:8443/gate' } },
    ])('$what', ({ flags, env, webhook }) => {
      const config = ok(flags, env);
      expect(config.register).toBe(true);
      expect(config.webhook).toEqual(webhook);
    });

    test.each([
      { flags: { register: 'true' }, env: { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }, register: true },
      { flags: {}, env: { TOLLGATE_REGISTER: 'false' }, register: false },
      { flags: {}, env: { TOLLGATE_REGISTER: '0' }, register: false },
      { flags: {}, env: { TOLLGATE_REGISTER: '1', TOLLGATE_KUBECONFIG: 'kc' }, register: true },
      { flags: {}, env: { TOLLGATE_REGISTER: '' }, register: false },
    ])('register $register from $flags / $env', ({ flags, env, register }) => {
      expect(ok(flags, env).register).toBe(register);
    });

    test('without --register, the target is still resolved from the environment (not an error)', () => {
      expect(ok({}, { TOLLGATE_WEBHOOK_URL: 'https://127.0.0.1:1', POD_NAMESPACE: 'ns' }).webhook).toEqual({ namespace: 'ns', service: 'tollgate', url: 'https://127.0.0.1:1' });
    });

    test.each([
      { flags: { register: 'true' }, env: {}, error: '--register needs a cluster to write the webhook configurations to: give --kubeconfig (or TOLLGATE_KUBECONFIG), or run in a Pod with a service account' },
      { flags: { register: 'true', kubeconfig: 'kc' }, env: { TOLLGATE_CLUSTER: 'none' }, error: '--register needs a cluster to write the webhook configurations to: TOLLGATE_CLUSTER=none turns the cluster off' },
      { flags: {}, env: { TOLLGATE_REGISTER: 'true' }, error: 'TOLLGATE_REGISTER needs a cluster to write the webhook configurations to: give --kubeconfig (or TOLLGATE_KUBECONFIG), or run in a Pod with a service account' },
      { flags: {}, env: { TOLLGATE_REGISTER: 'on' }, error: 'TOLLGATE_REGISTER: expected true or false, got "on"' },
      { flags: { url: 'https://127.0.0.1:9443' }, env: {}, error: '--url only applies with --register' },
      { flags: { service: 'gate' }, env: {}, error: '--service only applies with --register' },
      { flags: { namespace: 'ns' }, env: {}, error: '--namespace only applies with --register' },
      { flags: { ...cluster, register: 'true', url: 'http://127.0.0.1:9443' }, env: {}, error: '--url: "http://127.0.0.1:9443": the API server calls webhooks over https only' },
      { flags: { ...cluster, register: 'true', url: 'localhost:9443' }, env: {}, error: '--url: "localhost:9443": the API server calls webhooks over https only' },
      { flags: { ...cluster, register: 'true', url: '127.0.0.1:9443' }, env: {}, error: '--url: "127.0.0.1:9443" is not a URL (expected https://HOST:PORT)' },
      { flags: { ...cluster, register: 'true', url: 'https://' }, env: {}, error: '--url: "https://" is not a URL (expected https://HOST:PORT)' },
      { flags: { ...cluster, register: 'true', url: 'https://h:1/?x=1' }, env: {}, error: '--url: "https://h:1/?x=1" must not carry a query, fragment or user info' },
      { flags: { ...cluster, register: 'true', namespace: 'Kube_System' }, env: {}, error: '--namespace: "Kube_System" is not a valid Kubernetes name (lower-case RFC 1123 label)' },
      { flags: { ...cluster, register: 'true', service: 'a.b' }, env: {}, error: '--service: "a.b" is not a valid Kubernetes name (lower-case RFC 1123 label)' },
      { flags: {}, env: { POD_NAMESPACE: '-bad' }, error: 'POD_NAMESPACE: "-bad" is not a valid Kubernetes name (lower-case RFC 1123 label)' },
    ])('rejects $error', ({ flags, env, error }) => {
      expect(resolveConfig(flags, env, NO_FILES)).toEqual({ ok: false, errors: [error] });
    });
  });
});
