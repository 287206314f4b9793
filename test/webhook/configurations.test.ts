import path from 'node:path';
import { readdirSync } from 'node:fs';
import type { RuleWithOperations, Webhook, WebhookOptions } from '../../src/webhook/index.js';
import { MUTATING_CONFIGURATION_NAME, VALIDATING_CONFIGURATION_NAME, webhookConfigurations } from '../../src/webhook/index.js';
import { loadPolicyFiles } from '../../src/policy/index.js';
import { buildPolicySet } from '../../src/policy/store/index.js';
import { CONFORMANCE, REPO, clusterPolicy, policySetFromFiles, policySetFromYaml } from './helpers.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const OPTIONS: WebhookOptions = { caBundle: CA, namespace: 'tollgate' };
const ALL_OPS = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];
const POD_CONTROLLER_RULES: RuleWithOperations[] = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers', 'replicationcontrollers'], operations: ALL_OPS, scope: '*' },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], operations: ALL_OPS, scope: '*' },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['cronjobs', 'jobs'], operations: ALL_OPS, scope: '*' },
] as RuleWithOperations[];

/** The resource webhooks (the policy-validation webhook left out). */
function resourceWebhooks(webhooks: readonly Webhook[]): Webhook[] {
  return webhooks.filter((w) => w.name !== 'policies.validate.tollgate.io');
}

