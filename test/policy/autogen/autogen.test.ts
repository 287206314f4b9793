import { readFileSync } from 'node:fs';
import { dump } from 'js-yaml';
import type { LoadedPolicy, Rule } from '../../../src/api/policy.js';
import { parsePolicies } from '../../../src/policy/index.js';

const CORPUS = '/work/shared/conformance/kyverno-policies';
const CONTROLLER_KINDS = ['apps/v1/DaemonSet', 'apps/v1/Deployment', 'batch/v1/Job', 'apps/v1/ReplicaSet', 'v1/ReplicationController', 'apps/v1/StatefulSet'];

function loadOne(text: string): LoadedPolicy {
  const { policies, errors } = parsePolicies(text, 'test.yaml');
  expect(errors.map((e) => e.message)).toEqual([]);
  expect(policies).toHaveLength(1);
  return policies[0];
}

function policyYaml(rules: unknown[], annotations?: Record<string, string>): string {
  return dump({ apiVersion: 'kyverno.io/v1', kind: 'ClusterPolicy', metadata: { name: 'p', ...(annotations ? { annotations } : {}) }, spec: { rules } });
}

const podMatch = { any: [{ resources: { kinds: ['Pod'] } }] };
const names = (rules: readonly Rule[]): string[] => rules.map((r) => r.name);
const kindsOf = (rule: Rule | undefined): string[] => rule?.match.any?.[0]?.resources?.kinds ?? rule?.match.resources?.kinds ?? [];

// best-practices/require-labels from kyverno/policies (not in the corpus as a test case).
const REQUIRE_LABELS = `
apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-labels
spec:
  validationFailureAction: audit
  background: true
  rules:
  - name: check-for-labels
    match:
      any:
      - resources:
          kinds:
          - Pod
    validate:
      message: "The label \`app.kubernetes.io/name\` is required."
      pattern:
        metadata:
          labels:
            app.kubernetes.io/name: "?*"
`;

