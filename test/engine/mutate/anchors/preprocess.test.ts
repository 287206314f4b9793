import { hasAnchors, preprocessOverlay, type PreprocessOutcome } from '../../../../src/engine/mutate/anchors/index.js';

const pod = (containers: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web' } },
  spec: { containers, ...extra },
});

const patch = (p: unknown): PreprocessOutcome => ({ kind: 'patch', patch: p });

interface Case {
  name: string;
  overlay: unknown;
  resource: unknown;
  expected: PreprocessOutcome | ReturnType<typeof expect.objectContaining>;
}

const skip = (text: string): ReturnType<typeof expect.objectContaining> =>
  expect.objectContaining({ kind: 'skip', message: expect.stringContaining(text) });

const CONDITIONS: Case[] = [
  {
    name: 'a list-element condition patches exactly the matching containers, carrying their names',
    overlay: { spec: { containers: [{ '(image)': '*:latest', imagePullPolicy: 'Always' }] } },
    resource: pod([
      { name: 'a', image: 'nginx:latest' },
      { name: 'b', image: 'nginx:1.25' },
      { name: 'c', image: 'redis:latest' },
    ]),
    expected: patch({ spec: { containers: [{ imagePullPolicy: 'Always', name: 'a' }, { imagePullPolicy: 'Always', name: 'c' }] } }),
  },
  {
    name: 'no element matching leaves nothing of the list (no skip: list conditions only filter)',
    overlay: { metadata: { labels: { x: 'y' } }, spec: { containers: [{ '(image)': '*:latest', imagePullPolicy: 'Always' }] } },
    resource: pod([{ name: 'a', image: 'nginx:1' }]),
    expected: patch({ metadata: { labels: { x: 'y' } } }),
  },
  {
    name: 'a resource element without a name is not patched',
    overlay: { spec: { containers: [{ '(image)': '*', imagePullPolicy: 'Always' }] } },
    resource: pod([{ image: 'nginx' }, { name: '', image: 'x' }]),
    expected: patch({ spec: { containers: [{ imagePullPolicy: 'Always', name: '' }] } }),
  },
  {
    name: 'the written name is replaced by each matching element name',
    overlay: { spec: { containers: [{ name: 'template', '(image)': 'nginx*', imagePullPolicy: 'Always' }] } },
    resource: pod([{ name: 'a', image: 'nginx' }]),
    expected: patch({ spec: { containers: [{ name: 'a', imagePullPolicy: 'Always' }] } }),
  },
  {
    name: 'several anchored elements in one list each keep their own copies (kyverno#16862 fixed)',
    overlay: {
      spec: {
        containers: [
          { '(name)': 'a', image: 'x' },
          { '(name)': 'b', image: 'y' },
        ],
      },
    },
    resource: pod([{ name: 'a' }, { name: 'b' }, { name: 'c' }]),
    expected: patch({ spec: { containers: [{ image: 'x', name: 'a' }, { image: 'y', name: 'b' }] } }),
  },
  {
    name: 'value operators: `|` alternatives and `!`',
    overlay: { spec: { containers: [{ '(name)': 'a | c', '(image)': '!*:latest', tty: true }] } },
    resource: pod([
      { name: 'a', image: 'nginx:1' },
      { name: 'b', image: 'nginx:1' },
      { name: 'c', image: 'nginx:latest' },
    ]),
    expected: patch({ spec: { containers: [{ tty: true, name: 'a' }] } }),
  },
  {
    name: 'scalars compare as text: `(hostNetwork): "true"` matches true, a number pattern matches a quantity',
    overlay: { spec: { '(hostNetwork)': 'true', '(priority)': '>=1k', dnsPolicy: 'Default' } },
    resource: pod([], { hostNetwork: true, priority: 2000 }),
    expected: patch({ spec: { dnsPolicy: 'Default' } }),
  },
  {
    name: 'a null pattern reads as "null" and matches a null value',
    overlay: { spec: { '(nodeName)': null, schedulerName: 'mine' } },
    resource: pod([], { nodeName: null }),
    expected: patch({ spec: { schedulerName: 'mine' } }),
  },
  {
    name: 'a condition in a plain map that fails voids the whole patch',
    overlay: { metadata: { labels: { x: 'y' } }, spec: { '(hostNetwork)': true, dnsPolicy: 'ClusterFirstWithHostNet' } },
    resource: pod([], { hostNetwork: false }),
    expected: skip('conditional anchor mismatch at /spec/(hostNetwork)/'),
  },
  {
    name: 'an absent condition key fails even against `*`',
    overlay: { spec: { '(hostNetwork)': '*', dnsPolicy: 'x' } },
    resource: pod([]),
    expected: skip('"hostNetwork" is absent'),
  },
  {
    name: 'a top-level scalar condition goes from the patch',
    overlay: { '(kind)': 'Pod', metadata: { labels: { x: 'y' } } },
    resource: pod([]),
    expected: patch({ metadata: { labels: { x: 'y' } } }),
  },
  {
    name: 'a top-level condition that fails skips',
    overlay: { '(kind)': 'Deployment', metadata: { labels: { x: 'y' } } },
    resource: pod([]),
    expected: skip('/(kind)/'),
  },
  {
    name: 'a map-valued condition is matched as a validate pattern (nested anchors allowed)',
    overlay: { spec: { containers: [{ '(securityContext)': { '(privileged)': true, '=(runAsUser)': 0 }, env: [] }] } },
    resource: pod([
      { name: 'a', securityContext: { privileged: true, runAsUser: 0 } },
      { name: 'b', securityContext: { privileged: true, runAsUser: 5 } },
      { name: 'c', securityContext: { privileged: false } },
    ]),
    // Kyverno would keep `=(runAsUser)` and write it into the object as a literal key; it is a check, so it goes.
    expected: patch({ spec: { containers: [{ env: [], name: 'a' }] } }),
  },
  {
    name: 'a condition whose map value keeps plain scalars is applied under the plain key (as Kyverno)',
    overlay: { spec: { containers: [{ '(securityContext)': { runAsUser: '?*' } }] } },
    resource: pod([{ name: 'a', securityContext: { runAsUser: 1 } }]),
    expected: patch({ spec: { containers: [{ securityContext: { runAsUser: '?*' }, name: 'a' }] } }),
  },
  {
    name: 'a top-level map-valued condition keeps its anchored key (Kyverno does not unwrap at the top)',
    overlay: { '(metadata)': { labels: { app: 'web' } }, spec: { dnsPolicy: 'x' } },
    resource: pod([]),
    expected: patch({ '(metadata)': { labels: { app: 'web' } }, spec: { dnsPolicy: 'x' } }),
  },
  {
    name: 'conditions are evaluated against an absent list too (and fail there)',
    overlay: { spec: { initContainers: [{ '(name)': '*', tty: true }], containers: [{ '(name)': '*', tty: true }] } },
    resource: pod([{ name: 'a' }]),
    expected: patch({ spec: { containers: [{ tty: true, name: 'a' }] } }),
  },
  {
    name: 'nested lists of maps are resolved inside each container',
    overlay: { spec: { containers: [{ '(name)': '*', env: [{ '(name)': 'FOO', value: 'bar' }] }] } },
    resource: pod([{ name: 'a', env: [{ name: 'FOO', value: 'x' }, { name: 'BAR' }] }]),
    expected: patch({ spec: { containers: [{ env: [{ value: 'bar', name: 'FOO' }], name: 'a' }] } }),
  },
  {
    name: 'nested copies made for an earlier container carry over to later ones (one working copy, as Kyverno)',
    overlay: { spec: { containers: [{ '(name)': '*', env: [{ '(name)': '*', value: 'v' }] }] } },
    resource: pod([
      { name: 'a', env: [{ name: 'A' }] },
      { name: 'b', env: [{ name: 'B' }] },
    ]),
    expected: patch({
      spec: {
        containers: [
          { env: [{ value: 'v', name: 'A' }], name: 'a' },
          { env: [{ value: 'v', name: 'A' }, { value: 'v', name: 'B' }], name: 'b' },
        ],
      },
    }),
  },
];

