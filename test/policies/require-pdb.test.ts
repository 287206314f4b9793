/** policies/require-pdb.yaml: replicated Deployments need a PodDisruptionBudget selecting their Pods. */
import type { KubeObject } from '../../src/api/kube.js';
import type { LoadedPolicy } from '../../src/api/policy.js';
import { ruleOutcome } from './cross-resource-support.js';
import { shipped } from './support.js';

let policies: LoadedPolicy[];
beforeAll(async () => {
  policies = await shipped('require-pdb.yaml');
});

interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

function deployment(replicas: number | undefined, labels: Record<string, string>, namespace = 'shop'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  } as KubeObject;
}

function pdb(name: string, namespace: string, selector: { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] } | undefined): KubeObject {
  return { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace }, spec: { minAvailable: 1, ...(selector ? { selector } : {}) } } as KubeObject;
}

const missing = (replicas: number, namespace = 'shop'): string =>
  `Deployment "web" has ${replicas} replicas but no PodDisruptionBudget in namespace "${namespace}" selects its Pod template labels.`;

const labels = { app: 'web', tier: 'frontend' };

describe('require a PodDisruptionBudget', () => {
  test.each([
    ['1 replica needs none', 1, []],
    ['replicas unset (1) needs none', undefined, []],
    ['0 replicas needs none', 0, []],
  ])('%s', (_label, replicas, cluster) => {
    expect(ruleOutcome(policies, deployment(replicas, labels), cluster)).toMatchObject({ status: 'skip', message: 'preconditions not met' });
  });

  test.each<[string, KubeObject[]]>([
    ['matchLabels equal to the Pod labels', [pdb('web', 'shop', { matchLabels: { app: 'web', tier: 'frontend' } })]],
    ['matchLabels a subset of the Pod labels', [pdb('web', 'shop', { matchLabels: { app: 'web' } })]],
    ['an empty selector selects every Pod', [pdb('all', 'shop', {})]],
    ['one matching PDB among others', [pdb('db', 'shop', { matchLabels: { app: 'db' } }), pdb('web', 'shop', { matchLabels: { app: 'web' } })]],
    ['matchExpressions In', [pdb('web', 'shop', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] })]],
    ['matchExpressions NotIn', [pdb('web', 'shop', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] })]],
    ['matchExpressions NotIn on a label the Pods lack', [pdb('web', 'shop', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] })]],
    ['matchExpressions Exists', [pdb('web', 'shop', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] })]],
    ['matchExpressions DoesNotExist', [pdb('web', 'shop', { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] })]],
    ['matchLabels and matchExpressions together', [pdb('web', 'shop', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }, { key: 'canary', operator: 'DoesNotExist' }] })]],
  ])('3 replicas, allowed: %s', (_label, cluster) => {
    expect(ruleOutcome(policies, deployment(3, labels), cluster)).toMatchObject({ status: 'pass', rule: 'require-matching-pdb' });
  });

  test.each<[string, KubeObject[]]>([
    ['no PDB at all', []],
    ['a matching PDB in another namespace', [pdb('web', 'other', { matchLabels: { app: 'web' } })]],
    ['a selector label value mismatch', [pdb('web', 'shop', { matchLabels: { app: 'api' } })]],
    ['a selector asking for a label the Pods lack', [pdb('web', 'shop', { matchLabels: { app: 'web', version: 'v2' } })]],
    ['a PDB without a selector selects nothing', [pdb('none', 'shop', undefined)]],
    ['matchExpressions In without the value', [pdb('web', 'shop', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] })]],
    ['matchExpressions NotIn with the value', [pdb('web', 'shop', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] })]],
    ['matchExpressions Exists on a missing label', [pdb('web', 'shop', { matchExpressions: [{ key: 'canary', operator: 'Exists' }] })]],
    ['matchExpressions DoesNotExist on a present label', [pdb('web', 'shop', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] })]],
    ['matchLabels hold but one expression fails', [pdb('web', 'shop', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] })]],
  ])('3 replicas, denied: %s', (_label, cluster) => {
    expect(ruleOutcome(policies, deployment(3, labels), cluster)).toMatchObject({ status: 'fail', message: missing(3) });
  });

  test('2 replicas is already more than one', () => {
    expect(ruleOutcome(policies, deployment(2, labels), [])).toMatchObject({ status: 'fail', message: missing(2) });
  });

  test('scaling up from one replica on UPDATE is checked; DELETE is not matched', () => {
    expect(ruleOutcome(policies, deployment(5, labels), [], 'UPDATE', deployment(1, labels))).toMatchObject({ status: 'fail', message: missing(5) });
    expect(ruleOutcome(policies, deployment(5, labels), [], 'UPDATE', deployment(undefined, labels))).toMatchObject({ status: 'fail', message: missing(5) });
    expect(ruleOutcome(policies, deployment(5, labels), [pdb('web', 'shop', { matchLabels: { app: 'web' } })], 'UPDATE', deployment(1, labels))).toMatchObject({ status: 'pass' });
    expect(ruleOutcome(policies, deployment(5, labels), [], 'DELETE')).toBeUndefined();
  });

  test('an UPDATE of a Deployment already replicated without a PDB is not blocked (pre-existing violation)', () => {
    expect(ruleOutcome(policies, deployment(5, labels), [], 'UPDATE', deployment(3, labels))).toMatchObject({ status: 'skip' });
  });

  test('only Deployments are matched (no autogen onto Pods)', () => {
    expect(policies[0].rules.map((r) => r.name)).toEqual(['require-matching-pdb']);
  });
});