describe('autogen on real policies', () => {
  it('best-practices/require-labels: pattern moves under spec.template and spec.jobTemplate.spec.template', () => {
    const lp = loadOne(REQUIRE_LABELS);
    expect(names(lp.rules)).toEqual(['check-for-labels', 'autogen-check-for-labels', 'autogen-cronjob-check-for-labels']);
    const [, controllers, cronjob] = lp.rules;
    expect(controllers).toEqual({
      name: 'autogen-check-for-labels',
      match: { any: [{ resources: { kinds: CONTROLLER_KINDS } }] },
      validate: {
        message: 'The label `app.kubernetes.io/name` is required.',
        pattern: { spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': '?*' } } } } },
      },
    });
    expect(cronjob).toEqual({
      name: 'autogen-cronjob-check-for-labels',
      match: { any: [{ resources: { kinds: ['batch/v1/CronJob'] } }] },
      validate: {
        message: 'The label `app.kubernetes.io/name` is required.',
        pattern: { spec: { jobTemplate: { spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': '?*' } } } } } } },
      },
    });
    // the policy's own rules are untouched
    expect(lp.policy.spec.rules).toHaveLength(1);
  });

  it('pod-security/restricted/disallow-capabilities-strict: foreach lists are rewritten, preconditions kept', () => {
    const file = `${CORPUS}/pod-security__restricted__disallow-capabilities-strict/disallow-capabilities-strict.yaml`;
    const lp = loadOne(readFileSync(file, 'utf8'));
    expect(names(lp.rules)).toEqual([
      'require-drop-all', 'adding-capabilities-strict',
      'autogen-require-drop-all', 'autogen-cronjob-require-drop-all',
      'autogen-adding-capabilities-strict', 'autogen-cronjob-adding-capabilities-strict',
    ]);
    const byName = new Map(lp.rules.map((r) => [r.name, r]));
    expect(byName.get('autogen-require-drop-all')?.validate?.foreach?.[0].list).toBe('request.object.spec.template.spec.[ephemeralContainers, initContainers, containers][]');
    expect(byName.get('autogen-cronjob-require-drop-all')?.validate?.foreach?.[0].list).toBe(
      'request.object.spec.jobTemplate.spec.template.spec.[ephemeralContainers, initContainers, containers][]',
    );
    expect(byName.get('autogen-require-drop-all')?.preconditions).toEqual(byName.get('require-drop-all')?.preconditions);
    expect(kindsOf(byName.get('autogen-cronjob-adding-capabilities-strict'))).toEqual(['batch/v1/CronJob']);
  });

  it('pod-security/restricted/disallow-privilege-escalation: anchors survive the wrap', () => {
    const file = `${CORPUS}/pod-security__restricted__disallow-privilege-escalation/disallow-privilege-escalation.yaml`;
    const lp = loadOne(readFileSync(file, 'utf8'));
    const rule = lp.rules.find((r) => r.name === 'autogen-privilege-escalation');
    const pattern = rule?.validate?.pattern as { spec: { template: { spec: Record<string, unknown> } } };
    expect(Object.keys(pattern.spec.template.spec)).toEqual(['=(ephemeralContainers)', '=(initContainers)', 'containers']);
  });

  it('velero/backup-all-volumes: mutate patch wrapped; preconditions and context variables point into the template', () => {
    const lp = loadOne(readFileSync(`${CORPUS}/velero__backup-all-volumes/backup-all-volumes.yaml`, 'utf8'));
    const rule = lp.rules.find((r) => r.name === 'autogen-backup-velero-pv');
    expect(rule?.mutate).toEqual({
      patchStrategicMerge: { spec: { template: { metadata: { annotations: { 'backup.velero.io/backup-volumes': '{{ volumes }}' } } } } },
    });
    expect(JSON.stringify(rule?.preconditions)).toContain('request.object.spec.template.spec.volumes[?contains');
    expect(rule?.context?.[0].variable?.jmesPath).toBe("join(',',request.object.spec.template.spec.volumes[?persistentVolumeClaim].name)");
    // namespaceSelector does not stop autogen, and is carried over
    expect(rule?.match.any?.[0].resources?.namespaceSelector).toEqual({ matchLabels: { 'velero-backup-pvc': 'true' } });
    const cron = lp.rules.find((r) => r.name === 'autogen-cronjob-backup-velero-pv');
    expect(cron?.context?.[0].variable?.jmesPath).toBe("join(',',request.object.spec.jobTemplate.spec.template.spec.volumes[?persistentVolumeClaim].name)");
  });
});

describe('the autogen-controllers annotation', () => {
  const rule = { name: 'r', match: podMatch, validate: { pattern: { spec: { x: 1 } } } };
  it.each<[string, string | undefined, string[], string[]]>([
    ['absent: every controller', undefined, ['r', 'autogen-r', 'autogen-cronjob-r'], CONTROLLER_KINDS],
    ['none', 'none', ['r'], []],
    ['a list without CronJob', 'Deployment,StatefulSet', ['r', 'autogen-r'], ['apps/v1/Deployment', 'apps/v1/StatefulSet']],
    ['a list with CronJob', 'DaemonSet,Deployment,CronJob', ['r', 'autogen-r', 'autogen-cronjob-r'], ['apps/v1/DaemonSet', 'apps/v1/Deployment']],
    ['CronJob only', 'CronJob', ['r', 'autogen-cronjob-r'], []],
    ['all', 'all', ['r', 'autogen-r', 'autogen-cronjob-r'], CONTROLLER_KINDS],
    ['duplicates collapse, order does not matter', 'StatefulSet,Deployment,Deployment', ['r', 'autogen-r'], ['apps/v1/Deployment', 'apps/v1/StatefulSet']],
    ['entries are not trimmed', 'Deployment, Job', ['r', 'autogen-r'], ['apps/v1/Deployment']],
  ])('%s', (_label, annotation, expectedNames, controllerKinds) => {
    const lp = loadOne(policyYaml([rule], annotation === undefined ? undefined : { 'pod-policies.kyverno.io/autogen-controllers': annotation }));
    expect(names(lp.rules)).toEqual(expectedNames);
    if (controllerKinds.length > 0) expect(kindsOf(lp.rules.find((r) => r.name === 'autogen-r'))).toEqual(controllerKinds);
  });
});

describe('when autogen does not apply', () => {
  const validate = { pattern: { spec: { x: 1 } } };
  const podRule = { name: 'pod', match: podMatch, validate };
  it.each<[string, unknown[]]>([
    ['a rule matches by names', [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'], names: ['x'] } }] }, validate }]],
    ['a rule matches by selector', [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'], selector: { matchLabels: { a: 'b' } } } }] }, validate }]],
    ['a rule matches by annotations', [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod'], annotations: { a: 'b' } } }] }, validate }]],
    ['an exclude names a resource (legacy form)', [{ name: 'r', match: podMatch, exclude: { resources: { name: 'x' } }, validate }]],
    ['Pod listed with other kinds', [{ name: 'r', match: { any: [{ resources: { kinds: ['Pod', 'Service'] } }] }, validate }]],
    ['another rule generates', [podRule, { name: 'g', match: { any: [{ resources: { kinds: ['Namespace'] } }] }, generate: { kind: 'ConfigMap', name: 'c', data: {} } }]],
    ['another rule uses patchesJson6902', [podRule, { name: 'j', match: podMatch, mutate: { patchesJson6902: '[]' } }]],
    ['a foreach uses patchesJson6902', [{ name: 'j', match: podMatch, mutate: { foreach: [{ list: 'a', patchesJson6902: '[]' }] } }]],
    ['no rule names Pod or a controller', [{ name: 'r', match: { any: [{ resources: { kinds: ['Service'] } }] }, validate }]],
  ])('%s', (_label, rules) => {
    const lp = loadOne(policyYaml(rules));
    expect(lp.rules.some((r) => r.name.startsWith('autogen-'))).toBe(false);
  });

  it('skips single rules that match controllers or exclude other kinds, keeping the rest', () => {
    const lp = loadOne(policyYaml([
      podRule,
      { name: 'deploy', match: { any: [{ resources: { kinds: ['Deployment'] } }] }, validate },
      { name: 'ex', match: podMatch, exclude: { any: [{ resources: { kinds: ['Service'] } }] }, validate },
      { name: 'manifests', match: podMatch, validate: { manifests: { attestors: [] } } },
    ]));
    expect(names(lp.rules)).toEqual(['pod', 'deploy', 'ex', 'manifests', 'autogen-pod', 'autogen-cronjob-pod']);
  });
});

describe('generated rule contents', () => {
  it('rewrites request.object/oldObject spec and metadata in deny conditions and messages', () => {
    const lp = loadOne(policyYaml([{
      name: 'd',
      match: podMatch,
      validate: {
        message: '{{ request.object.metadata.name }} uses {{ request.oldObject.spec.hostNetwork }}',
        deny: { conditions: { any: [{ key: '{{ request.object.spec.hostNetwork }}', operator: 'Equals', value: true }] } },
      },
    }]));
    const gen = lp.rules.find((r) => r.name === 'autogen-d');
    expect(gen?.validate?.message).toBe('{{ request.object.spec.template.metadata.name }} uses {{ request.oldObject.spec.template.spec.hostNetwork }}');
    expect(gen?.validate?.deny).toEqual({ conditions: { any: [{ key: '{{ request.object.spec.template.spec.hostNetwork }}', operator: 'Equals', value: true }] } });
    const cron = lp.rules.find((r) => r.name === 'autogen-cronjob-d');
    expect(cron?.validate?.message).toBe(
      '{{ request.object.spec.jobTemplate.spec.template.metadata.name }} uses {{ request.oldObject.spec.jobTemplate.spec.template.spec.hostNetwork }}',
    );
  });

  it('wraps each anyPattern and keeps failure settings', () => {
    const lp = loadOne(policyYaml([{
      name: 'a',
      match: podMatch,
      validate: { failureAction: 'enforce', allowExistingViolations: false, anyPattern: [{ spec: { a: 1 } }, { spec: { b: 2 } }] },
    }]));
    expect(lp.rules.find((r) => r.name === 'autogen-a')?.validate).toEqual({
      failureAction: 'Enforce',
      allowExistingViolations: false,
      anyPattern: [{ spec: { template: { spec: { a: 1 } } } }, { spec: { template: { spec: { b: 2 } } } }],
    });
  });

  it('keeps podSecurity and validate.cel (CEL paths without the request. root)', () => {
    const lp = loadOne(policyYaml([
      { name: 'pss', match: podMatch, validate: { podSecurity: { level: 'baseline', version: 'latest', exclude: [{ controlName: 'Capabilities', images: ['x'] }] } } },
      { name: 'cel', match: podMatch, validate: { cel: { expressions: [{ expression: 'object.spec.hostPID != true && object.metadata.name != ""' }] } } },
    ]));
    expect(lp.rules.find((r) => r.name === 'autogen-pss')?.validate?.podSecurity).toEqual({ level: 'baseline', version: 'latest', exclude: [{ controlName: 'Capabilities', images: ['x'] }] });
    expect(lp.rules.find((r) => r.name === 'autogen-cel')?.validate?.cel).toEqual({
      expressions: [{ expression: 'object.spec.template.spec.hostPID != true && object.spec.template.metadata.name != ""' }],
    });
    expect(lp.rules.find((r) => r.name === 'autogen-cronjob-cel')?.validate?.cel).toEqual({
      expressions: [{ expression: 'object.spec.jobTemplate.spec.template.spec.hostPID != true && object.spec.jobTemplate.spec.template.metadata.name != ""' }],
    });
  });

  it('wraps foreach mutations, dropping order', () => {
    const lp = loadOne(policyYaml([{
      name: 'm',
      match: podMatch,
      mutate: { foreach: [{ list: 'request.object.spec.containers', order: 'Ascending', patchStrategicMerge: { spec: { containers: [{ '(name)': '{{ element.name }}', x: 1 }] } } }] },
    }]));
    expect(lp.rules.find((r) => r.name === 'autogen-m')?.mutate).toEqual({
      foreach: [{ list: 'request.object.spec.template.spec.containers', patchStrategicMerge: { spec: { template: { spec: { containers: [{ '(name)': '{{ element.name }}', x: 1 }] } } } } }],
    });
  });

  it('rewrites kinds in the legacy match form, and in exclude filters that name Pod', () => {
    const lp = loadOne(policyYaml([{
      name: 'l',
      match: { resources: { kinds: ['Pod'], namespaces: ['prod'] } },
      exclude: { resources: { kinds: ['Pod'], namespaces: ['kube-system'] } },
      validate: { pattern: { a: 1 } },
    }]));
    const gen = lp.rules.find((r) => r.name === 'autogen-l');
    expect(gen?.match).toEqual({ resources: { kinds: CONTROLLER_KINDS, namespaces: ['prod'] } });
    expect(gen?.exclude).toEqual({ resources: { kinds: CONTROLLER_KINDS, namespaces: ['kube-system'] } });
    expect(lp.rules.find((r) => r.name === 'autogen-cronjob-l')?.exclude).toEqual({ resources: { kinds: ['batch/v1/CronJob'], namespaces: ['kube-system'] } });
  });

  it('cuts generated names to 63 characters', () => {
    const name = 'r'.repeat(60);
    const lp = loadOne(policyYaml([{ name, match: podMatch, validate: { pattern: { a: 1 } } }]));
    expect(names(lp.rules).slice(1)).toEqual([`autogen-${name}`.slice(0, 63), `autogen-cronjob-${name}`.slice(0, 63)]);
  });

  it('replaces stale autogen-* rules present in the policy', () => {
    const lp = loadOne(policyYaml([
      { name: 'r', match: podMatch, validate: { pattern: { a: 1 } } },
      { name: 'autogen-r', match: { any: [{ resources: { kinds: ['Deployment'] } }] }, validate: { pattern: { stale: true } } },
    ]));
    expect(names(lp.rules)).toEqual(['r', 'autogen-r', 'autogen-cronjob-r']);
    expect(lp.rules[1].validate?.pattern).toEqual({ spec: { template: { a: 1 } } });
  });

  it('shifts $(...) references in messages into the moved pattern', () => {
    const lp = loadOne(policyYaml([{ name: 's', match: podMatch, validate: { message: 'want $(./../../pattern/spec/x)', pattern: { spec: { x: 1 } } } }]));
    expect(lp.rules.find((r) => r.name === 'autogen-s')?.validate?.message).toBe('want $(./../../pattern/spec/template/spec/x)');
  });
});
