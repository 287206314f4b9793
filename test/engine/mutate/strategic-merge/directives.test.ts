import { mergedOrError, mergeYaml, yaml } from './helpers.js';

type Case = [name: string, resource: string, patch: string, expected: string];

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
      - {name: a, image: a1, env: [{name: E, value: "1"}]}
      - {name: b, image: b1}
`;

describe('strategicMerge: $patch directives (as kyaml merge2 honours them)', () => {
  it.each<Case>([
    [
      '$patch: replace on a map replaces it whole',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1, fsGroup: 2}}',
      'spec: {securityContext: {$patch: replace, runAsGroup: 3}}',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsGroup: 3}}',
    ],
    [
      '$patch: replace on the pod spec drops unmentioned containers',
      DEPLOY,
      'spec: {template: {spec: {$patch: replace, containers: [{name: new}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: new}]}}}',
    ],
    [
      '$patch: delete on a map removes it',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1}, hostname: h}',
      'spec: {securityContext: {$patch: delete}}',
      'apiVersion: v1\nkind: Pod\nspec: {hostname: h}',
    ],
    [
      '$patch: delete on a map the original lacks adds nothing',
      'apiVersion: v1\nkind: Pod\nspec: {hostname: h}',
      'spec: {securityContext: {$patch: delete, runAsUser: 1}}',
      'apiVersion: v1\nkind: Pod\nspec: {hostname: h}',
    ],
    [
      '$patch: merge is the default and is stripped',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1}}',
      'spec: {securityContext: {$patch: merge, fsGroup: 2}}',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1, fsGroup: 2}}',
    ],
    [
      '$patch: delete on a list element removes that element',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: a, $patch: delete}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: b, image: b1}]}}}',
    ],
    [
      '$patch: delete on an element that does not exist is a no-op',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: zz, $patch: delete}]}}}',
      DEPLOY,
    ],
    [
      'deleting every element leaves an empty list',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a, image: x}]}',
      'spec: {containers: [{name: a, image: x, $patch: delete}]}',
      'apiVersion: v1\nkind: Pod\nspec: {containers: []}',
    ],
    [
      'kyaml quirk: $patch: replace on an existing element keeps the original element',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: b, $patch: replace, image: b2}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: b, image: b1}, {name: a, image: a1, env: [{name: E, value: "1"}]}]}}}',
    ],
    [
      '$patch: replace on a new element adds it without the directive',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: c, $patch: replace, image: c1}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: c, image: c1}, {name: a, image: a1, env: [{name: E, value: "1"}]}, {name: b, image: b1}]}}}',
    ],
    [
      'a lone {$patch: replace} element replaces the list with the other elements',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: r, image: r1}, {$patch: replace}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: r, image: r1}]}}}',
    ],
    [
      'a lone {$patch: delete} element removes the list',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: x}, {$patch: delete}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {}}}',
    ],
    [
      'a lone {$patch: merge} element is dropped and the list merges',
      DEPLOY,
      'spec: {template: {spec: {containers: [{name: c}, {$patch: merge}]}}}',
      'apiVersion: apps/v1\nkind: Deployment\nspec: {template: {spec: {containers: [{name: c}, {name: a, image: a1, env: [{name: E, value: "1"}]}, {name: b, image: b1}]}}}',
    ],
    [
      'list directives on a set of primitives (finalizers)',
      'apiVersion: v1\nkind: Pod\nmetadata: {finalizers: [a, b]}',
      'metadata: {finalizers: [c, {$patch: replace}]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {finalizers: [c]}',
    ],
    [
      'directives inside a list the original lacks are applied and stripped',
      'apiVersion: v1\nkind: Pod\nspec: {}',
      'spec: {imagePullSecrets: [{name: s, $patch: merge}, {name: t, $patch: delete}, {$patch: replace}]}',
      'apiVersion: v1\nkind: Pod\nspec: {imagePullSecrets: [{name: s}]}',
    ],
    [
      'directives inside a replaced (non-merging) list are stripped too',
      'apiVersion: v1\nkind: Pod\nspec: {tolerations: [{key: a}]}',
      'spec: {tolerations: [{key: b, operator: Exists}, {$patch: replace}]}',
      'apiVersion: v1\nkind: Pod\nspec: {tolerations: [{key: b, operator: Exists}]}',
    ],
    [
      'directives nested in a new subtree are applied',
      'apiVersion: v1\nkind: Pod\nspec: {}',
      'spec: {securityContext: {$patch: replace, runAsUser: 1, seLinuxOptions: {$patch: delete, level: x}}}',
      'apiVersion: v1\nkind: Pod\nspec: {securityContext: {runAsUser: 1}}',
    ],
    [
      '$retainKeys, $setElementOrder and $deleteFromPrimitiveList work as in Kubernetes (kyaml ignores them)',
      'apiVersion: v1\nkind: Pod\nmetadata: {finalizers: [a, b]}\nspec: {containers: [{name: a}, {name: b}], volumes: [{name: v, emptyDir: {}}]}',
      `metadata:
  $deleteFromPrimitiveList/finalizers: [a]
