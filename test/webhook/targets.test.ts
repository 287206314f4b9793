import { selectorTargets, targetCovers, type Target } from '../../src/webhook/index.js';

const t = (group: string, version: string, resource: string): Target => ({ group, version, resource });

describe('selectorTargets', () => {
  test.each<[string, Target[]]>([
    ['Pod', [t('', 'v1', 'pods'), t('', 'v1', 'pods/ephemeralcontainers')]],
    ['v1/Pod', [t('', 'v1', 'pods'), t('', 'v1', 'pods/ephemeralcontainers')]],
    ['Pod/exec', [t('', 'v1', 'pods/exec')]],
    ['Pod/*', [t('', 'v1', 'pods/*')]],
    ['Deployment', [t('apps', 'v1', 'deployments')]],
    ['apps/v1/Deployment/scale', [t('apps', 'v1', 'deployments/scale')]],
    ['Ingress', [t('networking.k8s.io', 'v1', 'ingresses')]],
    ['networking.k8s.io/v1/NetworkPolicy', [t('networking.k8s.io', 'v1', 'networkpolicies')]],
    ['batch/*/CronJob', [t('batch', '*', 'cronjobs')]],
    ['policy/*/PodDisruptionBudget', [t('policy', '*', 'poddisruptionbudgets')]],
    // The same kind name in another group is not the built-in one.
    ['config.openshift.io/v1/Ingress', [t('config.openshift.io', 'v1', 'ingresses')]],
    ['config.kio.kasten.io/v1alpha1/Policy', [t('config.kio.kasten.io', 'v1alpha1', 'policies')]],
    // Unknown kinds without a group: their plural in any group and version.
    ['Certificate', [t('*', '*', 'certificates')]],
    ['ClusterPolicy', [t('kyverno.io', 'v1', 'clusterpolicies')]],
    ['*', [t('*', '*', '*')]],
    ['*/*', [t('*', '*', '*/*')]],
    ['*/status', [t('*', '*', '*/status')]],
    ['Ingress*', [t('*', '*', '*')]],
    ['a/b/c/d/e', []],
  ])('%s', (entry, want) => expect(selectorTargets(entry)).toEqual(want));
});

describe('targetCovers', () => {
  test.each<[Target, Target, boolean]>([
    [t('*', '*', '*'), t('', 'v1', 'pods'), true],
    [t('*', '*', '*'), t('', 'v1', 'pods/exec'), false],
    [t('*', '*', '*/*'), t('', 'v1', 'pods/exec'), true],
    [t('*', '*', '*/*'), t('apps', 'v1', 'deployments'), true],
    [t('*', '*', '*/status'), t('apps', 'v1', 'deployments/status'), true],
    [t('*', '*', '*/status'), t('apps', 'v1', 'deployments/scale'), false],
    [t('', 'v1', 'pods/*'), t('', 'v1', 'pods/exec'), true],
    [t('', 'v1', 'pods/*'), t('', 'v1', 'pods'), false],
    [t('batch', '*', 'cronjobs'), t('batch', 'v1', 'cronjobs'), true],
    [t('batch', 'v1', 'cronjobs'), t('batch', '*', 'cronjobs'), false],
    [t('apps', '*', '*'), t('', 'v1', 'pods'), false],
  ])('%j covers %j: %s', (wide, narrow, want) => expect(targetCovers(wide, narrow)).toBe(want));
});
