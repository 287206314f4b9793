import { matchPattern, type PatternResult } from '../../../src/engine/pattern/index.js';

interface Case {
  name: string;
  resource: unknown;
  pattern: unknown;
  /** Expected result; only the listed fields are compared. A `fail` with path '' is Kyverno's rule error. */
  expected: { kind: 'pass' } | { kind: 'skip'; path?: string } | ({ kind: 'fail' } & Partial<Record<'path' | 'expected' | 'actual', string>>);
}

function check(c: Case): void {
  const result: PatternResult = matchPattern(c.resource, c.pattern);
  expect(result).toMatchObject(c.expected);
}

const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { name: 'p' }) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata,
  spec,
});

describe('matchPattern: maps, scalars and the path format', () => {
  it.each<Case>([
    {
      name: 'nested map value matches',
      resource: pod({}, { name: 'p', labels: { app: 'web' } }),
      pattern: { metadata: { labels: { app: '?*' } } },
      expected: { kind: 'pass' },
    },
    {
      name: 'missing label fails at the label path',
      resource: pod({}, { name: 'p', labels: { other: 'x' } }),
      pattern: { metadata: { labels: { app: '?*' } } },
      expected: { kind: 'fail', path: '/metadata/labels/app/', expected: '?*', actual: '<missing>' },
    },
    {
      name: 'missing intermediate map fails where the map is expected',
      resource: pod({}, { name: 'p' }),
      pattern: { metadata: { labels: { app: '?*' } } },
      expected: { kind: 'fail', path: '/metadata/labels/', expected: '{"app":"?*"}', actual: '<missing>' },
    },
    {
      name: '`*` requires presence and reports the parent path',
      resource: pod({}, { name: 'p', labels: {} }),
      pattern: { metadata: { labels: { app: '*' } } },
      expected: { kind: 'fail', path: '/metadata/labels/', expected: '*', actual: '<missing>' },
    },
    {
      name: '`*` rejects an explicit null',
      resource: { a: { b: null } },
      pattern: { a: { b: '*' } },
      expected: { kind: 'fail', path: '/a/', actual: 'null' },
    },
    {
      name: '`*` accepts a map value',
      resource: { a: { b: { c: 1 } } },
      pattern: { a: { b: '*' } },
      expected: { kind: 'pass' },
    },
    {
      name: 'keys with slashes stay unescaped in the path',
      resource: { metadata: { annotations: { 'example.com/owner': '' } } },
      pattern: { metadata: { annotations: { 'example.com/owner': '?*' } } },
      expected: { kind: 'fail', path: '/metadata/annotations/example.com/owner/', actual: '' },
    },
    {
      name: 'map pattern against a scalar',
      resource: { spec: 'oops' },
      pattern: { spec: { replicas: 1 } },
      expected: { kind: 'fail', path: '/spec/', expected: '{"replicas":1}', actual: 'oops' },
    },
    {
      name: 'list pattern against a map',
      resource: { spec: { containers: { name: 'a' } } },
      pattern: { spec: { containers: [{ name: 'a' }] } },
      expected: { kind: 'fail', path: '/spec/containers/' },
    },
    {
      name: 'number pattern against an equal number',
      resource: { spec: { replicas: 3 } },
      pattern: { spec: { replicas: 3 } },
      expected: { kind: 'pass' },
    },
    {
      name: 'number pattern against a numeric string',
      resource: { spec: { replicas: '3' } },
      pattern: { spec: { replicas: 3 } },
      expected: { kind: 'pass' },
    },
    {
      name: 'string pattern against a number',
      resource: { spec: { replicas: 3 } },
      pattern: { spec: { replicas: '3' } },
      expected: { kind: 'pass' },
    },
    {
      name: 'bool pattern does not accept a string',
      resource: { spec: { hostNetwork: 'false' } },
      pattern: { spec: { hostNetwork: false } },
      expected: { kind: 'fail', path: '/spec/hostNetwork/', expected: 'false', actual: 'false' },
    },
    {
      name: 'string "false" accepts a bool',
      resource: { spec: { hostNetwork: false } },
      pattern: { spec: { hostNetwork: 'false' } },
      expected: { kind: 'pass' },
    },
    {
      name: 'null pattern accepts a missing field',
      resource: { spec: {} },
      pattern: { spec: { nodeName: null } },
      expected: { kind: 'pass' },
    },
    {
      name: 'null pattern rejects a set field',
      resource: { spec: { nodeName: 'n1' } },
      pattern: { spec: { nodeName: null } },
      expected: { kind: 'fail', path: '/spec/nodeName/', expected: 'null', actual: 'n1' },
    },
    {
      name: 'empty-string pattern rejects a missing field',
      resource: { spec: {} },
      pattern: { spec: { nodeName: '' } },
      expected: { kind: 'fail', path: '/spec/nodeName/', expected: '', actual: '<missing>' },
    },
    {
      name: 'comparison on a quantity',
      resource: { spec: { resources: { limits: { memory: '3Gi' } } } },
      pattern: { spec: { resources: { limits: { memory: '<=2Gi' } } } },
      expected: { kind: 'fail', path: '/spec/resources/limits/memory/', expected: '<=2Gi', actual: '3Gi' },
    },
    {
      name: 'non-scalar actual values are rendered as JSON',
      resource: { spec: { x: { y: 1 } } },
      pattern: { spec: { x: 'abc' } },
      expected: { kind: 'fail', path: '/spec/x/', actual: '{"y":1}' },
    },
    {
      name: 'root resource must be a map for a map pattern',
      resource: 'text',
      pattern: { a: 1 },
      expected: { kind: 'fail', path: '/' },
    },
  ])('$name', check);
});