function onlyWebhook(webhooks: readonly Webhook[]): Webhook {
  const found = resourceWebhooks(webhooks);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('webhookConfigurations: shipped policies', () => {
  test('the shipped policies: Pod controllers through autogen, Namespaces (generate), Ingresses; mutate for Deployments and Pods', async () => {
    const { validating, mutating } = webhookConfigurations(await policySetFromFiles(path.join(REPO, 'policies')), OPTIONS);
    expect(validating.metadata.name).toBe(VALIDATING_CONFIGURATION_NAME);
    expect(mutating.metadata.name).toBe(MUTATING_CONFIGURATION_NAME);
    const webhook = onlyWebhook(validating.webhooks);
    expect(webhook).toMatchObject({
      name: 'validate-fail-10s.tollgate.io',
      failurePolicy: 'Fail',
      timeoutSeconds: 10,
      // Generate policies create objects after admission: the API server must not call them for dry runs.
      sideEffects: 'NoneOnDryRun',
      matchPolicy: 'Equivalent',
      admissionReviewVersions: ['v1', 'v1beta1'],
      clientConfig: { service: { name: 'tollgate', namespace: 'tollgate', path: '/validate', port: 443 } },
    });
    expect(webhook.rules).toEqual([
      { ...POD_CONTROLLER_RULES[0], resources: ['namespaces', ...POD_CONTROLLER_RULES[0].resources] },
      POD_CONTROLLER_RULES[1],
      POD_CONTROLLER_RULES[2],
      { apiGroups: ['networking.k8s.io'], apiVersions: ['v1'], resources: ['ingresses'], operations: ['CREATE', 'UPDATE'], scope: '*' },
    ]);
    // The sidecar injector (Pods only: no autogen, failurePolicy Ignore) and the anti-affinity policy (Deployments).
    const mutate = (r: RuleWithOperations[]) => r.map((rule) => ({ apiGroups: rule.apiGroups, resources: rule.resources, operations: rule.operations }));
    expect(mutating.webhooks.map((w) => [w.name, w.failurePolicy, w.clientConfig.service?.path, mutate(w.rules)])).toEqual([
      ['mutate-fail-10s.tollgate.io', 'Fail', '/mutate', [{ apiGroups: ['apps'], resources: ['deployments'], operations: ['CREATE', 'UPDATE'] }]],
      ['mutate-ignore-10s.tollgate.io', 'Ignore', '/mutate', [{ apiGroups: [''], resources: ['pods', 'pods/ephemeralcontainers'], operations: ['CREATE', 'UPDATE'] }]],
    ]);
  });

  test('caBundle is the base64 of the PEM', async () => {
    const { validating } = webhookConfigurations(await policySetFromFiles(path.join(REPO, 'policies')), OPTIONS);
    for (const w of validating.webhooks) expect(Buffer.from(w.clientConfig.caBundle, 'base64').toString('utf8')).toBe(CA);
  });
});

describe('webhookConfigurations: conformance policies', () => {
  const cases: [string, string, Partial<Webhook>, 'validating' | 'mutating'][] = [
    [
      'mutate Pod (add-safe-to-evict): CREATE and UPDATE only, on the mutating webhook',
      'best-practices__add-safe-to-evict',
      { name: 'mutate-fail-10s.tollgate.io', sideEffects: 'None', rules: POD_CONTROLLER_RULES.map((r) => ({ ...r, operations: ['CREATE', 'UPDATE'] })) as RuleWithOperations[] },
      'mutating',
    ],
    [
      'generate on Namespace: validating webhook with NoneOnDryRun',
      'best-practices__add-network-policy',
      { sideEffects: 'NoneOnDryRun', rules: [{ apiGroups: [''], apiVersions: ['v1'], resources: ['namespaces'], operations: ALL_OPS, scope: '*' }] as RuleWithOperations[] },
      'validating',
    ],
    [
      'CRD kind with group and version; operations in an exclude block do not narrow the match',
      'kasten__kasten-3-2-1-backup',
      { rules: [{ apiGroups: ['config.kio.kasten.io'], apiVersions: ['v1alpha1'], resources: ['policies'], operations: ALL_OPS, scope: '*' }] as RuleWithOperations[] },
      'validating',
    ],
  ];
  test.each(cases)('%s', async (_name, dir, want, which) => {
    const policyFile = readdirSync(path.join(CONFORMANCE, dir)).find((f) => f === `${dir.split('__')[1]}.yaml`) ?? '';
    const configs = webhookConfigurations(await policySetFromFiles(path.join(CONFORMANCE, dir, policyFile)), OPTIONS);
    expect(onlyWebhook(configs[which].webhooks)).toMatchObject(want);
  });

  test('group/*/Kind selectors (check-deprecated-apis) keep their group with any version', async () => {
    const dir = path.join(CONFORMANCE, 'best-practices__check-deprecated-apis', 'check-deprecated-apis.yaml');
    const webhook = onlyWebhook(webhookConfigurations(await policySetFromFiles(dir), OPTIONS).validating.webhooks);
    const pairs = webhook.rules.flatMap((r) => r.resources.map((res) => `${r.apiGroups[0]}/${r.apiVersions[0]}/${res}`));
    expect(pairs).toEqual(expect.arrayContaining(['batch/*/cronjobs', 'policy/*/poddisruptionbudgets', 'autoscaling/*/horizontalpodautoscalers', 'flowcontrol.apiserver.k8s.io/*/flowschemas']));
  });

  test('every conformance policy set yields valid, namespace-safe configurations', async () => {
    const loaded = await loadPolicyFiles([CONFORMANCE]);
    expect(loaded.policies.length).toBeGreaterThan(100);
    for (const namespace of ['tollgate', 'policy-system']) {
      const { validating, mutating } = webhookConfigurations(buildPolicySet(loaded.policies, [], 1), { ...OPTIONS, namespace });
      const all = [...validating.webhooks, ...mutating.webhooks];
      expect(resourceWebhooks(mutating.webhooks).length).toBeGreaterThan(0);
      for (const w of all) {
        expect(w.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['kube-system', namespace].sort() }] });
        expect(w.rules.length).toBeGreaterThan(0);
        expect(w.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?){2,}$/);
        for (const r of w.rules) expect(r.operations.length).toBeGreaterThan(0);
      }
      expect(new Set(validating.webhooks.map((w) => w.name)).size).toBe(validating.webhooks.length);
    }
  });
});

const podRule = (name: string, kinds: string, extra = ''): string => `- name: ${name}
  match:
    any:
    - resources:
        kinds: [${kinds}]
${extra}
  validate:
    message: m
    pattern:
      metadata:
        name: "?*"`;

const names = (webhooks: readonly Webhook[]): string[] => resourceWebhooks(webhooks).map((w) => w.name);

