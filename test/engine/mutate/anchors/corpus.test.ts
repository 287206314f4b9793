/**
 * Real overlays of the conformance corpus against the corpus's own resources: the exact patch that remains
 * once anchors are resolved (or the skip). Overlays without variables are read from the policy files;
 * foreach overlays are written out here with `{{element...}}` already substituted for the element named.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { isRecord } from '../../../../src/api/json.js';
import { preprocessOverlay, type PreprocessOutcome } from '../../../../src/engine/mutate/anchors/index.js';

const CORPUS = join(process.cwd(), '..', 'shared', 'conformance', 'kyverno-policies');

type Obj = Record<string, unknown>;

function docs(caseName: string, file: string): Obj[] {
  return loadAll(readFileSync(join(CORPUS, caseName, file), 'utf8')).filter(isRecord);
}

function get(value: unknown, ...path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (typeof p === 'number') v = Array.isArray(v) ? v[p] : undefined;
    else v = isRecord(v) ? v[p] : undefined;
  }
  return v;
}

/** The rule's `mutate.patchStrategicMerge`, from the case's policy file. */
function overlayOf(caseName: string, policyFile: string, rule: string): unknown {
  const rules = get(docs(caseName, policyFile)[0], 'spec', 'rules');
  const found = Array.isArray(rules) ? rules.find((r) => get(r, 'name') === rule) : undefined;
  const overlay = get(found, 'mutate', 'patchStrategicMerge');
  if (overlay === undefined) throw new Error(`no patchStrategicMerge in ${caseName} ${rule}`);
  return overlay;
}

function resourceOf(caseName: string, file: string, name: string): Obj {
  const found = docs(caseName, file).find((d) => get(d, 'metadata', 'name') === name);
  if (found === undefined) throw new Error(`no resource ${name} in ${caseName}/${file}`);
  return found;
}

const SAFE_TO_EVICT: PreprocessOutcome = {
  kind: 'patch',
  patch: { metadata: { annotations: { 'cluster-autoscaler.kubernetes.io/safe-to-evict': 'true' } } },
};
const SKIP = expect.objectContaining({ kind: 'skip' });

interface FileCase {
  name: string;
  caseName: string;
  policy: string;
  rule: string;
  resourceFile: string;
  resource: string;
  expected: PreprocessOutcome | ReturnType<typeof expect.objectContaining>;
}

const safeToEvict = (rule: string, resource: string, expected: FileCase['expected']): FileCase => ({
  name: `add-safe-to-evict ${rule} ${resource}`,
  caseName: 'best-practices__add-safe-to-evict',
  policy: 'add-safe-to-evict.yaml',
  rule,
  resourceFile: 'resource.yaml',
  resource,
  expected,
});