const GLOBAL: Case[] = [
  {
    name: 'a global anchor in a list element gates the rest of the patch',
    overlay: { spec: { containers: [{ '<(image)': 'corp.reg.com/*' }], imagePullSecrets: [{ name: 'regcred' }] } },
    resource: pod([{ name: 'a', image: 'docker.io/x' }, { name: 'b', image: 'corp.reg.com/y' }]),
    expected: patch({ spec: { imagePullSecrets: [{ name: 'regcred' }] } }),
  },
  {
    name: 'no element satisfying the global anchor skips the rule',
    overlay: { spec: { containers: [{ '<(image)': 'corp.reg.com/*' }], imagePullSecrets: [{ name: 'regcred' }] } },
    resource: pod([{ name: 'a', image: 'docker.io/x' }]),
    expected: skip('global anchor mismatch at /spec/containers/0/<(image)/'),
  },
  {
    name: 'an element with a global anchor is never turned into a patch element',
    overlay: { spec: { containers: [{ '<(image)': 'nginx*', '(name)': 'a', tty: true }] } },
    resource: pod([{ name: 'a', image: 'nginx' }]),
    expected: patch({}),
  },
  {
    name: 'a global anchor in a plain map skips when the key is absent (unlike validate)',
    overlay: { metadata: { '<(annotations)': {}, labels: { x: 'y' } } },
    resource: pod([]),
    expected: skip('"annotations" is absent'),
  },
  {
    name: 'a global anchor against an absent list skips',
    overlay: { spec: { volumes: [{ '<(emptyDir)': {} }] }, metadata: { labels: { x: 'y' } } },
    resource: pod([]),
    expected: skip('global anchor'),
  },
  {
    name: 'a global anchor against an empty list does not gate (Kyverno only sees failures it met)',
    overlay: { spec: { volumes: [{ '<(emptyDir)': {} }] }, metadata: { labels: { x: 'y' } } },
    resource: pod([], { volumes: [] }),
    expected: patch({ metadata: { labels: { x: 'y' } } }),
  },
  {
    name: 'a global anchor nested below a list element',
    overlay: { spec: { volumes: [{ hostPath: { '<(path)': '/var/*' } }] }, metadata: { labels: { x: 'y' } } },
    resource: pod([], { volumes: [{ name: 'e', emptyDir: {} }, { name: 'h', hostPath: { path: '/var/run' } }] }),
    expected: patch({ metadata: { labels: { x: 'y' } } }),
  },
];