describe('matchPattern: lists', () => {
  const containers = (...cs: Array<Record<string, unknown>>) => pod({ containers: cs });
  it.each<Case>([
    {
      name: 'every element of a list must match the first pattern map',
      resource: containers({ name: 'a', image: 'nginx:1.25' }, { name: 'b', image: 'nginx:latest' }),
      pattern: { spec: { containers: [{ image: '!*:latest' }] } },
      expected: { kind: 'fail', path: '/spec/containers/1/image/', expected: '!*:latest', actual: 'nginx:latest' },
    },
    {
      name: 'empty resource list passes',
      resource: pod({ containers: [] }),
      pattern: { spec: { containers: [{ image: '!*:latest' }] } },
      expected: { kind: 'pass' },
    },
    {
      name: 'only the first pattern map is used',
      resource: containers({ name: 'a', image: 'x' }),
      pattern: { spec: { containers: [{ image: 'x' }, { image: 'never' }] } },
      expected: { kind: 'pass' },
    },
    {
      name: 'non-map element against a map pattern',
      resource: pod({ containers: ['nginx'] }),
      pattern: { spec: { containers: [{ image: '*' }] } },
      expected: { kind: 'fail', path: '/spec/containers/0/' },
    },
    {
      name: 'scalar list pattern applies its first value to each element',
      resource: containers({ name: 'a', args: ['--a', '--privileged'] }),
      pattern: { spec: { containers: [{ args: ['!--privileged'] }] } },
      expected: { kind: 'fail', path: '/spec/containers/0/args/' },
    },
    {
      name: 'scalar pattern against a list checks each element',
      resource: { spec: { drop: ['ALL', 'NET_RAW'] } },
      pattern: { spec: { drop: 'ALL | NET_RAW' } },
      expected: { kind: 'pass' },
    },
    {
      name: 'scalar pattern against a list fails on one bad element',
      resource: { spec: { drop: ['ALL', 'CHOWN'] } },
      pattern: { spec: { drop: 'ALL' } },
      expected: { kind: 'fail', path: '/spec/drop/', actual: '["ALL","CHOWN"]' },
    },
    {
      name: 'empty pattern list fails',
      resource: { spec: { items: [1] } },
      pattern: { spec: { items: [] } },
      expected: { kind: 'fail', path: '/spec/items/' },
    },
    {
      name: 'nested lists match by position',
      resource: { m: [['a', 'b'], ['c']] },
      pattern: { m: [['a | b'], ['c']] },
      expected: { kind: 'pass' },
    },
    {
      name: 'nested lists report the element path',
      resource: { m: [['a'], ['x']] },
      pattern: { m: [['a'], ['c']] },
      expected: { kind: 'fail', path: '/m/1/' },
    },
    {
      name: 'nested pattern list longer than the resource list is an error',
      resource: { m: [['a']] },
      pattern: { m: [['a'], ['b']] },
      expected: { kind: 'fail', path: '' },
    },
  ])('$name', check);
});

