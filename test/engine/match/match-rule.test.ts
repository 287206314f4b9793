/**
 * matchRule over match blocks taken from the kyverno/policies conformance corpus (case named in each group), plus
 * the edge cases of Kyverno's MatchesResourceDescription.
 */
import type { Rule } from '../../../src/api/policy.js';
import { matchRule, type MatchInput } from '../../../src/engine/match/index.js';
import { input, obj, rule } from './helpers.js';

type Row = [name: string, input: MatchInput, expected: boolean];

function check(r: Rule, rows: Row[]): void {
  it.each(rows)('%s', (_name, inp, expected) => {
    const outcome = matchRule(r, inp);
    expect(outcome.matched).toBe(expected);
    if (!outcome.matched) expect(outcome.reason.length).toBeGreaterThan(0);
  });
}

const deployment = (name: string, namespace: string, labels: Record<string, string> = {}) => obj('apps/v1', 'Deployment', { name, namespace, labels });
const pod = (name: string, namespace: string, extra: Record<string, unknown> = {}) => obj('v1', 'Pod', { name, namespace, ...extra });
const namespace = (name: string, labels: Record<string, string> = {}) => obj('v1', 'Namespace', { name, labels });

describe('other__add-pod-priorityclassname: kinds + namespaceSelector NotIn', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds: [Deployment, DaemonSet, StatefulSet, Job]
      namespaceSelector:
        matchExpressions:
        - key: env
          operator: NotIn
          values: [production]
`);
  const namespaces = { foo: { env: 'foo' }, production: { env: 'production' } };
  check(r, [
    ['Deployment in foo', input(deployment('blank', 'foo'), { namespaces }), true],
    ['Deployment in production', input(deployment('second', 'production'), { namespaces }), false],
    ['Deployment in a namespace with unknown labels (NotIn holds on no labels)', input(deployment('x', 'other'), { namespaces }), true],
    ['Job in foo', input(obj('batch/v1', 'Job', { name: 'j', namespace: 'foo' }), { namespaces }), true],
    ['Pod in foo is not a listed kind', input(pod('p', 'foo'), { namespaces }), false],
    ['Deployment/scale is a subresource', input(deployment('blank', 'foo'), { namespaces, subResource: 'scale' }), false],
  ]);
});

describe('velero__backup-all-volumes: namespaceSelector matchLabels', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds: [Pod]
      namespaceSelector:
        matchLabels:
          velero-backup-pvc: "true"
`);
  const namespaces = { backed: { 'velero-backup-pvc': 'true' }, plain: { team: 'a' } };
  check(r, [
    ['Pod in labelled namespace', input(pod('p', 'backed'), { namespaces }), true],
    ['Pod in namespace without the label', input(pod('p', 'plain'), { namespaces }), false],
    ['Pod in namespace with unknown labels', input(pod('p', 'elsewhere'), { namespaces }), false],
  ]);
});

describe('namespaceSelector on Namespace and cluster-scoped resources', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds: ["*"]
      namespaceSelector:
        matchLabels:
          freeze: "true"
`);
  const notIn = rule(`
match:
  any:
  - resources:
      kinds: [Namespace, ClusterRole]
      namespaceSelector:
        matchExpressions:
        - {key: env, operator: NotIn, values: [prod]}
`);
  const namespaces = { frozen: { freeze: 'true' } };
  check(r, [
    ['ConfigMap in frozen namespace', input(obj('v1', 'ConfigMap', { name: 'c', namespace: 'frozen' }), { namespaces }), true],
    // Kyverno does not apply namespaceSelector to a Namespace: the filter fails (issue kyverno#7771).
    ['the frozen Namespace itself', input(namespace('frozen', { freeze: 'true' }), { namespaces }), false],
    ['cluster-scoped ClusterRole: no namespace, no labels', input(obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'r' }), { namespaces }), false],
  ]);
  check(notIn, [
    ['Namespace never matches a namespaceSelector', input(namespace('dev', { env: 'dev' })), false],
    ['cluster-scoped resource: selector sees no labels, NotIn holds', input(obj('rbac.authorization.k8s.io/v1', 'ClusterRole', { name: 'r' })), true],
  ]);
});

describe('other__block-updates-deletes: selector + exclude clusterRoles', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds: [Service]
      selector:
        matchLabels:
          protected: "true"
exclude:
  any:
  - clusterRoles:
    - cluster-admin
`);
  const svc = (labels: Record<string, string>) => obj('v1', 'Service', { name: 'my-service-2', namespace: 'default', labels });
  check(r, [
    ['protected Service, no user info', input(svc({ protected: 'true' }), { operation: 'UPDATE' }), true],
    ['unprotected Service', input(svc({ protected: 'false' })), false],
    ['Service without labels', input(svc({})), false],
    ['protected Service by a cluster-admin', input(svc({ protected: 'true' }), { clusterRoles: ['view', 'cluster-admin'] }), false],
    ['protected Service by someone else', input(svc({ protected: 'true' }), { clusterRoles: ['edit'], userInfo: { username: 'jane' } }), true],
  ]);
});

