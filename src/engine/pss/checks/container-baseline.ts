/** Baseline checks on container fields: privileged, hostPorts, capabilities, procMount, probe/lifecycle hosts. */
import type { Check, CheckFailure, PodView, PssFieldError } from '../types.js';
import { allContainers, containersPhrase, forbidden, inUserNamespace, joinQuote, pluralize, sortedSet } from './helpers.js';

function privileged(pod: PodView): CheckFailure | null {
  const bad = allContainers(pod).filter((c) => c.securityContext?.privileged === true);
  if (bad.length === 0) return null;
  return {
    reason: 'privileged',
    detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
    errors: bad.map((c) => forbidden(`${c.path}.securityContext.privileged`, true)),
  };
}

function hostPorts(pod: PodView): CheckFailure | null {
  const names: string[] = [];
  const ports: string[] = [];
  const errors: PssFieldError[] = [];
  for (const c of allContainers(pod)) {
    const used = c.hostPorts.filter((p) => p.hostPort !== 0);
    if (used.length === 0) continue;
    names.push(c.name);
    for (const p of used) {
      ports.push(String(p.hostPort));
      errors.push(forbidden(`${c.path}.ports[${p.index}].hostPort`, p.hostPort));
    }
  }
  if (names.length === 0) return null;
  const portList = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containersPhrase(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('hostPort', 'hostPorts', portList.length)} ${portList.join(', ')}`,
    errors,
  };
}

const DEFAULT_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

function capabilitiesBaseline(pod: PodView): CheckFailure | null {
  const names: string[] = [];
  const caps: string[] = [];
  const errors: PssFieldError[] = [];
  for (const c of allContainers(pod)) {
    const added = c.securityContext?.capabilities?.add ?? [];
    const bad = added.filter((cap) => !DEFAULT_CAPABILITIES.has(cap));
    if (bad.length === 0) continue;
    names.push(c.name);
    caps.push(...bad);
    errors.push(forbidden(`${c.path}.securityContext.capabilities.add`, bad));
  }
  if (names.length === 0) return null;
  return {
    reason: 'non-default capabilities',
    detail: `${containersPhrase(names)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`,
    errors,
  };
}

/** Any procMount other than Default is forbidden (an explicit empty string too, as in Go). */
export function procMountStrict(pod: PodView): CheckFailure | null {
  const bad = allContainers(pod).filter((c) => c.securityContext?.procMount !== undefined && c.securityContext.procMount !== 'Default');
  if (bad.length === 0) return null;
  return {
    reason: 'procMount',
    detail: `${containersPhrase(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(bad.map((c) => c.securityContext?.procMount ?? '')))}`,
    errors: bad.map((c) => forbidden(`${c.path}.securityContext.procMount`, c.securityContext?.procMount ?? '')),
  };
}

const procMountBaseline = (pod: PodView): CheckFailure | null => (inUserNamespace(pod) ? null : procMountStrict(pod));

function hostProbesAndHostLifecycle(pod: PodView): CheckFailure | null {
  const names: string[] = [];
  const hosts: string[] = [];
  const errors: PssFieldError[] = [];
  for (const c of allContainers(pod)) {
    if (c.handlerHosts.length === 0) continue;
    names.push(c.name);
    for (const h of c.handlerHosts) {
      hosts.push(h.host);
      errors.push(forbidden(`${c.path}.${h.path}`, h.host));
    }
  }
  if (names.length === 0) return null;
  const containerList = sortedSet(names);
  const hostList = sortedSet(hosts);
  return {
    reason: 'probe or lifecycle host',
    detail: `${containersPhrase(containerList)} ${pluralize('uses', 'use', containerList.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', hostList.length)} ${joinQuote(hostList)}`,
    errors,
  };
}

export const containerBaselineChecks: Record<string, Check> = {
  privileged: { id: 'privileged', level: 'baseline', versions: [{ minMinor: 0, run: privileged }] },
  hostPorts: { id: 'hostPorts', level: 'baseline', versions: [{ minMinor: 0, run: hostPorts }] },
  capabilities_baseline: { id: 'capabilities_baseline', level: 'baseline', versions: [{ minMinor: 0, run: capabilitiesBaseline }] },
  procMount: {
    id: 'procMount',
    level: 'baseline',
    versions: [{ minMinor: 0, run: procMountStrict }, { minMinor: 35, run: procMountBaseline }],
  },
  hostProbesAndHostLifecycle: {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    versions: [{ minMinor: 34, run: hostProbesAndHostLifecycle }],
  },
};
