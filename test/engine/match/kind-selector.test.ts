import type { GroupVersionKind } from '../../../src/api/kube.js';
import { kindSelectorMatches, kindsMatch, parseKindSelector, type KindSelector } from '../../../src/engine/match/index.js';

const sel = (group: string | undefined, version: string | undefined, kind: string, subresource: string | undefined): KindSelector => ({ group, version, kind, subresource });

describe('parseKindSelector', () => {
  const cases: [string, KindSelector][] = [
    ['Pod', sel(undefined, undefined, 'Pod', undefined)],
    ['*', sel(undefined, undefined, '*', undefined)],
    ['v1/Pod', sel(undefined, 'v1', 'Pod', undefined)],
    ['v2beta1/HorizontalPodAutoscaler', sel(undefined, 'v2beta1', 'HorizontalPodAutoscaler', undefined)],
    ['v10alpha12/Thing', sel(undefined, 'v10alpha12', 'Thing', undefined)],
    ['*/Pod', sel(undefined, '*', 'Pod', undefined)],
    ['Pod/exec', sel(undefined, undefined, 'Pod', 'exec')],
    ['Pod.status', sel(undefined, undefined, 'Pod', 'status')],
    ['Deployment/scale', sel(undefined, undefined, 'Deployment', 'scale')],
    ['*/*', sel(undefined, undefined, '*', '*')],
    ['*/status', sel(undefined, undefined, '*', 'status')],
    ['v1/Pod/status', sel(undefined, 'v1', 'Pod', 'status')],
    ['v1/Pod.eviction', sel(undefined, 'v1', 'Pod', 'eviction')],
    ['apps/v1/Deployment', sel('apps', 'v1', 'Deployment', undefined)],
    ['apps/*/Deployment', sel('apps', '*', 'Deployment', undefined)],
    ['networking.k8s.io/v1/Ingress', sel('networking.k8s.io', 'v1', 'Ingress', undefined)],
    ['batch/*/CronJob', sel('batch', '*', 'CronJob', undefined)],
    ['config.kio.kasten.io/v1alpha1/Policy', sel('config.kio.kasten.io', 'v1alpha1', 'Policy', undefined)],
    ['apps/v1/Deployment/scale', sel('apps', 'v1', 'Deployment', 'scale')],
    ['apps/v1/Deployment.scale', sel('apps', 'v1', 'Deployment', 'scale')],
    ['networking.k8s.io/v1/NetworkPolicy/status', sel('networking.k8s.io', 'v1', 'NetworkPolicy', 'status')],
    // Not a version: read as kind/subresource, exactly as Kyverno does.
    ['apps/Deployment', sel(undefined, undefined, 'apps', 'Deployment')],
    ['a/b/c/d/e', sel('', '', '', undefined)],
  ];
  it.each(cases)('%s', (entry, expected) => {
    expect(parseKindSelector(entry)).toEqual(expected);
  });

  // Kyverno's own table (pkg/utils/kube TestParseKindSelector), where an omitted group/version reads as `*`
  // and an omitted subresource as the empty string.
  it.each<[string, [string, string, string, string]]>([
    ['*', ['*', '*', '*', '']],
    ['*.*', ['*', '*', '*', '*']],
    ['*/*', ['*', '*', '*', '*']],
    ['Pod', ['*', '*', 'Pod', '']],
    ['v1/Pod', ['*', 'v1', 'Pod', '']],
    ['batch/*/CronJob', ['batch', '*', 'CronJob', '']],
    ['storage.k8s.io/v1/CSIDriver', ['storage.k8s.io', 'v1', 'CSIDriver', '']],
    ['tekton.dev/v1beta1/TaskRun/status', ['tekton.dev', 'v1beta1', 'TaskRun', 'status']],
    ['v1/Pod.status', ['*', 'v1', 'Pod', 'status']],
    ['v1/Pod/status', ['*', 'v1', 'Pod', 'status']],
    ['Pod.status', ['*', '*', 'Pod', 'status']],
    ['Pod/exec', ['*', '*', 'Pod', 'exec']],
    ['apps/v1/Deployment/scale', ['apps', 'v1', 'Deployment', 'scale']],
    ['v1/ReplicationController/scale', ['*', 'v1', 'ReplicationController', 'scale']],
    ['*/Deployment.scale', ['*', '*', 'Deployment', 'scale']],
    ['apps/v1/Deployment.scale', ['apps', 'v1', 'Deployment', 'scale']],
    ['v1.demo/v1/Demo', ['v1.demo', 'v1', 'Demo', '']],
    ['*/scale', ['*', '*', '*', 'scale']],
    ['Pod/*', ['*', '*', 'Pod', '*']],
    ['networking.k8s.io/*/Ingress', ['networking.k8s.io', '*', 'Ingress', '']],
    ['*/*/*/*', ['*', '*', '*', '*']],
    // More than four segments: empty fields, which select nothing.
    ['*/*/*/*/*', ['', '', '', '']],
  ])('%s (Kyverno table)', (input, expected) => {
    const s = parseKindSelector(input);
    expect([s.group ?? '*', s.version ?? '*', s.kind, s.subresource ?? '']).toEqual(expected);
  });
});