const FILE_CASES: FileCase[] = [
  // Global anchor in a volume element gates the annotation; the already-present annotation is not re-added.
  safeToEvict('annotate-empty-dir', 'myapp-pod03', SAFE_TO_EVICT),
  safeToEvict('annotate-empty-dir', 'myapp-pod01', { kind: 'patch', patch: {} }),
  safeToEvict('annotate-empty-dir', 'myapp-pod04', SKIP),
  safeToEvict('annotate-empty-dir', 'myapp-pod02', SKIP),
  safeToEvict('annotate-host-path', 'myapp-pod04', SAFE_TO_EVICT),
  safeToEvict('annotate-host-path', 'myapp-pod02', { kind: 'patch', patch: {} }),
  safeToEvict('annotate-host-path', 'myapp-pod03', SKIP),
  {
    name: 'always-pull-images: the named container gets the policy',
    caseName: 'other__always-pull-images',
    policy: 'always-pull-images.yaml',
    rule: 'always-pull-images',
    resourceFile: 'resource.yaml',
    resource: 'myapp-pod-1',
    expected: { kind: 'patch', patch: { spec: { containers: [{ imagePullPolicy: 'Always', name: 'nginx' }] } } },
  },
  {
    name: 'always-pull-images: an empty name fails `?*`, nothing remains',
    caseName: 'other__always-pull-images',
    policy: 'always-pull-images.yaml',
    rule: 'always-pull-images',
    resourceFile: 'resource.yaml',
    resource: 'myapp-pod-2',
    expected: { kind: 'patch', patch: {} },
  },
  ...['myapp-pod-1', 'myapp-pod-3'].map(
    (resource): FileCase => ({
      name: `add-imagepullsecrets ${resource}: the gating element goes, the secret stays`,
      caseName: 'other__add-imagepullsecrets',
      policy: 'add-imagepullsecrets.yaml',
      rule: 'add-imagepullsecret',
      resourceFile: 'resource.yaml',
      resource,
      expected: { kind: 'patch', patch: { spec: { imagePullSecrets: [{ name: 'my-secret' }] } } },
    }),
  ),
  {
    name: 'add-imagepullsecrets myapp-pod-2: no image from the registry',
    caseName: 'other__add-imagepullsecrets',
    policy: 'add-imagepullsecrets.yaml',
    rule: 'add-imagepullsecret',
    resourceFile: 'resource.yaml',
    resource: 'myapp-pod-2',
    expected: SKIP,
  },
  {
    name: 'add-env-vars-from-cm: one element per init container and container',
    caseName: 'other__add-env-vars-from-cm',
    policy: 'add-env-vars-from-cm.yaml',
    rule: 'add-env-vars-from-cm',
    resourceFile: 'resource.yaml',
    resource: 'mypod',
    expected: {
      kind: 'patch',
      patch: {
        spec: {
          initContainers: ['alpine', 'busybox'].map((name) => ({ envFrom: [{ configMapRef: { name: 'nsenvvars' } }], name })),
          containers: ['nginx', 'redis'].map((name) => ({ envFrom: [{ configMapRef: { name: 'nsenvvars' } }], name })),
        },
      },
    },
  },
  {
    name: 'add-pod-proxies: the plain env list is carried into the container element',
    caseName: 'other__add-pod-proxies',
    policy: 'add-pod-proxies.yaml',
    rule: 'add-pod-proxies',
    resourceFile: 'resource.yaml',
    resource: 'myapp-pod-1',
    expected: {
      kind: 'patch',
      patch: {
        spec: {
          containers: [
            {
              env: [
                { name: 'HTTP_PROXY', value: 'http://proxy.corp.domain:8080' },
                { name: 'HTTPS_PROXY', value: 'https://secureproxy.corp.domain:8080' },
                { name: 'NO_PROXY', value: 'localhost,*.example.com' },
              ],
              name: 'nginx',
            },
          ],
        },
      },
    },
  },
  {
    name: 'apply-pss-restricted-profile: plain pod fields and a per-container securityContext',
    caseName: 'other__apply-pss-restricted-profile',
    policy: 'apply-pss-restricted-profile.yaml',
    rule: 'add-pss-fields',
    resourceFile: 'resource.yaml',
    resource: 'mypod',
    expected: {
      kind: 'patch',
      patch: {
        spec: {
          securityContext: {
            seccompProfile: { type: 'RuntimeDefault' },
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 3000,
            fsGroup: 2000,
          },
          containers: [
            {
              securityContext: { privileged: false, capabilities: { drop: ['ALL'] }, allowPrivilegeEscalation: false },
              name: 'busybox',
            },
          ],
        },
      },
    },
  },
  {
    name: 'add-psa-labels: both labels are absent',
    caseName: 'psa__add-psa-labels',
    policy: 'add-psa-labels.yaml',
    rule: 'add-baseline-enforce-restricted-warn',
    resourceFile: 'resource.yaml',
    resource: 'test',
    expected: {
      kind: 'patch',
      patch: {
        metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' } },
      },
    },
  },
  {
    name: 'spread-pods-across-topology: a whole list added where there was none',
    caseName: 'other__spread-pods-across-topology',
    policy: 'spread-pods-across-topology.yaml',
    rule: 'spread-pods-across-nodes',
    resourceFile: 'resource.yaml',
    resource: 'mydeploy',
    expected: {
      kind: 'patch',
      patch: {
        spec: {
          template: {
            spec: {
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: 'zone',
                  whenUnsatisfiable: 'DoNotSchedule',
                  labelSelector: { matchLabels: { distributed: 'required' } },
                },
              ],
            },
          },
        },
      },
    },
  },
];

describe('corpus overlays read from the policies', () => {
  test.each(FILE_CASES)('$name', ({ caseName, policy, rule, resourceFile, resource, expected }) => {
    const overlay = overlayOf(caseName, policy, rule);
    expect(preprocessOverlay(overlay, resourceOf(caseName, resourceFile, resource))).toEqual(expected);
  });

  test('spread-pods-across-topology: nothing is added when the list exists', () => {
    const caseName = 'other__spread-pods-across-topology';
    const resource = resourceOf(caseName, 'resource.yaml', 'mydeploy');
    const withList = structuredClone(resource);
    const podSpec = get(withList, 'spec', 'template', 'spec');
    if (!isRecord(podSpec)) throw new Error('bad fixture');
    podSpec.topologySpreadConstraints = [];
    const overlay = overlayOf(caseName, 'spread-pods-across-topology.yaml', 'spread-pods-across-nodes');
    expect(preprocessOverlay(overlay, withList)).toEqual({ kind: 'patch', patch: {} });
  });
});

