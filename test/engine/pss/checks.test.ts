import { failedIds, goodContainer, goodPod, pod, run } from './fixtures.js';
import type { Obj } from './fixtures.js';

const withContainer = (sc: Obj, extra: Obj = {}): Obj => pod({ containers: [{ ...goodContainer('app', 'nginx', sc), ...extra }] });

interface Row {
  name: string;
  resource: Obj;
  baseline: string[];
  restricted: string[];
}

// Each row changes one thing on a pod that passes restricted; expected failing check IDs per level (latest).
const rows: Row[] = [
  { name: 'compliant pod', resource: goodPod(), baseline: [], restricted: [] },
  { name: 'privileged container', resource: withContainer({ privileged: true }), baseline: ['privileged'], restricted: ['privileged'] },
  { name: 'privileged false', resource: withContainer({ privileged: false }), baseline: [], restricted: [] },
  { name: 'hostPort', resource: withContainer({}, { ports: [{ containerPort: 80, hostPort: 8080 }] }), baseline: ['hostPorts'], restricted: ['hostPorts'] },
  { name: 'hostPort 0', resource: withContainer({}, { ports: [{ containerPort: 80, hostPort: 0 }] }), baseline: [], restricted: [] },
  { name: 'hostNetwork', resource: goodPod({ hostNetwork: true }), baseline: ['hostNamespaces'], restricted: ['hostNamespaces'] },
  { name: 'hostPID', resource: goodPod({ hostPID: true }), baseline: ['hostNamespaces'], restricted: ['hostNamespaces'] },
  { name: 'hostIPC false', resource: goodPod({ hostIPC: false }), baseline: [], restricted: [] },
  {
    name: 'hostPath volume',
    resource: goodPod({ volumes: [{ name: 'h', hostPath: { path: '/etc' } }] }),
    baseline: ['hostPathVolumes'],
    restricted: ['hostPathVolumes', 'restrictedVolumes'],
  },
  { name: 'nfs volume', resource: goodPod({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] }), baseline: [], restricted: ['restrictedVolumes'] },
  { name: 'volume without source', resource: goodPod({ volumes: [{ name: 'x' }] }), baseline: [], restricted: ['restrictedVolumes'] },
  {
    name: 'allowed volume types',
    resource: goodPod({ volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'c' } }, { name: 'c', image: { reference: 'x' } }, { name: 'd', persistentVolumeClaim: { claimName: 'x' } }] }),
    baseline: [],
    restricted: [],
  },
  { name: 'capability SYS_ADMIN', resource: withContainer({ capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } }), baseline: ['capabilities_baseline'], restricted: ['capabilities_baseline', 'capabilities_restricted'] },
  { name: 'capability CHOWN', resource: withContainer({ capabilities: { drop: ['ALL'], add: ['CHOWN'] } }), baseline: [], restricted: ['capabilities_restricted'] },
  { name: 'capability NET_BIND_SERVICE', resource: withContainer({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }), baseline: [], restricted: [] },
  { name: 'no drop ALL', resource: withContainer({ capabilities: { drop: ['NET_RAW'] } }), baseline: [], restricted: ['capabilities_restricted'] },
  { name: 'procMount Unmasked', resource: withContainer({ procMount: 'Unmasked' }), baseline: ['procMount'], restricted: ['procMount', 'procMount_restricted'] },
  { name: 'procMount Default', resource: withContainer({ procMount: 'Default' }), baseline: [], restricted: [] },
  { name: 'allowPrivilegeEscalation true', resource: withContainer({ allowPrivilegeEscalation: true }), baseline: [], restricted: ['allowPrivilegeEscalation'] },
  { name: 'allowPrivilegeEscalation unset', resource: withContainer({ allowPrivilegeEscalation: null }), baseline: [], restricted: ['allowPrivilegeEscalation'] },
  { name: 'runAsNonRoot false', resource: withContainer({ runAsNonRoot: false }), baseline: [], restricted: ['runAsNonRoot'] },
  { name: 'runAsNonRoot unset', resource: withContainer({ runAsNonRoot: null }), baseline: [], restricted: ['runAsNonRoot'] },
  { name: 'runAsNonRoot at pod level', resource: pod({ securityContext: { runAsNonRoot: true }, containers: [goodContainer('app', 'nginx', { runAsNonRoot: null })] }), baseline: [], restricted: [] },
  { name: 'runAsUser 0', resource: withContainer({ runAsUser: 0 }), baseline: [], restricted: ['runAsUser'] },
  { name: 'runAsUser 1000', resource: withContainer({ runAsUser: 1000 }), baseline: [], restricted: [] },
  { name: 'seccomp Unconfined', resource: withContainer({ seccompProfile: { type: 'Unconfined' } }), baseline: ['seccompProfile_baseline'], restricted: ['seccompProfile_baseline', 'seccompProfile_restricted'] },
  { name: 'seccomp unset', resource: withContainer({ seccompProfile: null }), baseline: [], restricted: ['seccompProfile_restricted'] },
  { name: 'seccomp at pod level', resource: pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p' } }, containers: [goodContainer('app', 'nginx', { seccompProfile: null })] }), baseline: [], restricted: [] },
  { name: 'seLinux type spc_t', resource: withContainer({ seLinuxOptions: { type: 'spc_t' } }), baseline: ['seLinuxOptions'], restricted: ['seLinuxOptions'] },
  { name: 'seLinux user set', resource: goodPod({ securityContext: { seLinuxOptions: { user: 'root' } } }), baseline: ['seLinuxOptions'], restricted: ['seLinuxOptions'] },
  { name: 'seLinux container_t', resource: withContainer({ seLinuxOptions: { type: 'container_t', level: 's0' } }), baseline: [], restricted: [] },
  { name: 'sysctl forbidden', resource: goodPod({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }), baseline: ['sysctls'], restricted: ['sysctls'] },
  { name: 'sysctl safe', resource: goodPod({ securityContext: { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '1' }] } }), baseline: [], restricted: [] },
  { name: 'windows hostProcess (pod)', resource: goodPod({ securityContext: { windowsOptions: { hostProcess: true } } }), baseline: ['windowsHostProcess'], restricted: ['windowsHostProcess'] },
  { name: 'windows hostProcess (container)', resource: withContainer({ windowsOptions: { hostProcess: true } }), baseline: ['windowsHostProcess'], restricted: ['windowsHostProcess'] },
  { name: 'AppArmor Unconfined field', resource: withContainer({ appArmorProfile: { type: 'Unconfined' } }), baseline: ['appArmorProfile'], restricted: ['appArmorProfile'] },
  { name: 'AppArmor RuntimeDefault field', resource: goodPod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }), baseline: [], restricted: [] },
  { name: 'AppArmor unconfined annotation', resource: goodPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }), baseline: ['appArmorProfile'], restricted: ['appArmorProfile'] },
  { name: 'AppArmor localhost annotation', resource: goodPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/p' } }), baseline: [], restricted: [] },
  { name: 'probe host', resource: withContainer({}, { livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }), baseline: ['hostProbesAndHostLifecycle'], restricted: ['hostProbesAndHostLifecycle'] },
  { name: 'lifecycle host', resource: withContainer({}, { lifecycle: { preStop: { tcpSocket: { host: 'x', port: 1 } } } }), baseline: ['hostProbesAndHostLifecycle'], restricted: ['hostProbesAndHostLifecycle'] },
  {
    name: 'bad init and ephemeral containers',
    resource: pod({ containers: [goodContainer()], initContainers: [goodContainer('init', 'busybox', { privileged: true })], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }),
    baseline: ['privileged'],
    restricted: ['allowPrivilegeEscalation', 'capabilities_restricted', 'privileged', 'runAsNonRoot', 'seccompProfile_restricted'],
  },
  { name: 'bare container', resource: pod({ containers: [{ name: 'c', image: 'nginx' }] }), baseline: [], restricted: ['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted'] },
];

