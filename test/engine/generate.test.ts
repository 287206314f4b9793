/** The generate stage: data, clone, cloneList, foreach, ownership labels, outcomes, operations. */
import type { AdmissionRequest, Operation } from '../../src/api/admission.js';
import type { EngineEnv } from '../../src/api/env.js';
import { GENERATE_LABELS, MANAGED_BY_LABEL } from '../../src/api/generate.js';
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { EMPTY_SNAPSHOT, type ClusterSnapshot } from '../../src/api/snapshot.js';
import { createFileSnapshot } from '../../src/cli/file-snapshot.js';
import { generate, generateExistingOf } from '../../src/engine/index.js';
import { parsePolicies } from '../../src/policy/index.js';

const env: EngineEnv = { now: () => 1_000, random: () => 0.5 };

function load(text: string): LoadedPolicy[] {
  const { policies, errors } = parsePolicies(text, 'generate.yaml');
  expect(errors).toEqual([]);
  return policies;
}

const indent = (text: string, by: string): string => text.split('\n').map((l) => `${by}${l}`).join('\n');

/** A ClusterPolicy (or, with `namespace`, a Policy) whose rules match Namespaces unless `match` says otherwise. */
function policy(rules: { name: string; generate: string; match?: string; extra?: string }[], opts: { name?: string; namespace?: string; spec?: string } = {}): LoadedPolicy[] {
  const kind = opts.namespace ? 'Policy' : 'ClusterPolicy';
  const meta = opts.namespace ? `\n  namespace: ${opts.namespace}` : '';
  const body = rules
    .map((r) => `  - name: ${r.name}\n    match: ${r.match ?? '{any: [{resources: {kinds: [Namespace]}}]}'}\n${r.extra ? indent(r.extra, '    ') + '\n' : ''}    generate:\n${indent(r.generate, '      ')}`)
    .join('\n');
  return load(`apiVersion: kyverno.io/v1\nkind: ${kind}\nmetadata:\n  name: ${opts.name ?? 'gen'}${meta}\nspec:\n${opts.spec ?? ''}  rules:\n${body}\n`);
}

const ns = (name: string, extra: Partial<KubeObject['metadata']> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: `uid-${name}`, ...extra } });

function request(object: KubeObject, operation: Operation = 'CREATE', extra: Partial<AdmissionRequest> = {}): AdmissionRequest {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
  const req: AdmissionRequest = {
    uid: 'req-1',
    kind: { group, version, kind: object.kind },
    resource: { group, version, resource: `${object.kind.toLowerCase()}s` },
    name: object.metadata.name,
    operation,
    userInfo: { username: 'alice' },
    ...extra,
  };
  if (object.metadata.namespace) req.namespace = object.metadata.namespace;
  if (operation === 'DELETE') req.oldObject = object;
  else req.object = object;
  if (operation === 'UPDATE') req.oldObject = object;
  return req;
}

function run(policies: LoadedPolicy[], object: KubeObject = ns('team-a'), snapshot: ClusterSnapshot = EMPTY_SNAPSHOT, operation: Operation = 'CREATE', extra: Partial<AdmissionRequest> = {}) {
  return generate({ request: request(object, operation, extra), policies, snapshot, env });
}

const NETPOL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
name: default-deny
namespace: "{{request.object.metadata.name}}"
synchronize: true
data:
  metadata:
    labels: {team: "{{request.object.metadata.labels.team || 'none'}}"}
  spec:
    podSelector: {}
    policyTypes: [Ingress, Egress]`;

const regcred: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'regcred',
    namespace: 'tollgate-system',
    uid: 'source-uid',
    resourceVersion: '42',
    creationTimestamp: '2024-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl' }],
    ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'o' }],
    labels: { app: 'registry', [GENERATE_LABELS.cloneSource]: '' },
    annotations: { note: 'kept' },
  },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': 'e30=' },
};

describe('generate stage: data', () => {
  test('data with variables gives the object at the target, labelled with its owner; the rule passes', () => {
    const out = run(policy([{ name: 'deny', generate: NETPOL }]), ns('team-a', { labels: { team: 'shop' } }));
    expect(out.policies).toHaveLength(1);
    expect(out.policies[0].rules).toEqual([{ status: 'pass', rule: 'deny', ruleType: 'generate', message: 'generated NetworkPolicy team-a/default-deny' }]);
    expect(out.policies[0].resource).toEqual({ apiVersion: 'v1', kind: 'Namespace', name: 'team-a', uid: 'uid-team-a' });
    expect(out.objects).toEqual([
      {
        policy: 'gen',
        rule: 'deny',
        synchronize: true,
        orphanDownstreamOnPolicyDelete: false,
        object: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: {
            name: 'default-deny',
            namespace: 'team-a',
            labels: {
              team: 'shop',
              [MANAGED_BY_LABEL]: 'tollgate',
              'generate.tollgate.io/policy-name': 'gen',
              'generate.tollgate.io/policy-namespace': '',
              'generate.tollgate.io/rule-name': 'deny',
              'generate.tollgate.io/trigger-apiversion': 'v1',
              'generate.tollgate.io/trigger-kind': 'Namespace',
              'generate.tollgate.io/trigger-namespace': '',
              'generate.tollgate.io/trigger-name': 'team-a',
              'generate.tollgate.io/trigger-uid': 'uid-team-a',
            },
          },
          spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
        },
      },
    ]);
  });

  test('the target name and namespace win over data.metadata; whole-value variables keep their type', () => {
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'd1' }, spec: { selector: { matchLabels: { app: 'web' } } } };
    const rule = `apiVersion: policy/v1