describe('matchPattern: conditional anchors (key)', () => {
  const latestNeedsAlways = { spec: { containers: [{ '(image)': '*:latest', imagePullPolicy: 'Always' }] } };
  it.each<Case>([
    {
      name: 'condition holds and the sibling matches',
      resource: pod({ containers: [{ image: 'nginx:latest', imagePullPolicy: 'Always' }] }),
      pattern: latestNeedsAlways,
      expected: { kind: 'pass' },
    },
    {
      name: 'condition holds and the sibling fails',
      resource: pod({ containers: [{ image: 'nginx:latest', imagePullPolicy: 'IfNotPresent' }] }),
      pattern: latestNeedsAlways,
      expected: { kind: 'fail', path: '/spec/containers/0/imagePullPolicy/', expected: 'Always', actual: 'IfNotPresent' },
    },
    {
      name: 'elements whose condition does not hold are skipped, others still checked',
      resource: pod({
        containers: [
          { image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' },
          { image: 'redis:latest', imagePullPolicy: 'Never' },
        ],
      }),
      pattern: latestNeedsAlways,
      expected: { kind: 'fail', path: '/spec/containers/1/imagePullPolicy/' },
    },
    {
      name: 'one applicable element is enough for the list to pass',
      resource: pod({
        containers: [
          { image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' },
          { image: 'redis:latest', imagePullPolicy: 'Always' },
        ],
      }),
      pattern: latestNeedsAlways,
      expected: { kind: 'pass' },
    },
    {
      name: 'no element satisfies the condition: the whole pattern skips',
      resource: pod({ containers: [{ image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }] }),
      pattern: latestNeedsAlways,
      expected: { kind: 'skip', path: '/spec/containers/' },
    },
    {
      name: 'condition key absent: skip',
      resource: pod({ containers: [{ name: 'x' }] }),
      pattern: latestNeedsAlways,
      expected: { kind: 'skip' },
    },
    {
      name: 'condition in a nested map skips the whole pattern',
      resource: pod({ replicas: 1 }, { name: 'p', labels: { env: 'dev' } }),
      pattern: { metadata: { labels: { '(env)': 'prod' } }, spec: { replicas: '>1' } },
      expected: { kind: 'skip', path: '/metadata/labels/env/' },
    },
    {
      name: 'condition in a nested map holds: other keys are checked',
      resource: pod({ replicas: 1 }, { name: 'p', labels: { env: 'prod' } }),
      pattern: { metadata: { labels: { '(env)': 'prod' } }, spec: { replicas: '>1' } },
      expected: { kind: 'fail', path: '/spec/replicas/', expected: '>1', actual: '1' },
    },
    {
      name: 'keys with nested anchors run first: a skip wins over an earlier-listed failure',
      resource: pod({ replicas: 1 }, { name: 'p', labels: { env: 'dev' } }),
      pattern: { spec: { replicas: '>1' }, metadata: { labels: { '(env)': 'prod' } } },
      expected: { kind: 'skip' },
    },
    {
      name: 'anchors run before plain keys of the same map',
      resource: { metadata: { name: 'bar' }, spec: { replicas: 1 } },
      pattern: { spec: { replicas: '>1' }, '(metadata)': { name: 'foo*' } },
      expected: { kind: 'skip', path: '/metadata/name/' },
    },
    {
      name: 'conditions run before negations (sorted anchor keys)',
      resource: { name: 'b', privileged: true },
      pattern: { 'X(privileged)': null, '(name)': 'a' },
      expected: { kind: 'skip' },
    },
    {
      name: 'a negation failing inside a condition becomes a skip',
      resource: { spec: { securityContext: { privileged: true } } },
      pattern: { spec: { '(securityContext)': { 'X(privileged)': null } } },
      expected: { kind: 'skip' },
    },
    {
      name: 'map-valued condition',
      resource: pod({ securityContext: { runAsNonRoot: true }, containers: [{ name: 'c' }] }),
      pattern: { spec: { '(securityContext)': { runAsNonRoot: true }, containers: [{ securityContext: '*' }] } },
      expected: { kind: 'fail', path: '/spec/containers/0/' },
    },
  ])('$name', check);
});

describe('matchPattern: negation X(key)', () => {
  const noHostPath = { spec: { '=(volumes)': [{ 'X(hostPath)': 'null' }] } };
  it.each<Case>([
    {
      name: 'forbidden key present fails at the key path',
      resource: pod({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', hostPath: { path: '/' } }] }),
      pattern: noHostPath,
      expected: { kind: 'fail', path: '/spec/volumes/1/hostPath/', expected: '<absent>', actual: '{"path":"/"}' },
    },
    {
      name: 'forbidden key absent passes',
      resource: pod({ volumes: [{ name: 'a', emptyDir: {} }] }),
      pattern: noHostPath,
      expected: { kind: 'pass' },
    },
    {
      name: 'a present key fails even with a null value',
      resource: { spec: { hostPID: null } },
      pattern: { spec: { 'X(hostPID)': 'null' } },
      expected: { kind: 'fail', path: '/spec/hostPID/' },
    },
    {
      name: 'negation with a wildcard key in metadata',
      resource: { metadata: { annotations: { 'fluxcd.io/automated': 'true' } } },
      pattern: { metadata: { annotations: { 'X(fluxcd.io/*)': '*' } } },
      expected: { kind: 'fail', path: '/metadata/annotations/fluxcd.io/automated/' },
    },
  ])('$name', check);
});

describe('matchPattern: equality =(key)', () => {
  const nonRoot = { spec: { '=(securityContext)': { '=(runAsNonRoot)': true } } };
  it.each<Case>([
    { name: 'absent: pass', resource: pod({}), pattern: nonRoot, expected: { kind: 'pass' } },
    {
      name: 'present and equal: pass',
      resource: pod({ securityContext: { runAsNonRoot: true } }),
      pattern: nonRoot,
      expected: { kind: 'pass' },
    },
    {
      name: 'present and different: fail',
      resource: pod({ securityContext: { runAsNonRoot: false } }),
      pattern: nonRoot,
      expected: { kind: 'fail', path: '/spec/securityContext/runAsNonRoot/', expected: 'true', actual: 'false' },
    },
    {
      name: 'present as null: checked against the pattern',
      resource: pod({ securityContext: null }),
      pattern: nonRoot,
      expected: { kind: 'fail', path: '/spec/securityContext/' },
    },
    {
      name: 'host ports: only the offending container is reported',
      resource: pod({ containers: [{ name: 'a', ports: [{ containerPort: 80 }] }, { name: 'b', ports: [{ hostPort: 8080 }] }] }),
      pattern: { spec: { containers: [{ '=(ports)': [{ '=(hostPort)': 0 }] }] } },
      expected: { kind: 'fail', path: '/spec/containers/1/ports/0/hostPort/', expected: '0', actual: '8080' },
    },
    {
      name: 'a condition inside an equality anchor still skips',
      resource: { spec: { securityContext: { runAsUser: 5, runAsNonRoot: false } } },
      pattern: { spec: { '=(securityContext)': { '(runAsUser)': 0, runAsNonRoot: true } } },
      expected: { kind: 'skip' },
    },
  ])('$name', check);
});

describe('matchPattern: existence ^(key)', () => {
  const someNginx = { spec: { '^(containers)': [{ image: 'nginx*' }] } };
  it.each<Case>([
    {
      name: 'one matching element is enough',
      resource: pod({ containers: [{ image: 'redis' }, { image: 'nginx:1' }] }),
      pattern: someNginx,
      expected: { kind: 'pass' },
    },
    {
      name: 'no matching element fails at the list path',
      resource: pod({ containers: [{ image: 'redis' }] }),
      pattern: someNginx,
      expected: { kind: 'fail', path: '/spec/containers/' },
    },
    {
      name: 'every pattern map needs its own match',
      resource: pod({ containers: [{ image: 'nginx', name: 'a' }] }),
      pattern: { spec: { '^(containers)': [{ image: 'nginx*' }, { name: 'b' }] } },
      expected: { kind: 'fail', path: '/spec/containers/' },
    },
    {
      name: 'absent key passes',
      resource: pod({}),
      pattern: someNginx,
      expected: { kind: 'pass' },
    },
    {
      name: 'non-list resource value fails',
      resource: pod({ containers: { image: 'nginx' } }),
      pattern: someNginx,
      expected: { kind: 'fail', path: '/spec/containers/' },
    },
    {
      name: 'elements skipped by a condition do not count as matches',
      resource: pod({ containers: [{ name: 'a', image: 'nginx' }] }),
      pattern: { spec: { '^(containers)': [{ '(name)': 'b', image: 'nginx' }] } },
      expected: { kind: 'fail', path: '/spec/containers/' },
    },
    {
      name: 'an absent existence key turns a later failure into an error',
      resource: pod({}, { name: 'p' }),
      pattern: { spec: { '^(containers)': [{ image: 'nginx*' }] }, metadata: { labels: { app: '?*' } } },
      expected: { kind: 'fail', path: '' },
    },
  ])('$name', check);
});

describe('matchPattern: global anchors <(key)', () => {
  const pattern = {
    spec: { '<(imagePullSecrets)': [{ name: 'my-registry-secret' }], containers: [{ image: 'corp.reg.com/*' }] },
  };
  it.each<Case>([
    {
      name: 'global condition holds: the rest is enforced',
      resource: pod({ imagePullSecrets: [{ name: 'my-registry-secret' }], containers: [{ image: 'docker.io/nginx' }] }),
      pattern,
      expected: { kind: 'fail', path: '/spec/containers/0/image/' },
    },
    {
      name: 'global condition fails: skip the whole pattern',
      resource: pod({ imagePullSecrets: [{ name: 'other' }], containers: [{ image: 'docker.io/nginx' }] }),
      pattern,
      expected: { kind: 'skip', path: '/spec/imagePullSecrets/0/name/' },
    },
    {
      name: 'global key absent: the rest is enforced',
      resource: pod({ containers: [{ image: 'docker.io/nginx' }] }),
      pattern,
      expected: { kind: 'fail', path: '/spec/containers/0/image/' },
    },
    {
      name: 'global anchor deep in one branch skips failures in another branch',
      resource: pod({ containers: [{ name: 'c', image: 'nginx' }] }, { name: 'p', labels: { tier: 'web' } }),
      pattern: { spec: { containers: [{ image: 'corp/*' }] }, metadata: { labels: { '<(tier)': 'db' } } },
      expected: { kind: 'skip' },
    },
    {
      name: 'inside a list element, a global miss only skips that element',
      resource: pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'bad' }] }),
      pattern: { spec: { containers: [{ '<(name)': 'b', image: 'good' }] } },
      expected: { kind: 'fail', path: '/spec/containers/1/image/' },
    },
  ])('$name', check);
});