describe('webhookConfigurations: rules', () => {
  test('a wildcard kind covers every resource; subresources stay listed', () => {
    const set = policySetFromYaml(clusterPolicy('p', 'background: false', `${podRule('all', '"*"')}\n${podRule('pods', 'Pod')}\n${podRule('exec', 'Pod/exec')}`));
    const webhook = onlyWebhook(webhookConfigurations(set, OPTIONS).validating.webhooks);
    expect(webhook.rules).toEqual([
      { apiGroups: [''], apiVersions: ['v1'], resources: ['pods/ephemeralcontainers', 'pods/exec'], operations: ALL_OPS, scope: '*' },
      { apiGroups: ['*'], apiVersions: ['*'], resources: ['*'], operations: ALL_OPS, scope: '*' },
    ]);
  });

  test('*/* covers resources and subresources alike', () => {
    const set = policySetFromYaml(clusterPolicy('p', 'background: false', `${podRule('all', '"*/*"')}\n${podRule('exec', 'Pod/exec, Deployment')}`));
    expect(onlyWebhook(webhookConfigurations(set, OPTIONS).validating.webhooks).rules).toEqual([
      { apiGroups: ['*'], apiVersions: ['*'], resources: ['*/*'], operations: ALL_OPS, scope: '*' },
    ]);
  });

  test('subresource with CONNECT operation', () => {
    const set = policySetFromYaml(clusterPolicy('p', 'background: false', podRule('exec', 'Pod/exec', '        operations: [CONNECT]')));
    expect(onlyWebhook(webhookConfigurations(set, OPTIONS).validating.webhooks).rules).toEqual([
      { apiGroups: [''], apiVersions: ['v1'], resources: ['pods/exec'], operations: ['CONNECT'], scope: '*' },
    ]);
  });

  test('operations per filter of match.any; a wider operation set on the same resource merges', () => {
    const rule = `- name: r
  match:
    any:
    - resources:
        kinds: [ConfigMap]
        operations: [DELETE]
    - resources:
        kinds: [Secret]
        operations: [UPDATE, CREATE]
  validate:
    deny: {}`;
    const webhook = onlyWebhook(webhookConfigurations(policySetFromYaml(clusterPolicy('p', '', rule)), OPTIONS).validating.webhooks);
    expect(webhook.rules).toEqual([
      { apiGroups: [''], apiVersions: ['v1'], resources: ['secrets'], operations: ['CREATE', 'UPDATE'], scope: '*' },
      { apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'], operations: ['DELETE'], scope: '*' },
    ]);
  });

  test('match.all: bounded by one filter\'s kinds, operations intersected', () => {
    const rule = `- name: r
  match:
    all:
    - resources:
        kinds: [Service]
        operations: [CREATE, UPDATE]
    - resources:
        kinds: [Service, ConfigMap]
        operations: [UPDATE, DELETE]
  validate:
    deny: {}`;
    const webhook = onlyWebhook(webhookConfigurations(policySetFromYaml(clusterPolicy('p', '', rule)), OPTIONS).validating.webhooks);
    expect(webhook.rules).toEqual([{ apiGroups: [''], apiVersions: ['v1'], resources: ['services'], operations: ['UPDATE'], scope: '*' }]);
  });

  test('a mutate rule that only matches DELETE registers nothing', () => {
    const rule = `- name: r
  match:
    any:
    - resources:
        kinds: [ConfigMap]
        operations: [DELETE]
  mutate:
    patchStrategicMerge:
      metadata:
        labels:
          a: b`;
    expect(webhookConfigurations(policySetFromYaml(clusterPolicy('p', '', rule)), OPTIONS).mutating.webhooks).toEqual([]);
  });

  test('admission: false policies are not registered', () => {
    const set = policySetFromYaml(clusterPolicy('p', 'admission: false\nbackground: true', podRule('r', 'ConfigMap')));
    expect(names(webhookConfigurations(set, OPTIONS).validating.webhooks)).toEqual([]);
  });

  test('with no policies only the policy-validation webhook remains, and the mutating configuration is empty', () => {
    const { validating, mutating } = webhookConfigurations(buildPolicySet([], [], 0), OPTIONS);
    expect(validating.webhooks.map((w) => w.name)).toEqual(['policies.validate.tollgate.io']);
    expect(mutating.webhooks).toEqual([]);
  });
});

describe('webhookConfigurations: failure policies and timeouts', () => {
  const docs = [
    clusterPolicy('a-default', '', podRule('r', 'ConfigMap')),
    clusterPolicy('b-ignore', 'failurePolicy: Ignore', podRule('r', 'Secret')),
    clusterPolicy('c-new-block', 'failurePolicy: Fail\nwebhookConfiguration:\n  failurePolicy: Ignore\n  timeoutSeconds: 5', podRule('r', 'Service')),
    clusterPolicy('d-timeout', 'webhookTimeoutSeconds: 20', podRule('r', 'Namespace')),
    clusterPolicy('e-old-timeout-loses', 'webhookTimeoutSeconds: 20\nwebhookConfiguration:\n  timeoutSeconds: 3', podRule('r', 'Node')),
  ].join('---\n');

  test('one webhook per (failurePolicy, timeoutSeconds); webhookConfiguration wins over the older fields', () => {
    const webhooks = resourceWebhooks(webhookConfigurations(policySetFromYaml(docs), OPTIONS).validating.webhooks);
    const summary = webhooks.map((w) => [w.name, w.failurePolicy, w.timeoutSeconds, w.rules.flatMap((r) => r.resources)]);
    expect(summary).toEqual([
      ['validate-fail-10s.tollgate.io', 'Fail', 10, ['configmaps']],
      ['validate-fail-20s.tollgate.io', 'Fail', 20, ['namespaces']],
      ['validate-fail-3s.tollgate.io', 'Fail', 3, ['nodes']],
      ['validate-ignore-10s.tollgate.io', 'Ignore', 10, ['secrets']],
      ['validate-ignore-5s.tollgate.io', 'Ignore', 5, ['services']],
    ]);
  });
});

describe('webhookConfigurations: namespaces and client config', () => {
  const set = policySetFromYaml(clusterPolicy('p', '', podRule('r', 'ConfigMap')));

  test.each([
    ['tollgate', ['kube-system', 'tollgate']],
    ['policy-system', ['kube-system', 'policy-system']],
    ['kube-system', ['kube-system']],
  ])('namespace %s: every webhook excludes %j', (namespace, values) => {
    const { validating } = webhookConfigurations(set, { ...OPTIONS, namespace });
    expect(validating.webhooks).toHaveLength(2);
    for (const w of validating.webhooks) {
      expect(w.namespaceSelector).toEqual({ matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values }] });
    }
  });

  test('the policy webhook validates kyverno.io policies and cannot block anyone when Tollgate is down', () => {
    const policyHook = webhookConfigurations(set, OPTIONS).validating.webhooks.find((w) => w.name === 'policies.validate.tollgate.io');
    expect(policyHook).toMatchObject({
      failurePolicy: 'Ignore',
      rules: [{ apiGroups: ['kyverno.io'], resources: ['clusterpolicies', 'policies'], operations: ['CREATE', 'UPDATE'] }],
      clientConfig: { service: { path: '/validate' } },
    });
  });

  test('url replaces the Service (running outside the cluster)', () => {
    const { validating } = webhookConfigurations(set, { ...OPTIONS, url: 'https://10.0.0.5:9443/' });
    for (const w of validating.webhooks) {
      expect(w.clientConfig.url).toBe('https://10.0.0.5:9443/validate');
      expect(w.clientConfig.service).toBeUndefined();
    }
  });

  test('a custom Service and port', () => {
    const { validating } = webhookConfigurations(set, { ...OPTIONS, service: { name: 'gate', namespace: 'sec', port: 8443 } });
    expect(validating.webhooks[1].clientConfig).toMatchObject({ service: { name: 'gate', namespace: 'sec', port: 8443, path: '/validate' } });
  });

  test('the output is deterministic', () => {
    expect(JSON.stringify(webhookConfigurations(set, OPTIONS))).toBe(JSON.stringify(webhookConfigurations(set, OPTIONS)));
  });
});