describe('PSS controls at latest', () => {
  it.each(rows)('$name (baseline)', ({ resource, baseline }) => {
    expect(failedIds(run(resource, 'baseline'))).toEqual(baseline);
  });
  it.each(rows)('$name (restricted)', ({ resource, restricted }) => {
    expect(failedIds(run(resource, 'restricted'))).toEqual(restricted);
  });
  it.each(rows)('$name (privileged allows everything)', ({ resource }) => {
    expect(run(resource, 'privileged')).toEqual({ kind: 'pass' });
  });
});

describe('windows and user-namespace relaxations', () => {
  const bare = { containers: [{ name: 'c', image: 'nginx', securityContext: { runAsNonRoot: true } }] };
  it.each([
    ['linux pod', pod(bare), ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']],
    ['windows pod skips Linux-only controls', pod({ ...bare, os: { name: 'windows' } }), []],
    ['userns pod may run as root', pod({ hostUsers: false, containers: [goodContainer('c', 'nginx', { runAsNonRoot: null, runAsUser: 0 })] }), []],
    ['hostUsers true must not run as root', pod({ hostUsers: true, containers: [goodContainer('c', 'nginx', { runAsNonRoot: null, runAsUser: 0 })] }), ['runAsNonRoot', 'runAsUser']],
    ['userns pod keeps restricted procMount', pod({ hostUsers: false, containers: [goodContainer('c', 'nginx', { procMount: 'Unmasked' })] }), ['procMount_restricted']],
  ])('%s', (_name, resource, expected) => {
    expect(failedIds(run(resource, 'restricted'))).toEqual(expected);
  });

  it('userns relaxes procMount at baseline', () => {
    const resource = pod({ hostUsers: false, containers: [{ name: 'c', image: 'nginx', securityContext: { procMount: 'Unmasked' } }] });
    expect(run(resource, 'baseline')).toEqual({ kind: 'pass' });
  });
});

describe('messages and fields', () => {
  it.each([
    ['baseline', 'privileged (container "app" must not set securityContext.privileged=true)', ['spec.containers[0].securityContext.privileged'], withContainer({ privileged: true })],
    ['baseline', 'host namespaces (hostNetwork=true, hostIPC=true)', ['spec.hostNetwork', 'spec.hostIPC'], goodPod({ hostNetwork: true, hostIPC: true })],
    ['baseline', 'hostPort (container "app" uses hostPorts 443, 80)', ['spec.containers[0].ports[0].hostPort', 'spec.containers[0].ports[1].hostPort'], withContainer({}, { ports: [{ hostPort: 80 }, { hostPort: 443 }] })],
    ['baseline', 'hostPath volumes (volume "h")', ['spec.volumes[0].hostPath'], goodPod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] })],
    ['baseline', 'non-default capabilities (container "app" must not include "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)', ['spec.containers[0].securityContext.capabilities.add'], withContainer({ capabilities: { add: ['SYS_ADMIN', 'NET_RAW'] } })],
    ['baseline', 'forbidden sysctls (a.b, c.d)', ['spec.securityContext.sysctls[0].name', 'spec.securityContext.sysctls[2].name'], goodPod({ securityContext: { sysctls: [{ name: 'a.b' }, { name: 'kernel.shm_rmid_forced' }, { name: 'c.d' }] } })],
    ['restricted', 'allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false)', ['spec.containers[0].securityContext.allowPrivilegeEscalation', 'spec.containers[1].securityContext.allowPrivilegeEscalation'], pod({ containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] })],
    ['restricted', 'restricted volume types (volumes "n", "g" use restricted volume types "gitRepo", "nfs")', ['spec.volumes[0].nfs', 'spec.volumes[1].gitRepo'], goodPod({ volumes: [{ name: 'n', nfs: {} }, { name: 'g', gitRepo: {} }] })],
    ['baseline', 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")', ['spec.securityContext.seccompProfile.type'], goodPod({ securityContext: { seccompProfile: { type: 'Unconfined' } } })],
  ] as const)('%s: %s', (level, message, fields, resource) => {
    const outcome = run(resource, level);
    if (outcome.kind !== 'fail') throw new Error(`expected fail, got ${outcome.kind}`);
    expect(outcome.violations[0].message).toBe(message);
    expect(outcome.violations[0].fields).toEqual(fields);
  });

  it('names the control and the offending images', () => {
    const outcome = run(pod({ containers: [goodContainer(), goodContainer('side', 'busybox:1', { privileged: true })] }), 'baseline');
    expect(outcome).toMatchObject({ kind: 'fail', violations: [{ control: 'Privileged Containers', checkId: 'privileged', images: ['busybox:1'] }] });
  });

  it('reports runAsNonRoot explicit and implicit offenders together', () => {
    const resource = pod({ containers: [goodContainer('a', 'x', { runAsNonRoot: false }), goodContainer('b', 'y', { runAsNonRoot: null })] });
    const outcome = run(resource, 'restricted');
    expect(outcome).toMatchObject({
      kind: 'fail',
      violations: [{ message: 'runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false; pod or container "b" must set securityContext.runAsNonRoot=true)' }],
    });
  });
});
