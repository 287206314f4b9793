/**
 * Expressions taken from the kyverno/policies conformance corpus (after Kyverno's inner `{{ }}` substitution),
 * evaluated on request data shaped like the corpus resources.
 */
import { run } from './helpers.js';

const pod = {
  request: {
    operation: 'CREATE',
    userInfo: { groups: ['system:authenticated', 'devs', 'ops'] },
    object: {
      kind: 'Pod',
      metadata: { name: 'web', annotations: { 'fluxcd.io/automated': 'true', team: 'a' } },
      spec: {
        containers: [
          { name: 'app', image: 'ghcr.io/org/app:1.0', securityContext: { runAsUser: 1000, capabilities: { drop: ['all', 'net_raw'] } }, env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] },
          { name: 'side', image: 'busybox', livenessProbe: { exec: { command: ['sh', '-c', 'ps aux | grep app'] } } },
        ],
        volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'c' } }],
      },
    },
  },
};

describe('conformance corpus expressions', () => {
  test.each<[string, unknown, unknown]>([
    ["regex_replace_all('^(localhost/|(?:[a-z0-9]+\\.)+[a-z0-9]+/)?(.*)$', 'ghcr.io/org/app:1.0', 'myregistry.corp.com/$2')", null, 'myregistry.corp.com/org/app:1.0'],
    ["regex_replace_all('^(localhost/|(?:[a-z0-9]+\\.)+[a-z0-9]+/)?(.*)$', 'nginx:latest', 'myregistry.corp.com/$2')", null, 'myregistry.corp.com/nginx:latest'],
    ['request.object.spec.containers[0].securityContext.capabilities.drop[].to_upper(@) || `[]`', pod, ['ALL', 'NET_RAW']],
    ["request.userInfo.groups[?contains(@,':') == `false`][].join('-', [@, '*'])", pod, ['devs-*', 'ops-*']],
    ["request.userInfo.groups[?contains(@,':') == `false`]", pod, ['devs', 'ops']],
    ["max( [ to_number(regex_replace_all('h.*',request.object.spec.duration,'')), to_number('2400') ] )", { request: { object: { spec: { duration: '8760h0m0s' } } } }, 8760],
    ["request.object.metadata.keys(@).contains(@, 'ownerReferences') && request.object.metadata.ownerReferences[0].uid", pod, false],
    ['dictionary.data.ClusterConfiguration | parse_yaml(@).clusterName', { dictionary: { data: { ClusterConfiguration: 'apiServer: {}\nclusterName: prod\n' } } }, 'prod'],
    ["request.object.spec.containers[].image.split(@, ':')[0]", pod, ['ghcr.io/org/app', 'busybox']],
    ["request.object.spec.volumes[?contains(keys(@), 'emptyDir')] || `[]` | length(@)", pod, 1],
    ["request.object.spec.volumes[?contains(keys(@), 'persistentVolumeClaim')] | length(@)", pod, 0],
    ["request.object.spec.[containers, initContainers, ephemeralContainers][].env[].valueFrom.secretKeyRef || '' | length(@)", pod, 1],
    ["request.object.spec.initContainers[] || `[]` | length(@)", pod, 0],
    ['request.object.spec.containers[].securityContext.to_string(runAsUser)', pod, ['1000']],
    ["request.object.spec.containers[].livenessProbe.exec.command[].regex_match('\\bps\\b',@)", pod, [false, false, true]],
    ["request.object.metadata.annotations.keys(@)[?contains(@, 'fluxcd.io/')]", pod, ['fluxcd.io/automated']],
    ['length(request.object.spec.containers[].livenessProbe.exec.command[] || `[]`)', pod, 3],
    ["keys(request.object.spec) | contains(@, 'volumes')", pod, true],
    ["divide('512Mi', '256Mi')", null, 2],
    ["time_since('', '2023-01-10T17:37:00Z', '')", null, '48h0m0s'],
    ['items[?label_match(spec.selector.matchLabels, `{"app":"web","tier":"fe"}`)] | [0] | spec.minAvailable || `0`', { items: [{ spec: { selector: { matchLabels: { app: 'db' } }, minAvailable: 1 } }, { spec: { selector: { matchLabels: { app: 'web' } }, minAvailable: 2 } }] }, 2],
    ['items[?label_match(spec.podSelector.matchLabels, `{"app":"web"}`)] | length(@)', { items: [{ spec: { podSelector: { matchLabels: { app: 'web' } } } }, { spec: { podSelector: { matchLabels: {} } } }] }, 2],
    ['(request.object.spec.tls[].hosts[] || `[]`) | sort(@)', { request: { object: { spec: { tls: [{ hosts: ['b.com', 'a.com'] }] } } } }, ['a.com', 'b.com']],
  ])('%s', (expression, data, expected) => {
    expect(run(expression, data)).toEqual({ value: expected });
  });

  it('reports the Unknown key error Kyverno raises for a missing label', () => {
    expect(run('request.object.metadata.labels.app', pod)).toMatchObject({ error: 'not-found', message: expect.stringContaining('Unknown key "labels"') });
  });
});
