import { failedIds, goodContainer, goodPod, pod, run } from './fixtures.js';
import type { Obj } from './fixtures.js';

const withSc = (sc: Obj, spec: Obj = {}): Obj => pod({ containers: [goodContainer('app', 'nginx', sc)], ...spec });
const sysctl = (name: string): Obj => goodPod({ securityContext: { sysctls: [{ name, value: '1' }] } });

interface Row {
  name: string;
  resource: Obj;
  level: 'baseline' | 'restricted';
  /** version -> failing check IDs */
  expect: Record<string, string[]>;
}

const rows: Row[] = [
  { name: 'allowPrivilegeEscalation applies from 1.8', resource: withSc({ allowPrivilegeEscalation: true }), level: 'restricted', expect: { 'v1.7': [], 'v1.8': ['allowPrivilegeEscalation'] } },
  { name: 'restricted seccomp applies from 1.19', resource: withSc({ seccompProfile: null }), level: 'restricted', expect: { 'v1.18': [], 'v1.19': ['seccompProfile_restricted'], latest: ['seccompProfile_restricted'] } },
  { name: 'drop ALL applies from 1.22', resource: withSc({ capabilities: null }), level: 'restricted', expect: { 'v1.21': [], 'v1.22': ['capabilities_restricted'] } },
  { name: 'runAsUser applies from 1.23', resource: withSc({ runAsUser: 0 }), level: 'restricted', expect: { 'v1.22': [], 'v1.23': ['runAsUser'], latest: ['runAsUser'] } },
  {
    name: 'seccomp annotations before 1.19, fields after',
    resource: goodPod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }),
    level: 'baseline',
    expect: { 'v1.18': ['seccompProfile_baseline'], 'v1.19': ['seccompProfile_baseline'], latest: [] },
  },
  { name: 'seccomp docker/default annotation is allowed', resource: goodPod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' } }), level: 'baseline', expect: { 'v1.18': [] } },
  // Pinned versions also run the older implementations, so later additions to an allow-list do not help.
  { name: 'sysctl ip_local_reserved_ports', resource: sysctl('net.ipv4.ip_local_reserved_ports'), level: 'baseline', expect: { 'v1.26': ['sysctls'], 'v1.27': ['sysctls'], latest: [], 'v1.35': [] } },
  { name: 'sysctl tcp_keepalive_time', resource: sysctl('net.ipv4.tcp_keepalive_time'), level: 'baseline', expect: { 'v1.28': ['sysctls', 'sysctls'], 'v1.29': ['sysctls', 'sysctls'], latest: [] } },
  { name: 'sysctl tcp_rmem', resource: sysctl('net.ipv4.tcp_rmem'), level: 'baseline', expect: { 'v1.31': ['sysctls', 'sysctls', 'sysctls'], latest: [] } },
  { name: 'sysctl always allowed', resource: sysctl('kernel.shm_rmid_forced'), level: 'baseline', expect: { 'v1.0': [], 'v1.30': [], latest: [] } },
  { name: 'SELinux container_engine_t', resource: withSc({ seLinuxOptions: { type: 'container_engine_t' } }), level: 'baseline', expect: { 'v1.30': ['seLinuxOptions'], 'v1.31': ['seLinuxOptions'], latest: [] } },
  { name: 'probe host from 1.34', resource: pod({ containers: [{ ...goodContainer(), readinessProbe: { tcpSocket: { host: 'h', port: 1 } } }] }), level: 'baseline', expect: { 'v1.33': [], 'v1.34': ['hostProbesAndHostLifecycle'], latest: ['hostProbesAndHostLifecycle'] } },
  {
    name: 'windows relaxation only at latest',
    resource: pod({ os: { name: 'windows' }, containers: [{ name: 'c', image: 'x', securityContext: { runAsNonRoot: true } }] }),
    level: 'restricted',
    expect: { 'v1.24': ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted'], 'v1.25': ['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted'], latest: [] },
  },
  { name: 'user namespace relaxation only at latest', resource: withSc({ runAsNonRoot: false }, { hostUsers: false }), level: 'restricted', expect: { 'v1.34': ['runAsNonRoot'], latest: [] } },
  { name: 'procMount_restricted from 1.35', resource: withSc({ procMount: 'Unmasked' }), level: 'restricted', expect: { 'v1.34': ['procMount'], 'v1.35': ['procMount', 'procMount_restricted'], latest: ['procMount', 'procMount_restricted'] } },
  { name: 'empty version means latest', resource: sysctl('net.ipv4.tcp_rmem'), level: 'baseline', expect: { '': [] } },
  { name: 'versions beyond latest run every implementation', resource: sysctl('net.ipv4.tcp_rmem'), level: 'baseline', expect: { 'v1.99': ['sysctls', 'sysctls', 'sysctls'] } },
];

const cases = rows.flatMap((row) => Object.entries(row.expect).map(([version, ids]) => ({ ...row, version, ids })));

describe('PSS version history', () => {
  it.each(cases)('$name @ "$version"', ({ resource, level, version, ids }) => {
    expect(failedIds(run(resource, level, version))).toEqual(ids);
  });
});

describe('invalid versions', () => {
  it.each(['1.25', 'v2.0', 'v1.025', 'v1.', 'LATEST'])('%s is an error', (version) => {
    const outcome = run(goodPod(), 'restricted', version);
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.message).toContain('must be "latest" or "v1.x"');
  });
});
