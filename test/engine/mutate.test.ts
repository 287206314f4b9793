/** The mutate stage: rule and policy order, outcomes, foreach forms, atomic policies, operations. */
import type { AdmissionRequest } from '../../src/api/admission.js';
import type { EngineEnv } from '../../src/api/env.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { EMPTY_SNAPSHOT } from '../../src/api/snapshot.js';
import { mutate } from '../../src/engine/index.js';
import { parsePolicies } from '../../src/policy/index.js';
import { podCreateRequest } from './pod-request.js';

const env: EngineEnv = { now: () => 1_000, random: () => 0.5 };

function load(text: string): LoadedPolicy[] {
  const { policies, errors } = parsePolicies(text, 'mutate.yaml');
  expect(errors).toEqual([]);
  return policies;
}

const policy = (name: string, rules: string, extra = ''): string => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: ${name}
  annotations: {pod-policies.kyverno.io/autogen-controllers: none}
spec:
${extra}  rules:
${rules}`;

const rule = (name: string, body: string): string =>
  `  - name: ${name}\n    match: {any: [{resources: {kinds: [Pod]}}]}\n${body
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;

const pod = (): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    containers: [
      { name: 'a', image: 'nginx:latest' },
      { name: 'b', image: 'busybox:1.36' },
      { name: 'c', image: 'redis:latest' },
    ],
  },
});

function run(policies: LoadedPolicy[], request: AdmissionRequest = podCreateRequest(pod())) {
  return mutate({ request, policies, snapshot: EMPTY_SNAPSHOT, env });
}

type PodShape = { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: { containers: { name: string; image: string; imagePullPolicy?: string }[] } };