describe('psa__deny-privileged-profile: Namespace selected by its own labels', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds:
        - Namespace
      selector:
        matchLabels:
          pod-security.kubernetes.io/enforce: privileged
exclude:
  any:
  - clusterRoles:
    - cluster-admin
`);
  check(r, [
    ['privileged Namespace', input(namespace('deny-privileged-bad-ns01', { 'pod-security.kubernetes.io/enforce': 'privileged' })), true],
    ['privileged Namespace with more labels', input(namespace('deny-privileged-bad-ns02', { 'pod-security.kubernetes.io/enforce': 'privileged', foo: 'bar' })), true],
    ['baseline Namespace', input(namespace('ok', { 'pod-security.kubernetes.io/enforce': 'baseline' })), false],
  ]);
});

describe('traefik__disallow-default-tlsoptions: names + legacy exclude', () => {
  const r = rule(`
match:
  any:
  - resources:
      names:
      - default
      kinds:
      - TLSOption
exclude:
  clusterRoles:
  - cluster-admin
`);
  const tls = (name: string) => obj('traefik.io/v1alpha1', 'TLSOption', { name, namespace: 'default' });
  check(r, [
    ['TLSOption named default', input(tls('default')), true],
    ['TLSOption named other', input(tls('mytls')), false],
    ['default TLSOption by a cluster-admin', input(tls('default'), { clusterRoles: ['cluster-admin'] }), false],
  ]);
});

describe('tekton-cel__block-tekton-task-runs: operations + exclude subjects', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds:
        - TaskRun
      operations:
      - CREATE
      - UPDATE
exclude:
  any:
  - subjects:
    - kind: User
      name: "system:serviceaccount:tekton-pipelines:tekton-pipelines-controller"
`);
  const tr = obj('tekton.dev/v1', 'TaskRun', { name: 'taskrun01', namespace: 'default' });
  check(r, [
    ['CREATE by anyone', input(tr), true],
    ['UPDATE', input(tr, { operation: 'UPDATE' }), true],
    ['DELETE is not a listed operation', input(tr, { operation: 'DELETE' }), false],
    ['CREATE by the tekton controller', input(tr, { userInfo: { username: 'system:serviceaccount:tekton-pipelines:tekton-pipelines-controller' } }), false],
  ]);
});

describe('other__restrict-networkpolicy-empty-podselector / istio / flux: exclude by names and namespaces', () => {
  const np = rule(`
match:
  any:
  - resources:
      kinds: [NetworkPolicy]
exclude:
  any:
  - resources:
      kinds: [NetworkPolicy]
      names: [default-deny]
`);
  const istio = rule(`
match:
  any:
  - resources:
      kinds: [Namespace]
exclude:
  any:
  - resources:
      names:
        - kube-system
        - istio-system
`);
  const flux = rule(`
match:
  any:
  - resources:
      kinds: [GitRepository]
exclude:
  any:
  - resources:
      namespaces: [flux-system]
`);
  const netpol = (name: string) => obj('networking.k8s.io/v1', 'NetworkPolicy', { name, namespace: 'default' });
  const repo = (namespace: string) => obj('source.toolkit.fluxcd.io/v1', 'GitRepository', { name: 'r', namespace });
  describe('NetworkPolicy', () =>
    check(np, [
      ['default-deny is excluded', input(netpol('default-deny')), false],
      ['other policy matches', input(netpol('allow-web')), true],
    ]));
  describe('Namespace', () =>
    check(istio, [
      ['kube-system excluded', input(namespace('kube-system')), false],
      ['istio-system excluded', input(namespace('istio-system')), false],
      ['app namespace matches', input(namespace('shop')), true],
    ]));
  describe('GitRepository', () =>
    check(flux, [
      ['in flux-system excluded', input(repo('flux-system')), false],
      ['in team namespace matches', input(repo('team-a')), true],
    ]));
});

describe('kasten__kasten-3-2-1-backup: exclude by operation, CRD kind with group/version', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds:
      - config.kio.kasten.io/v1alpha1/Policy
exclude:
  any:
  - resources:
      operations:
      - DELETE
`);
  const kp = obj('config.kio.kasten.io/v1alpha1', 'Policy', { name: 'p', namespace: 'kasten-io' });
  check(r, [
    ['CREATE matches', input(kp), true],
    ['DELETE excluded', input(kp, { operation: 'DELETE' }), false],
    ['other group Policy', input(obj('kyverno.io/v1', 'Policy', { name: 'p', namespace: 'x' })), false],
    ['other version', input(obj('config.kio.kasten.io/v1beta1', 'Policy', { name: 'p', namespace: 'x' })), false],
  ]);
});

describe('best-practices__check-deprecated-apis: group/*/Kind', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds:
      - batch/*/CronJob
      - discovery.k8s.io/*/EndpointSlice
      - policy/*/PodDisruptionBudget
`);
  check(r, [
    ['batch/v1beta1 CronJob', input(obj('batch/v1beta1', 'CronJob', { name: 'c', namespace: 'd' })), true],
    ['batch/v1 CronJob', input(obj('batch/v1', 'CronJob', { name: 'c', namespace: 'd' })), true],
    ['policy/v1beta1 PodDisruptionBudget', input(obj('policy/v1beta1', 'PodDisruptionBudget', { name: 'p', namespace: 'd' })), true],
    ['apps Deployment', input(deployment('d', 'd')), false],
  ]);
});

describe('other__restrict-service-account / ensure-production-matches-staging: namespaces', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds: [Pod, Namespace]
      namespaces: [staging, "prod-*"]
`);
  check(r, [
    ['Pod in staging', input(pod('p', 'staging')), true],
    ['Pod in prod-eu (wildcard)', input(pod('p', 'prod-eu')), true],
    ['Pod in dev', input(pod('p', 'dev')), false],
    ['the staging Namespace matches its own name', input(namespace('staging')), true],
    ['the dev Namespace', input(namespace('dev')), false],
  ]);
});

describe('other__remove-serviceaccount-token: selector matchExpressions', () => {
  const r = rule(`
match:
  any:
  - resources:
      kinds: [Pod]
      selector:
        matchExpressions:
        - key: corp.org/can-use-serviceaccount
          operator: DoesNotExist
`);
  check(r, [
    ['Pod without the label', input(pod('p', 'd')), true],
    ['Pod with the label', input(pod('p', 'd', { labels: { 'corp.org/can-use-serviceaccount': 'true' } })), false],
  ]);
});