kind: PodDisruptionBudget
name: "{{request.object.metadata.name}}-pdb"
namespace: "{{request.object.metadata.namespace}}"
orphanDownstreamOnPolicyDelete: true
data:
  metadata: {name: ignored, namespace: elsewhere, annotations: {a: b}}
  spec:
    minAvailable: 1
    selector: "{{request.object.spec.selector}}"`;
    const out = run(policy([{ name: 'pdb', generate: rule, match: '{any: [{resources: {kinds: [Deployment]}}]}' }]), deploy);
    const [g] = out.objects;
    expect(g.synchronize).toBe(false);
    expect(g.orphanDownstreamOnPolicyDelete).toBe(true);
    expect(g.object.metadata).toMatchObject({ name: 'web-pdb', namespace: 'shop', annotations: { a: 'b' } });
    expect(g.object.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'web' } } });
    expect(g.object.metadata.labels).toMatchObject({ 'generate.tollgate.io/trigger-apiversion': 'apps-v1', 'generate.tollgate.io/trigger-namespace': 'shop', 'generate.tollgate.io/trigger-uid': 'd1' });
  });

  test('a cluster-scoped kind takes no namespace; apiVersion defaults for built-in kinds', () => {
    const rule = 'kind: ClusterRole\nname: "{{request.object.metadata.name}}-admin"\nnamespace: ignored\ndata: {rules: []}';
    const out = run(policy([{ name: 'role', generate: rule }]));
    expect(out.objects[0].object).toMatchObject({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'team-a-admin' } });
    expect(out.objects[0].object.metadata.namespace).toBeUndefined();
  });

  test('the policy document is never changed by generating', () => {
    const policies = policy([{ name: 'deny', generate: NETPOL }]);
    const before = JSON.stringify(policies);
    const first = run(policies, ns('a'));
    first.objects[0].object.metadata.labels = {};
    run(policies, ns('b'));
    expect(JSON.stringify(policies)).toBe(before);
  });

  test.each([
    { name: 'an unresolvable variable', rule: 'apiVersion: v1\nkind: ConfigMap\nname: "{{request.object.metadata.nope}}"\nnamespace: x\ndata: {}', message: /^variable substitution failed: / },
    { name: 'a missing name', rule: 'apiVersion: v1\nkind: ConfigMap\nnamespace: x\ndata: {}', message: /^generate.name is required$/ },
    { name: 'a missing kind', rule: 'apiVersion: v1\nname: x\nnamespace: x\ndata: {}', message: /^generate.kind is required$/ },
    { name: 'an unknown kind without apiVersion', rule: 'kind: Widget\nname: x\nnamespace: x\ndata: {}', message: /^generate.apiVersion is required for kind Widget$/ },
    { name: 'data that is not an object', rule: 'apiVersion: v1\nkind: ConfigMap\nname: x\nnamespace: x\ndata: [1]', message: /^generate.data must be an object$/ },
    { name: 'nothing to generate from', rule: 'apiVersion: v1\nkind: ConfigMap\nname: x\nnamespace: x', message: /^generate needs one of data/ },
  ])('$name is an error and generates nothing', ({ rule, message }) => {
    const out = run(policy([{ name: 'r', generate: rule }]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', ruleType: 'generate', message: expect.stringMatching(message) });
    expect(out.objects).toEqual([]);
  });
});

describe('generate stage: clone and cloneList', () => {
  const CLONE = 'apiVersion: v1\nkind: Secret\nname: regcred\nnamespace: "{{request.object.metadata.name}}"\nsynchronize: true\nclone: {namespace: tollgate-system, name: regcred}';

  test('clone copies the source without server-owned fields, into the target, with source labels', () => {
    const out = run(policy([{ name: 'sync', generate: CLONE }]), ns('team-a'), createFileSnapshot([regcred]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'pass', message: 'generated Secret team-a/regcred' });
    expect(out.objects).toHaveLength(1);
    const [g] = out.objects;
    expect(g.cloneSource).toEqual({ apiVersion: 'v1', kind: 'Secret', namespace: 'tollgate-system', name: 'regcred' });
    expect(g.synchronize).toBe(true);
    expect(g.object).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'regcred',
        namespace: 'team-a',
        annotations: { note: 'kept' },
        labels: expect.objectContaining({
          app: 'registry',
          'generate.tollgate.io/source-apiversion': 'v1',
          'generate.tollgate.io/source-kind': 'Secret',
          'generate.tollgate.io/source-namespace': 'tollgate-system',
          'generate.tollgate.io/source-name': 'regcred',
          'generate.tollgate.io/trigger-name': 'team-a',
        }) as Record<string, string>,
      },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': 'e30=' },
    });
    // The clone is not itself a clone source.
    expect(g.object.metadata.labels?.[GENERATE_LABELS.cloneSource]).toBeUndefined();
    // The snapshot's object is untouched.
    expect(regcred.metadata.uid).toBe('source-uid');
  });

  test('owner references survive a clone within the same namespace', () => {
    const rule = 'apiVersion: v1\nkind: Secret\nname: copy\nnamespace: tollgate-system\nclone: {namespace: tollgate-system, name: regcred}';
    const out = run(policy([{ name: 'copy', generate: rule }]), ns('team-a'), createFileSnapshot([regcred]));
    expect(out.objects[0].object.metadata.ownerReferences).toEqual(regcred.metadata.ownerReferences);
  });

  test('a missing clone source is an error', () => {
    const out = run(policy([{ name: 'sync', generate: CLONE }]), ns('team-a'), createFileSnapshot([]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: 'source resource Secret tollgate-system/regcred not found: secrets "regcred" not found' });
    expect(out.objects).toEqual([]);
  });

  test('a snapshot that cannot answer is an error too', () => {
    const out = run(policy([{ name: 'sync', generate: CLONE }]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: 'source resource Secret tollgate-system/regcred not found' });
  });

  test('cloning an object onto itself is passed over', () => {
    const out = run(policy([{ name: 'sync', generate: CLONE }]), ns('tollgate-system'), createFileSnapshot([regcred]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'pass', message: 'nothing to generate: skipped cloning Secret tollgate-system/regcred onto itself' });
    expect(out.objects).toEqual([]);
  });

  const cm = (name: string, namespace: string, labels: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data: { name } });
  const sources = [regcred, cm('a', 'staging', { share: 'yes' }), cm('b', 'staging', { share: 'no' }), cm('c', 'other', { share: 'yes' }), { ...regcred, metadata: { ...regcred.metadata, namespace: 'staging', name: 'pull' } }];
  const LIST = 'namespace: "{{request.object.metadata.name}}"\ncloneList:\n  namespace: staging\n  kinds: [v1/ConfigMap, Secret]\n  selector: {matchLabels: {share: "yes"}}';

  test('cloneList clones every matching object of each kind from the source namespace, keeping kinds and names', () => {
    const labelled = sources.map((o) => (o.kind === 'Secret' && o.metadata.name === 'pull' ? { ...o, metadata: { ...o.metadata, labels: { share: 'yes' } } } : o));
    const out = run(policy([{ name: 'list', generate: LIST }]), ns('team-a'), createFileSnapshot(labelled));
    expect(out.objects.map((g) => [g.object.kind, g.object.metadata.namespace, g.object.metadata.name, g.cloneSource?.namespace])).toEqual([
      ['ConfigMap', 'team-a', 'a', 'staging'],
      ['Secret', 'team-a', 'pull', 'staging'],
    ]);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'pass', message: 'generated ConfigMap team-a/a, Secret team-a/pull' });
  });

  test('cloneList into the source namespace itself, or without sources, generates nothing and passes', () => {
    const self = run(policy([{ name: 'list', generate: LIST }]), ns('staging'), createFileSnapshot(sources));
    expect(self.objects).toEqual([]);
    expect(self.policies[0].rules[0]).toMatchObject({ status: 'pass', message: 'nothing to generate: skipped cloning ConfigMap staging/a into its own namespace' });
    const none = run(policy([{ name: 'list', generate: LIST }]), ns('team-a'), createFileSnapshot([]));
    expect(none.policies[0].rules[0]).toMatchObject({ status: 'pass', message: 'nothing to generate: no source resources matched generate.cloneList' });
  });

  test('a cloneList whose sources cannot be listed is an error', () => {
    const out = run(policy([{ name: 'list', generate: LIST }]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: 'failed to list source resources for cloneList v1 ConfigMap in staging' });
  });
});

describe('generate stage: foreach', () => {
  const FOREACH = `foreach:
- list: "request.object.metadata.labels.teams | split(@, ',')"
  context:
  - name: upper
    variable: {jmesPath: "to_upper(element)"}
  preconditions:
    all:
    - {key: "{{element}}", operator: NotEquals, value: skip}
  apiVersion: v1
  kind: ConfigMap
  name: "team-{{element}}"
  namespace: "{{request.object.metadata.name}}"
  data:
    data: {index: "{{elementIndex}}", upper: "{{upper}}"}`;

  test('each element gets its own context, preconditions and object', () => {
    const out = run(policy([{ name: 'each', generate: FOREACH }]), ns('team-a', { labels: { teams: 'red,skip,blue' } }));
    expect(out.objects.map((g) => [g.object.metadata.name, g.object.data])).toEqual([
      ['team-red', { index: 0, upper: 'RED' }],
      ['team-blue', { index: 2, upper: 'BLUE' }],
    ]);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'pass', message: 'generated ConfigMap team-a/team-red, ConfigMap team-a/team-blue' });
  });

  test('a failing element is reported, the others are still generated', () => {
    // The context entry evaluates to null (an error without a default) for every element but `red`.
    const rule = FOREACH.replace('  - name: upper\n', `  - name: check\n    variable: {jmesPath: "element == 'red' && 'ok' || null"}\n  - name: upper\n`);
    const out = run(policy([{ name: 'each', generate: rule }]), ns('team-a', { labels: { teams: 'red,blue' } }));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: 'foreach[0] element 1: failed to load context: failed to load context entry "check": variable evaluated to null' });
    expect(out.objects.map((g) => g.object.metadata.name)).toEqual(['team-red']);
  });

  test('a list that cannot be evaluated is an error', () => {
    const out = run(policy([{ name: 'each', generate: 'foreach:\n- list: "request.object.metadata.labels.teams | split(@, `1`)"\n  apiVersion: v1\n  kind: ConfigMap\n  name: x\n  namespace: y\n  data: {}' }]), ns('a', { labels: { teams: 'x' } }));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/^failed to evaluate foreach\[0\]\.list /) });
  });
});

describe('generate stage: rule outcomes and requests', () => {
  const CM = 'apiVersion: v1\nkind: ConfigMap\nname: cm\nnamespace: "{{request.object.metadata.name}}"\ndata: {data: {a: b}}';

  test('failed preconditions skip the rule; unmatched rules give no result', () => {
    const policies = policy([
      { name: 'pre', generate: CM, extra: 'preconditions:\n  all:\n  - {key: "{{request.object.metadata.name}}", operator: Equals, value: other}' },
      { name: 'unmatched', generate: CM, match: '{any: [{resources: {kinds: [Pod]}}]}' },
    ]);
    const out = run(policies);
    expect(out.policies[0].rules).toEqual([expect.objectContaining({ rule: 'pre', status: 'skip' })]);
    expect(out.objects).toEqual([]);
    expect(run(policy([{ name: 'unmatched', generate: CM, match: '{any: [{resources: {kinds: [Pod]}}]}' }])).policies).toEqual([]);
  });

  test('dryRun reports the rules but generates nothing', () => {
    const out = run(policy([{ name: 'cm', generate: CM }]), ns('a'), EMPTY_SNAPSHOT, 'CREATE', { dryRun: true });
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'pass' });
    expect(out.objects).toEqual([]);
  });

  test('DELETE reports the matched rules as skipped and generates nothing; CONNECT is not evaluated', () => {
    const del = run(policy([{ name: 'cm', generate: CM }]), ns('a'), EMPTY_SNAPSHOT, 'DELETE');
    expect(del.policies[0].rules).toEqual([{ status: 'skip', rule: 'cm', ruleType: 'generate', message: 'the trigger is being deleted: nothing to generate' }]);
    expect(del.objects).toEqual([]);
    expect(run(policy([{ name: 'cm', generate: CM }]), ns('a'), EMPTY_SNAPSHOT, 'CONNECT')).toEqual({ policies: [], objects: [] });
  });

  test('UPDATE generates like CREATE (the cluster side keeps the objects in sync)', () => {
    expect(run(policy([{ name: 'cm', generate: CM }]), ns('a'), EMPTY_SNAPSHOT, 'UPDATE').objects).toHaveLength(1);
  });

  test('applyRules One stops after the first rule that did not skip', () => {
    const out = run(policy([{ name: 'one', generate: CM }, { name: 'two', generate: CM.replace('name: cm', 'name: cm2') }], { spec: '  applyRules: One\n' }));
    expect(out.policies[0].rules.map((r) => r.rule)).toEqual(['one']);
    expect(out.objects).toHaveLength(1);
  });

  test('validate and mutate rules are not this stage\'s business', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: v}
spec:
  rules:
  - name: check
    match: {any: [{resources: {kinds: [Namespace]}}]}
    validate: {pattern: {metadata: {name: "?*"}}}`;
    expect(run(load(text))).toEqual({ policies: [], objects: [] });
  });

  test('an exception inside a rule is an internal error for that rule only', () => {
    const policies = policy([{ name: 'cm', generate: CM }, { name: 'ok', generate: CM.replace('name: cm', 'name: ok') }]);
    const snapshot: ClusterSnapshot = { ...EMPTY_SNAPSHOT };
    const broken = { ...policies[0], rules: [{ ...policies[0].rules[0], generate: { get data(): unknown { throw new Error('boom'); }, apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'y' } }, policies[0].rules[1]] };
    const out = run([broken], ns('a'), snapshot);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', cause: 'internal', message: 'internal error: boom' });
    expect(out.objects.map((g) => g.rule)).toEqual(['ok']);
  });

  test('generate policies get no autogen rules, so a Pod generate rule does not fire for Deployments', () => {
    const policies = policy([{ name: 'per-pod', generate: CM, match: '{any: [{resources: {kinds: [Pod]}}]}' }]);
    expect(policies[0].rules.map((r) => r.name)).toEqual(['per-pod']);
    const deploy: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'a' } };
    expect(run(policies, deploy).policies).toEqual([]);
  });

  test('generateExisting: the rule\'s own setting, else the policy\'s', () => {
    const [byPolicy] = policy([{ name: 'a', generate: CM }, { name: 'b', generate: `${CM}\ngenerateExisting: false` }], { spec: '  generateExisting: true\n' });
    expect(byPolicy.rules.map((r) => generateExistingOf(byPolicy.policy, r))).toEqual([true, false]);
    const [none] = policy([{ name: 'a', generate: CM }]);
    expect(generateExistingOf(none.policy, none.rules[0])).toBe(false);
  });
});