describe('mutate stage', () => {
  test('a strategic merge patch passes with the patched object and Kyverno-style message', () => {
    const out = run(load(policy('add-team', rule('team', 'mutate: {patchStrategicMerge: {metadata: {labels: {team: shop}}}}'))));
    expect(out.policies).toHaveLength(1);
    expect(out.policies[0].rules).toEqual([{ status: 'pass', rule: 'team', ruleType: 'mutate', message: 'mutated Pod/web in namespace default' }]);
    expect((out.object as PodShape).metadata.labels).toEqual({ app: 'web', team: 'shop' });
    expect(out.policies[0].patched).toBe(out.object);
  });

  test('a patch that changes nothing is skipped with "no patches applied" and the object is the same reference', () => {
    const request = podCreateRequest(pod());
    const out = run(load(policy('noop', rule('app', 'mutate: {patchStrategicMerge: {metadata: {labels: {app: web}}}}'))), request);
    expect(out.policies[0].rules).toEqual([{ status: 'skip', rule: 'app', ruleType: 'mutate', message: 'no patches applied' }]);
    expect(out.object).toBe(request.object);
    expect(out.policies[0].patched).toBeUndefined();
  });

  test('each rule sees request.object as the rules before it left it; policies apply in order', () => {
    const first = policy('first', rule('one', 'mutate: {patchStrategicMerge: {metadata: {labels: {step: "1"}}}}') + rule('two', 'mutate: {patchStrategicMerge: {metadata: {labels: {copy: "{{ request.object.metadata.labels.step }}"}}}}'));
    const second = policy('second', rule('three', 'mutate: {patchStrategicMerge: {metadata: {annotations: {seen: "{{ request.object.metadata.labels.copy }}"}}}}'));
    const out = run(load(`${first}---\n${second}`));
    const object = out.object as PodShape;
    expect(object.metadata.labels).toEqual({ app: 'web', step: '1', copy: '1' });
    expect(object.metadata.annotations).toEqual({ seen: '1' });
    expect(out.policies.map((p) => p.policy)).toEqual(['first', 'second']);
  });

  test('an error leaves the object as the policy found it; other policies still apply', () => {
    const broken = policy('broken', rule('ok', 'mutate: {patchStrategicMerge: {metadata: {labels: {partial: "yes"}}}}') + rule('bad', 'mutate: {patchStrategicMerge: {metadata: {labels: {x: "{{ request.object.metadata.labels.missing }}"}}}}'));
    const fine = policy('fine', rule('add', 'mutate: {patchStrategicMerge: {metadata: {labels: {fine: "yes"}}}}'));
    const out = run(load(`${broken}---\n${fine}`));
    expect(out.policies[0].rules.map((r) => r.status)).toEqual(['pass', 'error']);
    expect(out.policies[0].rules[1].message).toMatch(/^variable substitution failed: /);
    expect(out.policies[0].patched).toBeUndefined();
    expect((out.object as PodShape).metadata.labels).toEqual({ app: 'web', fine: 'yes' });
  });

  test('conditional anchors patch only the matching list elements (which kyaml, like Kyverno, lists first)', () => {
    const text = policy('pull', rule('always', 'mutate: {patchStrategicMerge: {spec: {containers: [{(image): "*:latest", imagePullPolicy: Always}]}}}'));
    const containers = (run(load(text)).object as PodShape).spec.containers;
    expect(containers.map((c) => [c.name, c.imagePullPolicy])).toEqual([
      ['a', 'Always'],
      ['c', 'Always'],
      ['b', undefined],
    ]);
  });

  test('patchesJson6902 with variables, escaped keys and appends', () => {
    const patch = `- op: add
  path: /metadata/annotations
  value: {}
- op: add
  path: /metadata/annotations/sidecar.istio.io~1inject
  value: "{{ request.object.metadata.labels.app }}"
- op: add
  path: /spec/containers/-
  value: {name: d, image: "envoy:1"}`;
    const text = policy('json', rule('patch', `mutate:\n  patchesJson6902: |-\n${patch.split('\n').map((l) => `    ${l}`).join('\n')}`));
    const object = run(load(text)).object as PodShape;
    expect(object.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'web' });
    expect(object.spec.containers.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  test('foreach with Descending order removes by elementIndex without shifting the rest', () => {
    const body = `mutate:
  foreach:
  - list: request.object.spec.containers
    order: Descending
    preconditions:
      all:
      - {key: "{{ element.image }}", operator: Equals, value: "*:latest"}
    patchesJson6902: |-
      - op: remove
        path: /spec/containers/{{ elementIndex }}`;
    const out = run(load(policy('drop-latest', rule('drop', body))));
    expect((out.object as PodShape).spec.containers.map((c) => c.name)).toEqual(['b']);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'pass' });
  });

  test('foreach strategic merge per element, with element variables', () => {
    const body = `mutate:
  foreach:
  - list: request.object.spec.containers
    patchStrategicMerge:
      metadata:
        annotations:
          "image.{{ element.name }}": "{{ element.image }}"`;
    const object = run(load(policy('annotate', rule('each', body)))).object as PodShape;
    expect(object.metadata.annotations).toEqual({ 'image.a': 'nginx:latest', 'image.b': 'busybox:1.36', 'image.c': 'redis:latest' });
  });

  test('nested foreach sees the outer element and both indexes', () => {
    const request = podCreateRequest({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }, { containerPort: 81 }] }, { name: 'b', image: 'y', ports: [{ containerPort: 90 }] }] },
    });
    const body = `mutate:
  foreach:
  - list: request.object.spec.containers
    foreach:
    - list: element.ports
      patchStrategicMerge:
        metadata:
          annotations:
            "port.{{ element0.name }}.{{ elementIndex1 }}": "{{ to_string(element1.containerPort) }}"`;
    const object = run(load(policy('ports', rule('nested', body))), request).object as PodShape;
    expect(object.metadata.annotations).toEqual({ 'port.a.0': '80', 'port.a.1': '81', 'port.b.0': '90' });
  });

  test('a foreach whose elements change nothing is skipped and keeps the object', () => {
    const request = podCreateRequest(pod());
    const body = `mutate:
  foreach:
  - list: request.object.spec.containers
    preconditions:
      all:
      - {key: "{{ element.name }}", operator: Equals, value: none}
    patchStrategicMerge: {metadata: {labels: {never: "true"}}}`;
    const out = run(load(policy('idle', rule('each', body))), request);
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'skip', message: 'no patches applied' });
    expect(out.object).toBe(request.object);
  });

  test('a foreach list that cannot be evaluated is an error naming the list', () => {
    const body = `mutate:
  foreach:
  - list: "abs(request.object.metadata.name)"
    patchStrategicMerge: {metadata: {labels: {x: y}}}`;
    const out = run(load(policy('badlist', rule('each', body))));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'error', message: expect.stringMatching(/^failed to evaluate list abs\(request\.object\.metadata\.name\): /) });
  });

  test('preconditions that do not hold skip the rule', () => {
    const body = `preconditions:
  all:
  - {key: "{{ request.object.metadata.labels.app }}", operator: Equals, value: other}
mutate: {patchStrategicMerge: {metadata: {labels: {x: y}}}}`;
    const out = run(load(policy('pre', rule('guarded', body))));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'skip', message: 'preconditions not met' });
  });

  test('applyRules One stops after the first rule that applied', () => {
    const text = policy('one', rule('first', 'mutate: {patchStrategicMerge: {metadata: {labels: {first: "y"}}}}') + rule('second', 'mutate: {patchStrategicMerge: {metadata: {labels: {second: "y"}}}}'), '  applyRules: One\n');
    const out = run(load(text));
    expect(out.policies[0].rules.map((r) => r.rule)).toEqual(['first']);
    expect((out.object as PodShape).metadata.labels.second).toBeUndefined();
  });

  test('DELETE and CONNECT requests are never mutated', () => {
    const policies = load(policy('add-team', rule('team', 'mutate: {patchStrategicMerge: {metadata: {labels: {team: shop}}}}')));
    for (const operation of ['DELETE', 'CONNECT'] as const) {
      const request = { ...podCreateRequest(undefined), operation, oldObject: pod() };
      expect(run(policies, request)).toEqual({ policies: [], object: undefined });
    }
  });

  test('validate-only policies are not part of the mutate stage', () => {
    const text = policy('check', rule('labels', 'validate: {pattern: {metadata: {labels: {app: "?*"}}}}'));
    expect(run(load(text)).policies).toEqual([]);
  });

  test('mutate.targets rules are skipped at admission with a reason', () => {
    const body = `mutate:
  targets: [{apiVersion: v1, kind: ConfigMap, name: cm, namespace: default}]
  patchStrategicMerge: {metadata: {labels: {x: y}}}`;
    const out = run(load(policy('existing', rule('targets', body))));
    expect(out.policies[0].rules[0]).toMatchObject({ status: 'skip', message: expect.stringMatching(/mutate\.targets/) });
  });

  test('autogen carries a Pod strategic merge patch to Deployments and CronJobs (Pod template paths)', () => {
    const text = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: pull-always}
spec:
  rules:
  - name: always
    match: {any: [{resources: {kinds: [Pod]}}]}
    mutate:
      patchStrategicMerge:
        spec:
          containers:
          - (image): "*:latest"
            imagePullPolicy: Always
`;
    const policies = load(text);
    const podSpec = { containers: [{ name: 'a', image: 'nginx:latest' }, { name: 'b', image: 'redis:7' }] };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { template: { spec: podSpec } } };
    const cronJob = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c', namespace: 'default' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: podSpec } } } } };
    const requestFor = (object: Record<string, unknown>, group: string, kind: string): AdmissionRequest => ({
      ...podCreateRequest(object),
      kind: { group, version: 'v1', kind },
      resource: { group, version: 'v1', resource: `${kind.toLowerCase()}s` },
    });
    const d = run(policies, requestFor(deployment, 'apps', 'Deployment'));
    expect(d.policies[0].rules[0]).toMatchObject({ rule: 'autogen-always', status: 'pass' });
    expect((d.object as { spec: { template: { spec: typeof podSpec } } }).spec.template.spec.containers[0]).toEqual({ name: 'a', image: 'nginx:latest', imagePullPolicy: 'Always' });
    const c = run(policies, requestFor(cronJob, 'batch', 'CronJob'));
    expect(c.policies[0].rules[0]).toMatchObject({ rule: 'autogen-cronjob-always', status: 'pass' });
    expect((c.object as { spec: { jobTemplate: { spec: { template: { spec: typeof podSpec } } } } }).spec.jobTemplate.spec.template.spec.containers.find((x) => x.name === 'a')).toEqual({ name: 'a', image: 'nginx:latest', imagePullPolicy: 'Always' });
  });

  test('patchesJson6902 keeps Kyverno\'s text substitution: a quoted variable stays a string, an unquoted one takes its type', () => {
    const body = (value: string) => `mutate:\n  patchesJson6902: |-\n    - op: add\n      path: /metadata/annotations\n      value: {count: ${value}}`;
    const quoted = run(load(policy('quoted', rule('count', body('"{{ length(request.object.spec.containers) }}"'))))).object as PodShape;
    expect(quoted.metadata.annotations).toEqual({ count: '3' });
    const unquoted = run(load(policy('unquoted', rule('count', body('{{ length(request.object.spec.containers) }}'))))).object as { metadata: { annotations: Record<string, unknown> } };
    expect(unquoted.metadata.annotations).toEqual({ count: 3 });
    const embedded = run(load(policy('embedded', rule('count', body('"n={{ length(request.object.spec.containers) }}"'))))).object as PodShape;
    expect(embedded.metadata.annotations).toEqual({ count: 'n=3' });
  });

  test('the same patchesJson6902 rule gives each request its own values (decoded once, substituted per request)', () => {
    const policies = load(policy('per-request', rule('name', 'mutate:\n  patchesJson6902: |-\n    - {op: add, path: /metadata/labels/copy, value: "{{ request.object.metadata.name }}"}')));
    const named = (name: string) => podCreateRequest({ ...pod(), metadata: { name, namespace: 'default', labels: {} } });
    expect((run(policies, named('one')).object as PodShape).metadata.labels).toEqual({ copy: 'one' });
    expect((run(policies, named('two')).object as PodShape).metadata.labels).toEqual({ copy: 'two' });
  });
});
