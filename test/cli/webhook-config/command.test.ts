/** `tollgate webhook-config` through `main`, with a CA from the real certificate generator. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import type { CliIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';
import { generateCertificates } from '../../../src/tls/index.js';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from '../../../src/webhook/index.js';

const root = process.cwd();
const fixedEnv = { now: () => Date.UTC(2024, 0, 1), random: () => 0.5 };
const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-webhook-config-'));
const certs = generateCertificates({ service: 'tollgate', namespace: 'tollgate', now: new Date(), keyBits: 1024 });
const caFile = path.join(dir, 'ca.crt');
writeFileSync(caFile, certs.ca.cert);
const keyFile = path.join(dir, 'ca.key');
writeFileSync(keyFile, certs.ca.key);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => Promise.resolve(''), cwd: root };
  const code = await main(argv, io, fixedEnv);
  return { code, out, err };
}

type Pair = [ValidatingWebhookConfiguration, MutatingWebhookConfiguration];

describe('tollgate webhook-config', () => {
  test('YAML: two documents, CA bundle, Service in the namespace', async () => {
    const r = await run(['webhook-config', '--policies', 'policies', '--ca', caFile, '--namespace', 'gate', '--service', 'tg']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [validating, mutating] = yaml.loadAll(r.out) as Pair;
    expect(validating.kind).toBe('ValidatingWebhookConfiguration');
    expect(mutating.kind).toBe('MutatingWebhookConfiguration');
    expect(validating.webhooks.map((w) => w.name)).toEqual(['policies.validate.tollgate.io', 'validate-fail-10s.tollgate.io']);
    for (const w of validating.webhooks) {
      expect(Buffer.from(w.clientConfig.caBundle, 'base64').toString('utf8')).toBe(certs.ca.cert);
      expect(w.clientConfig.service).toEqual({ name: 'tg', namespace: 'gate', path: '/validate', port: 443 });
      expect(w.namespaceSelector.matchExpressions?.[0].values).toEqual(['gate', 'kube-system']);
    }
    expect(validating.webhooks[1].rules.flatMap((x) => x.resources)).toContain('deployments');
  });

  test.each([['-o', 'json'], ['--output', 'json'], ['-ojson']])('JSON as a v1 List (%s)', async (...flag) => {
    const r = await run(['webhook-config', '--policies', 'policies', '--ca', caFile, ...flag]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { kind: string; items: Pair };
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => i.kind)).toEqual(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);
  });

  test('--url points every webhook at the address', async () => {
    const r = await run(['webhook-config', '--policies', 'policies', '--ca', caFile, '--url', 'https://127.0.0.1:9443', '-o', 'json']);
    const list = JSON.parse(r.out) as { items: Pair };
    const urls = list.items[0].webhooks.map((w) => w.clientConfig.url);
    expect(urls).toEqual(['https://127.0.0.1:9443/validate', 'https://127.0.0.1:9443/validate']);
  });

  test('an invalid policy is reported on stderr and left out', async () => {
    const policyDir = mkdtempSync(path.join(tmpdir(), 'tollgate-webhook-policies-'));
    writeFileSync(path.join(policyDir, 'bad.yaml'), 'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: bad\nspec:\n  rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}, validate: {nope: 1}}]\n');
    const r = await run(['webhook-config', '--policies', policyDir, '--ca', caFile]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^policy error: .*bad\.yaml/);
    const [validating] = yaml.loadAll(r.out) as Pair;
    expect(validating.webhooks.map((w) => w.name)).toEqual(['policies.validate.tollgate.io']);
  });

  test.each([
    [['--ca', 'CA'], /missing flag: --policies/],
    [['--policies', 'policies'], /missing flag: --ca/],
    [['--policies', 'policies', '--ca', 'CA', '-o', 'xml'], /--output "xml": expected yaml or json/],
    [['--policies', 'policies', '--ca', 'CA', '--url', 'http://x:1'], /over https only/],
    [['--policies', 'policies', '--ca', 'CA', '--url', 'https://x:1/?a=b'], /query, fragment or user info/],
    [['--policies', 'policies', '--ca', 'CA', '--url', 'not a url'], /not a URL/],
    [['--policies', 'policies', '--ca', 'CA', '--namespace', 'Bad_NS'], /--namespace "Bad_NS": not a valid Kubernetes name/],
    [['--policies', 'policies', '--ca', 'KEY'], /holds a private key/],
    [['--policies', 'policies', '--ca', 'POLICY'], /no PEM certificate found/],
    [['--policies', 'policies', '--ca', '/nonexistent/ca.crt'], /file not found/],
  ])('usage error %j', async (args, message) => {
    const resolved = args.map((a) => (a === 'CA' ? caFile : a === 'KEY' ? keyFile : a === 'POLICY' ? 'policies/require-labels.yaml' : a));
    const r = await run(['webhook-config', ...resolved]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  test('help', async () => {
    const r = await run(['webhook-config', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: tollgate webhook-config --policies/);
    expect((await run(['--help'])).out).toMatch(/webhook-config {7}print the webhook configurations/);
  });
});
