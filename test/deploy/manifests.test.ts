/** deploy/: every manifest parses, the kustomization is complete, RBAC has no wildcard, the workload is hardened. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { renderCrdFiles } from '../../src/deploy/index.js';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { Webhook } from '../../src/webhook/index.js';
import { DEFAULT_LEASE_NAME } from '../../src/cluster/leader/index.js';

const REPO = process.cwd();
const DEPLOY = path.join(REPO, 'deploy');

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };

function load(file: string): Doc[] {
  return (yaml.loadAll(readFileSync(path.join(DEPLOY, file), 'utf8')) as Doc[]).filter(Boolean);
}

const kustomization = yaml.load(readFileSync(path.join(DEPLOY, 'kustomization.yaml'), 'utf8')) as {
  namespace: string;
  resources: string[];
  secretGenerator: { name: string; type: string; files: string[] }[];
};
const committed = kustomization.resources.filter((r) => !r.startsWith('generated/'));
const docs = committed.flatMap(load);
const find = (kind: string, name?: string): Doc => {
  const doc = docs.find((d) => d.kind === kind && (name === undefined || d.metadata.name === name));
  if (!doc) throw new Error(`no ${kind} ${name ?? ''}`);
  return doc;
};

async function cli(argv: string[]): Promise<string> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), readStdin: () => Promise.resolve(''), cwd: REPO };
  const code = await main(argv, io, { now: () => Date.now(), random: Math.random });
  if (code !== 0) throw new Error(`tollgate ${argv.join(' ')}: exit ${code}: ${err}`);
  return out;
}

describe('deploy/', () => {
  test('every YAML file parses and every object has apiVersion, kind and name', () => {
    const files = readdirSync(DEPLOY, { recursive: true }).map(String).filter((f) => f.endsWith('.yaml') && !f.startsWith('generated'));
    expect(files.length).toBe(11);
    for (const file of files) {
      for (const doc of load(file)) {
        expect([file, typeof doc.apiVersion, typeof doc.kind]).toEqual([file, 'string', 'string']);
        if (doc.kind !== 'Kustomization') expect(doc.metadata.name).toMatch(/^[a-z0-9.-]+$/);
      }
    }
  });

  test('the kustomization lists every manifest file, and only existing ones (generated/ is rendered by make)', () => {
    for (const r of committed) expect(existsSync(path.join(DEPLOY, r))).toBe(true);
    const top = readdirSync(DEPLOY).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    const crds = readdirSync(path.join(DEPLOY, 'crds')).map((f) => `crds/${f}`);
    expect([...committed].sort()).toEqual([...top, ...crds].sort());
    expect(kustomization.resources).toContain('generated/webhooks.yaml');
    expect(kustomization.namespace).toBe('tollgate');
  });

  test('the committed CRDs are up to date with the policy schema (make deploy-manifests)', () => {
    for (const file of renderCrdFiles()) expect(readFileSync(path.join(DEPLOY, file.path), 'utf8')).toBe(file.content);
  });

  test('RBAC: no wildcard in groups, resources or verbs; webhook configurations managed by name', () => {
    const roles = docs.filter((d) => d.kind === 'ClusterRole' || d.kind === 'Role');
    expect(roles.length).toBeGreaterThanOrEqual(2);
    type PolicyRule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };
    const rules = roles.flatMap((r) => r.rules as PolicyRule[]);
    for (const rule of rules) {
      for (const value of [...rule.apiGroups, ...rule.resources, ...rule.verbs, ...(rule.resourceNames ?? [])]) expect(value).not.toContain('*');
    }
    const webhookRules = rules.filter((r) => r.apiGroups.includes('admissionregistration.k8s.io'));
    // Only create (which RBAC cannot limit by name) goes without resourceNames.
    for (const r of webhookRules) if (r.resourceNames === undefined) expect(r.verbs).toEqual(['create']);
    expect(webhookRules.flatMap((r) => r.resourceNames ?? []).sort()).toEqual(['tollgate-mutating-webhook-configuration', 'tollgate-validating-webhook-configuration']);
    const can = (group: string, resource: string, verb: string): boolean => rules.some((r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb));
    expect(can('kyverno.io', 'clusterpolicies', 'watch')).toBe(true);
    expect(can('kyverno.io', 'policies/status', 'update')).toBe(true);
    expect(can('coordination.k8s.io', 'leases', 'update')).toBe(true);
    expect(can('', 'namespaces', 'get')).toBe(true);
    // Secrets only through the separate generate role (the registry Secret clone), which can be dropped with it.
    const base = docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'tollgate') as unknown as { rules: PolicyRule[] };
    expect(base.rules.some((r) => r.resources.includes('secrets'))).toBe(false);
    expect(can('', 'secrets', 'create')).toBe(true);
    expect(can('networking.k8s.io', 'ingresses', 'watch')).toBe(true);
    expect(find('Role').metadata.namespace).toBe('tollgate');
    for (const binding of docs.filter((d) => d.kind.endsWith('Binding'))) {
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'tollgate', namespace: 'tollgate' }]);
    }
  });

  test('RBAC for leader election: a namespaced Role; create any Lease, get/update only Tollgate\'s by name', () => {
    type PolicyRule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };
    const leaseRules = (kind: string): PolicyRule[] => docs.filter((d) => d.kind === kind).flatMap((r) => (r.rules as PolicyRule[]).filter((rule) => rule.apiGroups.includes('coordination.k8s.io')));
    expect(leaseRules('ClusterRole')).toEqual([]);
    const rules = leaseRules('Role');
    for (const r of rules) expect(r.resources).toEqual(['leases']);
    expect(rules.filter((r) => r.resourceNames === undefined).flatMap((r) => r.verbs)).toEqual(['create']);
    const named = rules.filter((r) => r.resourceNames !== undefined);
    expect(named.flatMap((r) => r.resourceNames ?? [])).toEqual([DEFAULT_LEASE_NAME]);
    expect(named.flatMap((r) => r.verbs).sort()).toEqual(['get', 'update']);
    const role = rules.length > 0 ? docs.find((d) => d.kind === 'Role' && (d.rules as PolicyRule[]).includes(rules[0])) : undefined;
    const binding = docs.find((d) => d.kind === 'RoleBinding' && (d.roleRef as { name: string }).name === role?.metadata.name);
    expect(binding?.metadata.namespace).toBe('tollgate');
  });

  test('Deployment: 2 replicas, image, serve command, HTTPS probes, resources, restricted security context', () => {
    const deployment = find('Deployment', 'tollgate') as Doc & { spec: { replicas: number; template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[]; volumes: { secret?: { secretName: string } }[] } } } };
    expect(deployment.spec.replicas).toBe(2);
    const pod = deployment.spec.template.spec;
    expect(pod.serviceAccountName).toBe('tollgate');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const [container] = pod.containers;
    expect(container).toMatchObject({
      image: 'ghcr.io/tollgate/tollgate:0.1.0',
      args: ['serve', '--cert', '/certs/tls.crt', '--key', '/certs/tls.key', '--register'],
      ports: [{ name: 'https', containerPort: 9443 }],
      readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 'https', scheme: 'HTTPS' } },
      resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    });
    const secretNames = pod.volumes.flatMap((v) => (v.secret ? [v.secret.secretName] : []));
    expect(secretNames).toEqual([kustomization.secretGenerator[0].name]);
    expect(kustomization.secretGenerator[0]).toMatchObject({ type: 'kubernetes.io/tls' });
    expect(kustomization.secretGenerator[0].files.map((f) => f.split('=')[0]).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
  });

  test('Service 443 -> the https port; the PodDisruptionBudget keeps one replica; both select the Pods', () => {
    const service = find('Service', 'tollgate') as Doc & { spec: { ports: { port: number; targetPort: string }[]; selector: Record<string, string> } };
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: 443, targetPort: 'https' })]);
    const pdb = find('PodDisruptionBudget') as Doc & { spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } } };
    expect(pdb.spec.minAvailable).toBe(1);
    const labels = (find('Deployment') as Doc & { spec: { template: { metadata: { labels: Record<string, string> } } } }).spec.template.metadata.labels;
    expect(labels).toMatchObject(service.spec.selector);
    expect(labels).toMatchObject(pdb.spec.selector.matchLabels);
  });

  test('namespaced objects live in tollgate', () => {
    for (const d of docs.filter((x) => ['ServiceAccount', 'Deployment', 'Service', 'PodDisruptionBudget', 'Role', 'RoleBinding'].includes(x.kind))) {
      expect([d.kind, d.metadata.namespace]).toEqual([d.kind, 'tollgate']);
    }
  });
});

describe('make deploy-manifests output', () => {
  // Rendered as the Make target does (the same commands), into a temporary copy.
  let out: string;
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'tollgate-deploy-'));
    await cli(['certs', '--out', out, '--service', 'tollgate', '--namespace', 'tollgate']);
  });

  test('webhook configurations: CA bundle from `tollgate certs`, kube-system and tollgate always excluded', async () => {
    const rendered = await cli(['webhook-config', '--policies', 'policies', '--ca', path.join(out, 'ca.crt'), '--namespace', 'tollgate', '--service', 'tollgate']);
    const objects = yaml.loadAll(rendered) as { kind: string; webhooks: Webhook[] }[];
    expect(objects.map((o) => o.kind)).toEqual(['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);
    const ca = readFileSync(path.join(out, 'ca.crt'), 'utf8');
    const webhooks = objects.flatMap((o) => o.webhooks);
    expect(webhooks.length).toBeGreaterThanOrEqual(2);
    for (const w of webhooks) {
      expect(w.namespaceSelector.matchExpressions).toContainEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'tollgate'] });
      expect(Buffer.from(w.clientConfig.caBundle, 'base64').toString('utf8')).toBe(ca);
      expect(w.clientConfig.service).toMatchObject({ name: 'tollgate', namespace: 'tollgate', port: 443 });
    }
  });

  test('the files deploy/generated holds, when rendered, exclude kube-system and tollgate too', () => {
    const file = path.join(DEPLOY, 'generated', 'webhooks.yaml');
    if (!existsSync(file)) return;
    for (const o of yaml.loadAll(readFileSync(file, 'utf8')) as { webhooks: Webhook[] }[]) {
      for (const w of o.webhooks) expect(w.namespaceSelector.matchExpressions?.[0]).toEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', 'tollgate'] });
    }
  });

  test('the CRD generator script writes the committed files', () => {
    if (!existsSync(path.join(REPO, 'dist/src/deploy/index.js'))) return;
    const dir = mkdtempSync(path.join(tmpdir(), 'tollgate-crds-'));
    execFileSync(process.execPath, [path.join(REPO, 'scripts/generate-crds.js'), dir], { cwd: REPO });
    for (const file of renderCrdFiles()) expect(readFileSync(path.join(dir, file.path), 'utf8')).toBe(file.content);
  });
});