/** `+(key)` under a per-container condition, as the foreach rules write it once `{{element...}}` is substituted. */
function requestsOverlay(container: string, requests: Record<string, string>, limits?: Record<string, string>): unknown {
  const resources: Obj = { requests };
  if (limits !== undefined) resources.limits = limits;
  return { spec: { containers: [{ '(name)': container, resources }] } };
}

interface InlineCase {
  name: string;
  caseName: string;
  resourceFile: string;
  resource: string;
  overlay: unknown;
  expected: PreprocessOutcome;
}

const KARPENTER = 'karpenter__set-karpenter-non-cpu-limits';
const DEFAULT_RESOURCES = 'other__add-default-resources';

const INLINE_CASES: InlineCase[] = [
  {
    name: 'set-karpenter-non-cpu-limits test1 (requests only): the limit is added',
    caseName: KARPENTER,
    resourceFile: 'resources.yaml',
    resource: 'test1',
    overlay: requestsOverlay('test1', { 'ephemeral-storage': '1Gi' }, { '+(ephemeral-storage)': '1Gi' }),
    expected: {
      kind: 'patch',
      patch: {
        spec: { containers: [{ resources: { requests: { 'ephemeral-storage': '1Gi' }, limits: { 'ephemeral-storage': '1Gi' } }, name: 'test1' }] },
      },
    },
  },
  {
    name: 'set-karpenter-non-cpu-limits test3 (limit present): only the request is set',
    caseName: KARPENTER,
    resourceFile: 'resources.yaml',
    resource: 'test3',
    overlay: requestsOverlay('test3', { memory: '1Gi' }, { '+(memory)': '1Gi' }),
    expected: { kind: 'patch', patch: { spec: { containers: [{ resources: { requests: { memory: '1Gi' } }, name: 'test3' }] } } },
  },
  {
    name: 'add-default-resources nginx-demo1: both requests added',
    caseName: DEFAULT_RESOURCES,
    resourceFile: 'resource.yaml',
    resource: 'nginx-demo1',
    overlay: requestsOverlay('nginx', { '+(memory)': '100Mi', '+(cpu)': '100m' }),
    expected: {
      kind: 'patch',
      patch: { spec: { containers: [{ resources: { requests: { memory: '100Mi', cpu: '100m' } }, name: 'nginx' }] } },
    },
  },
  {
    name: 'add-default-resources nginx-demo2: both present, nothing remains',
    caseName: DEFAULT_RESOURCES,
    resourceFile: 'resource.yaml',
    resource: 'nginx-demo2',
    overlay: requestsOverlay('nginx', { '+(memory)': '100Mi', '+(cpu)': '100m' }),
    expected: { kind: 'patch', patch: {} },
  },
  {
    name: 'add-default-resources nginx-demo3, element nginx: only cpu is missing',
    caseName: DEFAULT_RESOURCES,
    resourceFile: 'resource.yaml',
    resource: 'nginx-demo3',
    overlay: requestsOverlay('nginx', { '+(memory)': '100Mi', '+(cpu)': '100m' }),
    expected: { kind: 'patch', patch: { spec: { containers: [{ resources: { requests: { cpu: '100m' } }, name: 'nginx' }] } } },
  },
  {
    name: 'add-default-resources nginx-demo3, element busybox: only that container is patched',
    caseName: DEFAULT_RESOURCES,
    resourceFile: 'resource.yaml',
    resource: 'nginx-demo3',
    overlay: requestsOverlay('busybox', { '+(memory)': '100Mi', '+(cpu)': '100m' }),
    expected: {
      kind: 'patch',
      patch: { spec: { containers: [{ resources: { requests: { memory: '100Mi', cpu: '100m' } }, name: 'busybox' }] } },
    },
  },
];

describe('corpus foreach overlays (variables substituted)', () => {
  test.each(INLINE_CASES)('$name', ({ caseName, resourceFile, resource, overlay, expected }) => {
    expect(preprocessOverlay(overlay, resourceOf(caseName, resourceFile, resource))).toEqual(expected);
  });
});