describe('generate stage: namespaced Policy', () => {
  const opts = { name: 'team-gen', namespace: 'team-a' };
  const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'team-a', uid: 'p1' } };
  const match = '{any: [{resources: {kinds: [Pod]}}]}';

  test('generates in its own namespace, with the policy namespace label', () => {
    const out = run(policy([{ name: 'cm', match, generate: 'apiVersion: v1\nkind: ConfigMap\nname: "{{request.object.metadata.name}}-cm"\nnamespace: team-a\ndata: {}' }], opts), pod);
    expect(out.policies[0].policy).toBe('team-a/team-gen');
    expect(out.objects[0].policy).toBe('team-a/team-gen');
    expect(out.objects[0].object.metadata.labels).toMatchObject({ 'generate.tollgate.io/policy-name': 'team-gen', 'generate.tollgate.io/policy-namespace': 'team-a' });
  });

  test.each([
    { name: 'another namespace', rule: 'apiVersion: v1\nkind: ConfigMap\nname: x\nnamespace: team-b\ndata: {}', message: 'generate namespace "team-b" must be the policy\'s namespace "team-a"' },
    { name: 'a cluster-scoped kind', rule: 'apiVersion: v1\nkind: Namespace\nname: x\ndata: {}', message: 'a namespaced Policy cannot generate the cluster-scoped kind Namespace' },
    { name: 'a clone from another namespace', rule: 'apiVersion: v1\nkind: Secret\nname: x\nnamespace: team-a\nclone: {namespace: tollgate-system, name: regcred}', message: 'generate.clone namespace "tollgate-system" must be the policy\'s namespace "team-a"' },
    { name: 'a cloneList from another namespace', rule: 'namespace: team-a\ncloneList: {namespace: staging, kinds: [v1/Secret]}', message: 'generate.cloneList namespace "staging" must be the policy\'s namespace "team-a"' },
  ])('$name is an error', ({ rule, message }) => {
    const out = run(policy([{ name: 'r', match, generate: rule }], opts), pod, createFileSnapshot([regcred]));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message });
    expect(out.objects).toEqual([]);
  });
});