describe('kindSelectorMatches / kindsMatch', () => {
  const pod: GroupVersionKind = { group: '', version: 'v1', kind: 'Pod' };
  const deploy: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };
  const cronV1b1: GroupVersionKind = { group: 'batch', version: 'v1beta1', kind: 'CronJob' };
  const ingress: GroupVersionKind = { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' };
  const taskRun: GroupVersionKind = { group: 'tekton.dev', version: 'v1alpha1', kind: 'TaskRun' };
  const pg: GroupVersionKind = { group: 'acid.zalan.do', version: 'v1', kind: 'postgresdb' };
  const cases: [entry: string, gvk: GroupVersionKind, sub: string, expected: boolean][] = [
    ['Pod', pod, '', true],
    ['pod', pod, '', false],
    ['*', deploy, '', true],
    ['v1/Pod', pod, '', true],
    ['v2/Pod', pod, '', false],
    ['apps/v1/Deployment', deploy, '', true],
    ['apps/v1beta1/Deployment', deploy, '', false],
    ['extensions/v1/Deployment', deploy, '', false],
    ['apps/*/Deployment', deploy, '', true],
    ['batch/*/CronJob', cronV1b1, '', true],
    ['tekton.dev/*/TaskRun', taskRun, '', true],
    ['networking.k8s.io/v1/Ingress', ingress, '', true],
    ['postgresdb', pg, '', true],
    ['Postgresdb', pg, '', false],
    ['Deploy*', deploy, '', true],
    // Subresources: a plain kind selects only the main resource.
    ['Pod', pod, 'exec', false],
    ['Pod', pod, 'status', false],
    ['v1/Pod', pod, 'status', false],
    ['Pod/exec', pod, 'exec', true],
    ['Pod/exec', pod, '', false],
    ['Pod/exec', pod, 'attach', false],
    ['Pod.status', pod, 'status', true],
    ['v1/Pod.status', pod, '', false],
    ['Deployment/scale', deploy, 'scale', true],
    ['apps/v1/Deployment/scale', deploy, 'scale', true],
    ['*/*', deploy, 'scale', true],
    ['*/*', deploy, '', true],
    ['*', deploy, 'scale', false],
    ['*/status', deploy, 'status', true],
    ['*/status', deploy, 'scale', false],
    ['Pod/*', pod, 'log', true],
  ];
  it.each(cases)('%s vs %j/%s -> %s', (entry, gvk, sub, expected) => {
    expect(kindSelectorMatches(parseKindSelector(entry), gvk, sub)).toBe(expected);
    expect(kindsMatch([entry], gvk, sub, false)).toBe(expected);
  });

  it.each([
    [['Pod'], 'ephemeralcontainers', true, true],
    [['Pod'], 'ephemeralcontainers', false, false],
    [['v1/Pod'], 'ephemeralcontainers', true, true],
    [['Pod'], 'exec', true, false],
    [['Deployment'], 'ephemeralcontainers', true, false],
  ])('ephemeralcontainers: %j on pods/%s with allow=%s -> %s', (kinds, sub, allow, expected) => {
    expect(kindsMatch(kinds, pod, sub, allow)).toBe(expected);
  });

  it('any entry of the list suffices', () => {
    expect(kindsMatch(['Deployment', 'DaemonSet', 'StatefulSet', 'Job'], { group: 'apps', version: 'v1', kind: 'StatefulSet' }, '', true)).toBe(true);
    expect(kindsMatch(['Deployment', 'DaemonSet'], pod, '', true)).toBe(false);
  });
});