spec:
  $setElementOrder/containers: [{name: b}, {name: a}]
  volumes: [{name: v, $retainKeys: [name, configMap], configMap: {name: cm}}]`,
      'apiVersion: v1\nkind: Pod\nmetadata: {finalizers: [b]}\nspec: {containers: [{name: b}, {name: a}], volumes: [{name: v, configMap: {name: cm}}]}',
    ],
    [
      '$setElementOrder puts a new container first; elements it does not name stay after their predecessor',
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: app}, {name: helper}, {name: tail}]}',
      `spec:
  $setElementOrder/containers: [{name: init-proxy}, {name: app}, {name: tail}]
  containers: [{name: init-proxy, image: proxy}]`,
      'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: init-proxy, image: proxy}, {name: app}, {name: helper}, {name: tail}]}',
    ],
    [
      '$setElementOrder on a list of primitives orders by value',
      'apiVersion: v1\nkind: Pod\nmetadata: {finalizers: [x, y, z]}',
      'metadata: {$setElementOrder/finalizers: [z, x, y]}',
      'apiVersion: v1\nkind: Pod\nmetadata: {finalizers: [z, x, y]}',
    ],
  ])('%s', (_name, resource, patch, expected) => {
    expect(mergedOrError(resource, patch)).toEqual(yaml(expected));
  });

  it.each<[string, string, string, string]>([
    ['on a map', 'apiVersion: v1\nkind: Pod\nspec: {securityContext: {}}', 'spec: {securityContext: {$patch: remove}}', '/spec/securityContext/$patch'],
    ['on a new map', 'apiVersion: v1\nkind: Pod\nspec: {}', 'spec: {securityContext: {$patch: 1}}', '/spec/securityContext/$patch'],
    ['as a list element', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}', 'spec: {containers: [{name: b}, {$patch: nope}]}', '/spec/containers/1/$patch'],
    ['on a list element', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}', 'spec: {containers: [{name: a, $patch: nope}]}', '/spec/containers/0/$patch'],
    ['in a replaced list', 'apiVersion: v1\nkind: Pod\nspec: {tolerations: []}', 'spec: {tolerations: [{$patch: nope}]}', '/spec/tolerations/0/$patch'],
  ])('an unknown $patch value fails %s', (_name, resource, patch, path) => {
    const outcome = mergeYaml(resource, patch);
    expect(outcome).toMatchObject({ ok: false, path });
    if (!outcome.ok) expect(outcome.message).toMatch(/unknown patch strategy/);
  });

  it.each<[string, string, string, string, RegExp]>([
    ['$setElementOrder that is not a list', 'apiVersion: v1\nkind: Pod\nspec: {containers: [{name: a}]}', 'spec: {$setElementOrder/containers: a}', '/spec/$setElementOrder/containers', /expected a list giving the element order/],
    ['$retainKeys that is not a list of names', 'apiVersion: v1\nkind: Pod\nspec: {}', 'spec: {$retainKeys: [1]}', '/spec/$retainKeys', /expected a list of field names/],
  ])('a malformed directive fails: %s', (_name, resource, patch, path, message) => {
    const outcome = mergeYaml(resource, patch);
    expect(outcome).toMatchObject({ ok: false, path, message: expect.stringMatching(message) });
  });

  it('$patch: delete at the top level is an error, not an empty resource', () => {
    expect(mergeYaml('apiVersion: v1\nkind: Pod', '$patch: delete')).toMatchObject({ ok: false, path: '/' });
  });

  it('$patch: replace at the top level replaces the resource', () => {
    expect(mergedOrError('apiVersion: v1\nkind: Pod\nspec: {a: 1}', '{$patch: replace, apiVersion: v1, kind: Pod}')).toEqual({ apiVersion: 'v1', kind: 'Pod' });
  });
});
