/** Baseline checks reaching pod-level fields: host namespaces, hostPath, sysctls, hostProcess, SELinux. */
import type { Check, CheckFailure, PodView, PssFieldError, SeLinuxView } from '../types.js';
import { allContainers, forbidden, joinQuote, pluralize, setters } from './helpers.js';

function hostNamespaces(pod: PodView): CheckFailure | null {
  const flags: [string, boolean][] = [['hostNetwork', pod.hostNetwork], ['hostPID', pod.hostPID], ['hostIPC', pod.hostIPC]];
  const set = flags.filter(([, on]) => on).map(([name]) => name);
  if (set.length === 0) return null;
  return {
    reason: 'host namespaces',
    detail: set.map((n) => `${n}=true`).join(', '),
    errors: set.map((n) => forbidden(`spec.${n}`, true)),
  };
}

function hostPathVolumes(pod: PodView): CheckFailure | null {
  const errors: PssFieldError[] = [];
  const names: string[] = [];
  pod.volumes.forEach((v, i) => {
    if (v.hostPath === undefined) return;
    names.push(v.name);
    errors.push(forbidden(`spec.volumes[${i}].hostPath`, v.hostPath));
  });
  if (names.length === 0) return null;
  return { reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)}`, errors };
}

const SYSCTLS_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const SYSCTLS_1_27 = [...SYSCTLS_1_0, 'net.ipv4.ip_local_reserved_ports'];
const SYSCTLS_1_29 = [...SYSCTLS_1_27, 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const SYSCTLS_1_32 = [...SYSCTLS_1_29, 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(allowedList: readonly string[]) {
  const allowed = new Set(allowedList);
  return (pod: PodView): CheckFailure | null => {
    const errors: PssFieldError[] = [];
    const names: string[] = [];
    (pod.securityContext?.sysctls ?? []).forEach((name, i) => {
      if (allowed.has(name)) return;
      names.push(name);
      errors.push(forbidden(`spec.securityContext.sysctls[${i}].name`, name));
    });
    return names.length === 0 ? null : { reason: 'forbidden sysctls', detail: names.join(', '), errors };
  };
}

function windowsHostProcess(pod: PodView): CheckFailure | null {
  const errors: PssFieldError[] = [];
  const podBad = pod.securityContext?.windowsHostProcess === true;
  if (podBad) errors.push(forbidden('spec.securityContext.windowsOptions.hostProcess', true));
  const bad = allContainers(pod).filter((c) => c.securityContext?.windowsHostProcess === true);
  for (const c of bad) errors.push(forbidden(`${c.path}.securityContext.windowsOptions.hostProcess`, true));
  const who = setters(podBad, bad.map((c) => c.name));
  if (who.length === 0) return null;
  return { reason: 'hostProcess', detail: `${who.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, errors };
}

const SELINUX_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_1_31 = [...SELINUX_TYPES_1_0, 'container_engine_t'];

function seLinuxOptions(allowedList: readonly string[]) {
  const allowed = new Set(allowedList);
  return (pod: PodView): CheckFailure | null => {
    const badTypes = new Set<string>();
    let setUser = false;
    let setRole = false;
    const podErrors: PssFieldError[] = [];
    const containerErrors: PssFieldError[] = [];
    // Records the bad parts of one seLinuxOptions under `base`; true when all are allowed.
    const inspect = (opts: SeLinuxView, base: string, into: PssFieldError[]): boolean => {
      let valid = true;
      if (!allowed.has(opts.type)) {
        valid = false;
        badTypes.add(opts.type);
        into.push(forbidden(`${base}.type`, opts.type));
      }
      if (opts.user !== '') {
        valid = false;
        setUser = true;
        into.push(forbidden(`${base}.user`, opts.user));
      }
      if (opts.role !== '') {
        valid = false;
        setRole = true;
        into.push(forbidden(`${base}.role`, opts.role));
      }
      return valid;
    };
    const podOpts = pod.securityContext?.seLinux;
    const podBad = podOpts !== undefined && !inspect(podOpts, 'spec.securityContext.seLinuxOptions', podErrors);
    const badContainers: string[] = [];
    for (const c of allContainers(pod)) {
      const opts = c.securityContext?.seLinux;
      if (opts && !inspect(opts, `${c.path}.securityContext.seLinuxOptions`, containerErrors)) badContainers.push(c.name);
    }
    const who = setters(podBad, badContainers);
    if (who.length === 0) return null;
    const parts: string[] = [];
    if (badTypes.size > 0) parts.push(`${pluralize('type', 'types', badTypes.size)} ${joinQuote([...badTypes].sort())}`);
    if (setUser) parts.push('user may not be set');
    if (setRole) parts.push('role may not be set');
    return {
      reason: 'seLinuxOptions',
      detail: `${who.join(' and ')} set forbidden securityContext.seLinuxOptions: ${parts.join('; ')}`,
      errors: [...podErrors, ...containerErrors],
    };
  };
}

export const podBaselineChecks: Record<string, Check> = {
  hostNamespaces: { id: 'hostNamespaces', level: 'baseline', versions: [{ minMinor: 0, run: hostNamespaces }] },
  hostPathVolumes: { id: 'hostPathVolumes', level: 'baseline', versions: [{ minMinor: 0, run: hostPathVolumes }] },
  sysctls: {
    id: 'sysctls',
    level: 'baseline',
    versions: [
      { minMinor: 0, run: sysctls(SYSCTLS_1_0) },
      { minMinor: 27, run: sysctls(SYSCTLS_1_27) },
      { minMinor: 29, run: sysctls(SYSCTLS_1_29) },
      { minMinor: 32, run: sysctls(SYSCTLS_1_32) },
    ],
  },
  windowsHostProcess: { id: 'windowsHostProcess', level: 'baseline', versions: [{ minMinor: 0, run: windowsHostProcess }] },
  seLinuxOptions: {
    id: 'seLinuxOptions',
    level: 'baseline',
    versions: [{ minMinor: 0, run: seLinuxOptions(SELINUX_TYPES_1_0) }, { minMinor: 31, run: seLinuxOptions(SELINUX_TYPES_1_31) }],
  },
};