const ADD_IF_NOT_PRESENT: Case[] = [
  {
    name: 'scalars: added only when absent (null counts as present)',
    overlay: { metadata: { labels: { '+(app)': 'other', '+(tier)': 'web', '+(n)': 'x' } } },
    resource: { metadata: { labels: { app: 'web', n: null } } },
    expected: patch({ metadata: { labels: { tier: 'web' } } }),
  },
  {
    name: 'a map value is added whole when absent, nested `+()` unwrapped too',
    overlay: { spec: { '+(securityContext)': { runAsNonRoot: true, '+(fsGroup)': 2000 } } },
    resource: pod([]),
    expected: patch({ spec: { securityContext: { runAsNonRoot: true, fsGroup: 2000 } } }),
  },
  {
    name: 'a map value is dropped whole when the key exists',
    overlay: { spec: { '+(securityContext)': { runAsNonRoot: true } } },
    resource: pod([], { securityContext: {} }),
    expected: patch({}),
  },
  {
    name: 'nested in plain maps, resolved against the resource at the same place',
    overlay: { spec: { securityContext: { '+(runAsNonRoot)': true, '+(runAsUser)': 1000 } } },
    resource: pod([], { securityContext: { runAsUser: 0 } }),
    expected: patch({ spec: { securityContext: { runAsNonRoot: true } } }),
  },
  {
    name: 'inside a condition value: resolved instead of checked, and applied to the matching elements',
    overlay: { spec: { containers: [{ '(name)': '*', '(securityContext)': { '+(runAsNonRoot)': true } }] } },
    resource: pod([{ name: 'a', securityContext: {} }, { name: 'b' }]),
    expected: patch({ spec: { containers: [{ securityContext: { runAsNonRoot: true }, name: 'a' }] } }),
  },
  {
    name: 'a list element with only `+()` anchors is applied to every named element (as Kyverno)',
    overlay: { spec: { containers: [{ name: 'only-this', '+(imagePullPolicy)': 'IfNotPresent' }] } },
    resource: pod([{ name: 'a' }, { name: 'b' }]),
    expected: patch({
      spec: {
        containers: [
          { name: 'a', imagePullPolicy: 'IfNotPresent' },
          { name: 'b', imagePullPolicy: 'IfNotPresent' },
        ],
      },
    }),
  },
  {
    name: 'in a list element, `+()` is resolved once, against the first resource element (as Kyverno)',
    overlay: { spec: { containers: [{ '(image)': '*', '+(imagePullPolicy)': 'IfNotPresent' }] } },
    resource: pod([
      { name: 'a', image: 'x', imagePullPolicy: 'Always' },
      { name: 'b', image: 'y' },
    ]),
    expected: patch({}),
  },
];

