/** How clone sources are addressed: REST paths, label selectors in query form, cloneList kinds. */
import { parseApiPath } from '../../../../src/cli/api-path.js';
import type { LabelSelector } from '../../../../src/api/kube.js';
import { apiPathOf, formatLabelSelector, parseCloneKind } from '../../../../src/engine/rules/generate/index.js';

type PathArgs = Parameters<typeof apiPathOf>;

describe('apiPathOf', () => {
  test.each([
    { args: ['v1', 'Secret', 'ns', 'regcred'] as PathArgs, want: '/api/v1/namespaces/ns/secrets/regcred' },
    { args: ['apps/v1', 'Deployment', 'ns'] as PathArgs, want: '/apis/apps/v1/namespaces/ns/deployments' },
    { args: ['rbac.authorization.k8s.io/v1', 'ClusterRole', undefined, 'admin'] as PathArgs, want: '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin' },
    { args: ['v1', 'ConfigMap', 'ns', undefined, 'a=b,c in (d,e)'] as PathArgs, want: '/api/v1/namespaces/ns/configmaps?labelSelector=a%3Db%2Cc%20in%20(d%2Ce)' },
  ])('$want', ({ args, want }) => {
    expect(apiPathOf(...args)).toBe(want);
  });

  test('the CLI parses what the engine writes, selector included', () => {
    const parsed = parseApiPath(apiPathOf('v1', 'ConfigMap', 'ns', undefined, 'a=b,c in (d,e),!f'));
    expect(parsed).toEqual({
      ok: true,
      value: {
        group: '',
        version: 'v1',
        resource: 'configmaps',
        namespace: 'ns',
        labelSelector: [
          { op: 'eq', key: 'a', value: 'b' },
          { op: 'in', key: 'c', values: ['d', 'e'] },
          { op: 'notexists', key: 'f' },
        ],
      },
    });
  });
});

describe('formatLabelSelector', () => {
  test.each<{ selector: LabelSelector | undefined; want: string }>([
    { selector: undefined, want: '' },
    { selector: {}, want: '' },
    { selector: { matchLabels: { a: 'b', c: 'd' } }, want: 'a=b,c=d' },
    {
      selector: {
        matchLabels: { a: 'b' },
        matchExpressions: [
          { key: 'x', operator: 'In', values: ['1', '2'] },
          { key: 'y', operator: 'NotIn', values: ['3'] },
          { key: 'z', operator: 'Exists' },
          { key: 'w', operator: 'DoesNotExist' },
        ],
      },
      want: 'a=b,x in (1,2),y notin (3),z,!w',
    },
  ])('$want', ({ selector, want }) => {
    expect(formatLabelSelector(selector)).toBe(want);
  });
});

describe('parseCloneKind', () => {
  test.each([
    ['v1/Secret', { apiVersion: 'v1', kind: 'Secret' }],
    ['apps/v1/Deployment', { apiVersion: 'apps/v1', kind: 'Deployment' }],
    ['ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap' }],
    ['NetworkPolicy', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' }],
    ['Widget', undefined],
    ['v1/', undefined],
  ])('%s', (text, want) => {
    expect(parseCloneKind(text)).toEqual(want);
  });
});