describe('matchPattern: metadata wildcard keys and +(key)', () => {
  it.each<Case>([
    {
      name: 'wildcard label key expands to the matching resource key',
      resource: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } } },
      pattern: { metadata: { labels: { 'app.kubernetes.io/*': '?*' } } },
      expected: { kind: 'pass' },
    },
    {
      name: 'expanded key is reported in the path',
      resource: { metadata: { labels: { 'app.kubernetes.io/name': '' } } },
      pattern: { metadata: { labels: { 'app.kubernetes.io/*': '?*' } } },
      expected: { kind: 'fail', path: '/metadata/labels/app.kubernetes.io/name/' },
    },
    {
      name: 'no matching key keeps the wildcard key, which is then missing',
      resource: { metadata: { labels: { team: 'a' } } },
      pattern: { metadata: { labels: { 'app.kubernetes.io/*': '?*' } } },
      expected: { kind: 'fail', path: '/metadata/labels/app.kubernetes.io/*/' },
    },
    {
      name: 'nested metadata (pod template) is expanded too',
      resource: { spec: { template: { metadata: { annotations: { 'x.io/a': 'yes' } } } } },
      pattern: { spec: { template: { metadata: { annotations: { 'x.io/?': 'yes' } } } } },
      expected: { kind: 'pass' },
    },
    {
      name: 'wildcards outside metadata are literal keys',
      resource: { data: { 'key-1': 'v' } },
      pattern: { data: { 'key-*': 'v' } },
      expected: { kind: 'fail', path: '/data/key-*/' },
    },
    {
      name: '+(key) is a literal key in validate patterns',
      resource: { spec: { memory: '1Gi' } },
      pattern: { spec: { '+(memory)': '1Gi' } },
      expected: { kind: 'fail', path: '/spec/+(memory)/' },
    },
  ])('$name', check);
});
