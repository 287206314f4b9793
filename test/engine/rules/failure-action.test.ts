import type { Policy, Rule } from '../../../src/api/policy.js';
import type { ClusterSnapshot } from '../../../src/api/snapshot.js';
import { EMPTY_SNAPSHOT } from '../../../src/api/snapshot.js';
import { failureActionFor } from '../../../src/engine/rules/failure-action.js';

const rule = (validate: Rule['validate']): Rule => ({ name: 'r', match: { any: [{ resources: { kinds: ['Pod'] } }] }, validate });
const policy = (spec: Partial<Policy['spec']>, rules: Rule[] = []): Policy => ({
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'p' },
  spec: { rules, ...spec },
});

const labelled: ClusterSnapshot = {
  ...EMPTY_SNAPSHOT,
  namespace: (name) =>
    name === 'prod'
      ? { found: true, value: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { env: 'prod' } } } }
      : { found: false, reason: 'not-found' },
};

describe('failureActionFor', () => {
  it.each<[string, Partial<Policy['spec']>, Rule['validate'], string | undefined, string]>([
    ['defaults to Audit', {}, { pattern: {} }, 'default', 'Audit'],
    ['takes the policy action', { validationFailureAction: 'Enforce' }, { pattern: {} }, 'default', 'Enforce'],
    ['accepts the legacy lower-case spelling', { validationFailureAction: 'enforce' as 'Enforce' }, { pattern: {} }, 'default', 'Enforce'],
    ['rule failureAction wins over the policy', { validationFailureAction: 'Audit' }, { failureAction: 'Enforce', pattern: {} }, 'default', 'Enforce'],
    [
      'policy override by namespace wildcard',
      { validationFailureAction: 'Enforce', validationFailureActionOverrides: [{ action: 'Audit', namespaces: ['dev-*'] }] },
      { pattern: {} },
      'dev-a',
      'Audit',
    ],
    [
      'policy override does not apply to other namespaces',
      { validationFailureAction: 'Enforce', validationFailureActionOverrides: [{ action: 'Audit', namespaces: ['dev-*'] }] },
      { pattern: {} },
      'prod',
      'Enforce',
    ],
    [
      'override by namespace selector',
      { validationFailureAction: 'Audit', validationFailureActionOverrides: [{ action: 'Enforce', namespaceSelector: { matchLabels: { env: 'prod' } } }] },
      { pattern: {} },
      'prod',
      'Enforce',
    ],
    [
      'rule override wins over rule action',
      {},
      { failureAction: 'Audit', failureActionOverrides: [{ action: 'Enforce', namespaces: ['prod'] }], pattern: {} },
      'prod',
      'Enforce',
    ],
    [
      'overrides never apply to cluster-scoped resources',
      { validationFailureAction: 'Audit', validationFailureActionOverrides: [{ action: 'Enforce', namespaces: ['*'] }] },
      { pattern: {} },
      undefined,
      'Audit',
    ],
  ])('%s', (_name, spec, validate, namespace, expected) => {
    const r = rule(validate);
    expect(failureActionFor(policy(spec, [r]), r, namespace, labelled)).toBe(expected);
  });
});
