import type { PodSecurityExclude } from '../../../src/api/policy.js';
import { failedIds, goodContainer, goodPod, pod, run } from './fixtures.js';
import type { Obj } from './fixtures.js';

const privileged = (name: string, image: string): Obj => goodContainer(name, image, { privileged: true });
const sysAdmin = (name = 'app', image = 'nginx:1', add = ['SYS_ADMIN']): Obj => goodContainer(name, image, { capabilities: { drop: ['ALL'], add } });

interface Row {
  name: string;
  resource: Obj;
  level: 'baseline' | 'restricted';
  exclude: PodSecurityExclude[];
  failed: string[];
}

const rows: Row[] = [
  // Pod-level controls: no images.
  { name: 'control only waives a pod-level violation', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Host Namespaces' }], failed: [] },
  { name: 'restrictedField and value match', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Host Namespaces', restrictedField: 'spec.hostNetwork', values: ['true'] }], failed: [] },
  { name: 'other restrictedField does not waive', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Host Namespaces', restrictedField: 'spec.hostPID', values: ['true'] }], failed: ['hostNamespaces'] },
  { name: 'other value does not waive', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Host Namespaces', restrictedField: 'spec.hostNetwork', values: ['false'] }], failed: ['hostNamespaces'] },
  {
    name: 'one of two host namespaces waived',
    resource: goodPod({ hostNetwork: true, hostPID: true }),
    level: 'baseline',
    exclude: [{ controlName: 'Host Namespaces', restrictedField: 'spec.hostNetwork', values: ['true'] }],
    failed: ['hostNamespaces'],
  },
  { name: 'other control does not waive', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'HostPath Volumes' }], failed: ['hostNamespaces'] },
  { name: 'unknown control does nothing', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Host Network' }], failed: ['hostNamespaces'] },
  {
    name: 'hostPath values with wildcard',
    resource: goodPod({ volumes: [{ name: 'a', hostPath: { path: '/var/log' } }, { name: 'b', hostPath: { path: '/var/lib/x' } }] }),
    level: 'baseline',
    exclude: [{ controlName: 'HostPath Volumes', restrictedField: 'spec.volumes[*].hostPath', values: ['/var/*'] }],
    failed: [],
  },
  {
    name: 'hostPath value not listed',
    resource: goodPod({ volumes: [{ name: 'a', hostPath: { path: '/var/log' } }, { name: 'b', hostPath: { path: '/etc' } }] }),
    level: 'baseline',
    exclude: [{ controlName: 'HostPath Volumes', restrictedField: 'spec.volumes[*].hostPath', values: ['/var/*'] }],
    failed: ['hostPathVolumes'],
  },
  { name: 'sysctl waived by value', resource: goodPod({ securityContext: { sysctls: [{ name: 'kernel.msgmax' }] } }), level: 'baseline', exclude: [{ controlName: 'Sysctls', restrictedField: 'spec.securityContext.sysctls[*].name', values: ['kernel.msg*'] }], failed: [] },
  { name: 'AppArmor annotation waived', resource: goodPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }), level: 'baseline', exclude: [{ controlName: 'AppArmor' }], failed: [] },
  { name: 'pod-level seccomp waived', resource: goodPod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }), level: 'restricted', exclude: [{ controlName: 'Seccomp' }], failed: [] },
  // Restricted may waive baseline controls; each control waives only its own checks.
  { name: 'hostPath volume at restricted: one control', resource: goodPod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), level: 'restricted', exclude: [{ controlName: 'HostPath Volumes' }], failed: ['restrictedVolumes'] },
  { name: 'hostPath volume at restricted: both controls', resource: goodPod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), level: 'restricted', exclude: [{ controlName: 'HostPath Volumes' }, { controlName: 'Volume Types' }], failed: [] },
  // Container-level controls: images select the containers.
  { name: 'matching image waives', resource: pod({ containers: [privileged('a', 'nginx:1')] }), level: 'baseline', exclude: [{ controlName: 'Privileged Containers', images: ['nginx*'] }], failed: [] },
  { name: 'other image does not waive', resource: pod({ containers: [privileged('a', 'busybox:1')] }), level: 'baseline', exclude: [{ controlName: 'Privileged Containers', images: ['nginx*'] }], failed: ['privileged'] },
  { name: 'only the matching container is waived', resource: pod({ containers: [privileged('a', 'nginx:1'), privileged('b', 'busybox:1')] }), level: 'baseline', exclude: [{ controlName: 'Privileged Containers', images: ['nginx*'] }], failed: ['privileged'] },
  { name: 'all containers matched', resource: pod({ containers: [privileged('a', 'nginx:1'), privileged('b', 'busybox:1')] }), level: 'baseline', exclude: [{ controlName: 'Privileged Containers', images: ['nginx*', 'busy?ox:*'] }], failed: [] },
  { name: 'images match init containers', resource: pod({ containers: [goodContainer()], initContainers: [privileged('i', 'busybox:1')] }), level: 'baseline', exclude: [{ controlName: 'Privileged Containers', images: ['busybox:1'] }], failed: [] },
  {
    name: 'restrictedField limits to containers (not initContainers)',
    resource: pod({ containers: [goodContainer()], initContainers: [privileged('i', 'busybox:1')] }),
    level: 'baseline',
    exclude: [{ controlName: 'Privileged Containers', images: ['*'], restrictedField: 'spec.containers[*].securityContext.privileged' }],
    failed: ['privileged'],
  },
  {
    name: 'capabilities add value listed',
    resource: pod({ containers: [sysAdmin()] }),
    level: 'baseline',
    exclude: [{ controlName: 'Capabilities', images: ['nginx:1'], restrictedField: 'spec.containers[*].securityContext.capabilities.add', values: ['SYS_ADMIN'] }],
    failed: [],
  },
  {
    name: 'every added capability must be listed',
    resource: pod({ containers: [sysAdmin('app', 'nginx:1', ['SYS_ADMIN', 'NET_ADMIN'])] }),
    level: 'baseline',
    exclude: [{ controlName: 'Capabilities', images: ['nginx:1'], restrictedField: 'spec.containers[*].securityContext.capabilities.add', values: ['SYS_ADMIN'] }],
    failed: ['capabilities_baseline'],
  },
  {
    name: 'capabilities at restricted: baseline and restricted checks waived together',
    resource: pod({ containers: [sysAdmin()] }),
    level: 'restricted',
    exclude: [{ controlName: 'Capabilities', images: ['nginx:*'] }],
    failed: [],
  },
  {
    name: 'host port value',
    resource: pod({ containers: [{ ...goodContainer(), ports: [{ hostPort: 8080 }, { hostPort: 9090 }] }] }),
    level: 'baseline',
    exclude: [{ controlName: 'Host Ports', images: ['nginx*'], restrictedField: 'spec.containers[*].ports[*].hostPort', values: ['8080', '9090'] }],
    failed: [],
  },
  {
    name: 'host port value not listed',
    resource: pod({ containers: [{ ...goodContainer(), ports: [{ hostPort: 8080 }, { hostPort: 9090 }] }] }),
    level: 'baseline',
    exclude: [{ controlName: 'Host Ports', images: ['nginx*'], restrictedField: 'spec.containers[*].ports[*].hostPort', values: ['8080'] }],
    failed: ['hostPorts'],
  },
  {
    name: 'required field waived without values',
    resource: pod({ containers: [goodContainer('a', 'legacy:1', { runAsNonRoot: null })] }),
    level: 'restricted',
    exclude: [{ controlName: 'Running as Non-root', images: ['legacy:*'], restrictedField: 'spec.containers[*].securityContext.runAsNonRoot', values: ['anything'] }],
    failed: [],
  },
  // A pod-level exclusion evaluates one empty "fake" container, so it waives one container-level error only (Kyverno parity).
  { name: 'pod-level exclusion of a container control, one container', resource: pod({ containers: [goodContainer('a', 'x', { seccompProfile: null })] }), level: 'restricted', exclude: [{ controlName: 'Seccomp' }], failed: [] },
  {
    name: 'pod-level exclusion of a container control, two containers',
    resource: pod({ containers: [goodContainer('a', 'x', { seccompProfile: null }), goodContainer('b', 'y', { seccompProfile: null })] }),
    level: 'restricted',
    exclude: [{ controlName: 'Seccomp' }],
    failed: ['seccompProfile_restricted'],
  },
  { name: 'images exclusion cannot waive a pod-level field', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Host Namespaces', images: ['*'] }], failed: ['hostNamespaces'] },
  { name: 'excluding a restricted control at baseline changes nothing', resource: goodPod({ hostNetwork: true }), level: 'baseline', exclude: [{ controlName: 'Volume Types' }], failed: ['hostNamespaces'] },
];

describe('podSecurity exclusions', () => {
  it.each(rows)('$name', ({ resource, level, exclude, failed }) => {
    expect(failedIds(run(resource, level, 'latest', exclude))).toEqual(failed);
  });

  it('keeps the errors that were not waived', () => {
    const resource = pod({ containers: [privileged('a', 'nginx:1'), privileged('b', 'busybox:1')] });
    const outcome = run(resource, 'baseline', 'latest', [{ controlName: 'Privileged Containers', images: ['nginx*'] }]);
    expect(outcome).toMatchObject({ kind: 'fail', violations: [{ fields: ['spec.containers[1].securityContext.privileged'], images: ['busybox:1'] }] });
  });

  it('collapses repeated failures of a pinned version to one per check', () => {
    const resource = goodPod({ hostNetwork: true, securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem' }] } });
    expect(failedIds(run(resource, 'baseline', 'v1.31'))).toEqual(['hostNamespaces', 'sysctls', 'sysctls', 'sysctls']);
    expect(failedIds(run(resource, 'baseline', 'v1.31', [{ controlName: 'Host Namespaces' }]))).toEqual(['sysctls']);
  });
});