const PLAIN: Case[] = [
  {
    name: 'a patch without anchors is returned as is',
    overlay: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'x', image: 'y' }], tolerations: [] } },
    resource: pod([]),
    expected: patch({ metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'x', image: 'y' }], tolerations: [] } }),
  },
  {
    name: 'nested empty maps are dropped, as Kyverno does for every patch',
    overlay: { metadata: { annotations: {}, labels: { a: 'b' } }, spec: { securityContext: { seLinuxOptions: {} } } },
    resource: pod([]),
    expected: patch({ metadata: { labels: { a: 'b' } } }),
  },
  {
    name: '`=()`, `X()` and `^()` hold: they are checks with their validate meaning and never reach the patch',
    overlay: { metadata: { labels: { '=(a)': 'b', 'X(c)': 'd', team: 'shop' } }, spec: { '^(containers)': [{ name: 'x' }], dnsPolicy: 'None' } },
    resource: pod([{ name: 'x' }]),
    expected: patch({ metadata: { labels: { team: 'shop' } }, spec: { dnsPolicy: 'None' } }),
  },
  {
    name: '`=(k)` that does not match skips the patch',
    overlay: { metadata: { '=(labels)': { tier: 'web' }, annotations: { checked: 'yes' } } },
    resource: { metadata: { labels: { tier: 'db' } } },
    expected: skip('conditional anchor mismatch at /metadata/=(labels)/'),
  },
  {
    name: '`X(k)` with k present skips the patch; in a list it skips only that element',
    overlay: { spec: { 'X(hostNetwork)': null, containers: [{ 'X(securityContext)': null, imagePullPolicy: 'Always' }] } },
    resource: pod([{ name: 'a' }, { name: 'b', securityContext: {} }], { hostNetwork: true }),
    expected: skip('conditional anchor mismatch at /spec/X(hostNetwork)/'),
  },
  {
    name: '`X(k)` in a list of containers patches only the containers without k',
    overlay: { spec: { containers: [{ 'X(securityContext)': null, imagePullPolicy: 'Always' }] } },
    resource: pod([{ name: 'a' }, { name: 'b', securityContext: {} }]),
    expected: patch({ spec: { containers: [{ imagePullPolicy: 'Always', name: 'a' }] } }),
  },
  {
    name: '`=(k)` holds when k is absent and when it matches',
    overlay: { metadata: { '=(labels)': { tier: 'web' }, annotations: { checked: 'yes' } } },
    resource: { metadata: { labels: { tier: 'web' } } },
    expected: patch({ metadata: { annotations: { checked: 'yes' } } }),
  },
  {
    name: 'a padded key is not an anchor (Kyverno does not trim)',
    overlay: { metadata: { labels: { ' (a)': 'b' } } },
    resource: pod([]),
    expected: patch({ metadata: { labels: { ' (a)': 'b' } } }),
  },
];

