import { isWildcardKind, parseKindSelector } from '../../src/policy/index.js';

describe('parseKindSelector', () => {
  // Kyverno's own table (pkg/utils/kube TestParseKindSelector)
  it.each<[string, [string, string, string, string] | undefined]>([
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
    ['*/*/*/*/*', undefined],
  ])('%s', (input, expected) => {
    const sel = parseKindSelector(input);
    expect(sel && [sel.group, sel.version, sel.kind, sel.subresource]).toEqual(expected);
  });

  it.each([['*', true], ['*Role', true], ['Pod?', true], ['Pod', false]])('isWildcardKind(%s) = %s', (kind, expected) => {
    expect(isWildcardKind(kind)).toBe(expected);
  });
});
