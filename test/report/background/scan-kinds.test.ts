import { kindRefOf, scanKinds } from '../../../src/report/background/index.js';
import { clusterPolicy, policiesFrom, requireLabelRule } from './helpers.js';

describe('kindRefOf', () => {
  it.each([
    ['Pod', { group: '', version: 'v1', resource: 'pods' }],
    ['v1/Pod', { group: '', version: 'v1', resource: 'pods' }],
    ['Deployment', { group: 'apps', version: 'v1', resource: 'deployments' }],
    ['apps/v1/Deployment', { group: 'apps', version: 'v1', resource: 'deployments' }],
    ['networking.k8s.io/v1/Ingress', { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' }],
    ['NetworkPolicy', { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies' }],
    ['example.com/v1alpha1/Widget', { group: 'example.com', version: 'v1alpha1', resource: 'widgets' }],
    ['Widget', undefined],
    ['*', undefined],
    ['apps/*/Deployment', undefined],
    ['Pod/exec', undefined],
    ['Pod.status', undefined],
  ])('%s', (selector, expected) => {
    expect(kindRefOf(selector)).toEqual(expected);
  });
});

describe('scanKinds', () => {
  it('lists the kinds of background rules, autogen controllers included, once each and sorted', () => {
    const policies = policiesFrom(
      [
        clusterPolicy('pods', requireLabelRule('ok')),
        clusterPolicy('cms', requireLabelRule('cm', ['ConfigMap', 'Pod'])),
        clusterPolicy('ignored', requireLabelRule('svc', ['Service']), '  background: false\n'),
      ].join('---\n'),
    );
    expect(scanKinds(policies).map((k) => `${k.group}/${k.version}/${k.resource}`)).toEqual([
      '/v1/configmaps',
      '/v1/pods',
      '/v1/replicationcontrollers',
      'apps/v1/daemonsets',
      'apps/v1/deployments',
      'apps/v1/replicasets',
      'apps/v1/statefulsets',
      'batch/v1/cronjobs',
      'batch/v1/jobs',
    ]);
  });
});