const ERRORS: Case[] = [
  {
    name: 'an overlay that is not an object',
    overlay: 'spec: {}',
    resource: pod([]),
    expected: { kind: 'error', message: expect.stringContaining('must be an object'), path: '/' },
  },
  {
    name: 'a list of maps against a resource map',
    overlay: { spec: { containers: [{ name: 'x' }] } },
    resource: { spec: { containers: { name: 'x' } } },
    expected: { kind: 'error', message: expect.stringContaining('list'), path: '/spec/containers/' },
  },
  {
    name: 'a value that is not JSON',
    overlay: { spec: { x: Number.NaN } },
    resource: pod([]),
    expected: { kind: 'error', message: expect.stringContaining('JSON'), path: '/spec/x/' },
  },
];

describe('preprocessOverlay', () => {
  describe.each([
    ['conditional anchors', CONDITIONS],
    ['global anchors', GLOBAL],
    ['add-if-not-present anchors', ADD_IF_NOT_PRESENT],
    ['plain content', PLAIN],
    ['errors', ERRORS],
  ])('%s', (_group, cases) => {
    test.each(cases)('$name', ({ overlay, resource, expected }) => {
      expect(preprocessOverlay(overlay, resource)).toEqual(expected);
    });
  });

  test('never mutates its inputs', () => {
    const overlay = {
      metadata: { annotations: { '+(a)': 'b' } },
      spec: { containers: [{ '(name)': '*', '+(imagePullPolicy)': 'Always', env: [{ '(name)': 'X', value: 'y' }] }] },
    };
    const resource = pod([{ name: 'c', env: [{ name: 'X' }] }]);
    const before = structuredClone({ overlay, resource });
    const out = preprocessOverlay(overlay, resource);
    expect(out.kind).toBe('patch');
    expect({ overlay, resource }).toEqual(before);
  });

  test('gives the same result on every call (no state kept between requests)', () => {
    const overlay = { spec: { containers: [{ '(image)': '*:latest', '+(imagePullPolicy)': 'Always' }] } };
    const resource = pod([{ name: 'a', image: 'x:latest' }]);
    const first = preprocessOverlay(overlay, resource);
    expect(preprocessOverlay(overlay, resource)).toEqual(first);
    expect(first).toEqual(patch({ spec: { containers: [{ imagePullPolicy: 'Always', name: 'a' }] } }));
  });
});

describe('hasAnchors', () => {
  test.each<[string, unknown, boolean]>([
    ['plain patch', { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'x' }] } }, false],
    ['empty overlay', {}, false],
    ['condition in a list element', { spec: { containers: [{ '(image)': '*' }] } }, true],
    ['global anchor', { spec: { '<(hostNetwork)': true } }, true],
    ['add-if-not-present', { metadata: { labels: { '+(a)': 'b' } } }, true],
    ['validate anchors (checks in mutate overlays)', { metadata: { labels: { '=(a)': 'b', 'X(c)': 'd', '^(e)': 'f' } } }, true],
    ['an anchor-like string value', { spec: { args: ['(x)'] } }, true],
    ['a nested empty map (dropped by preprocessing)', { metadata: { annotations: {} } }, true],
    ['not an object', 'text', false],
  ])('%s', (_name, overlay, expected) => {
    expect(hasAnchors(overlay)).toBe(expected);
  });
});
