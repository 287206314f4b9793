/** Kyverno's PSS control names (used by `exclude.controlName`) and the pod-security-admission checks behind them. */

export const CONTROL_CHECK_IDS: Readonly<Record<string, readonly string[]>> = {
  // Controls with one check per level.
  Capabilities: ['capabilities_baseline', 'capabilities_restricted'],
  Seccomp: ['seccompProfile_baseline', 'seccompProfile_restricted'],
  '/proc Mount Type': ['procMount', 'procMount_restricted'],
  // Baseline.
  'Privileged Containers': ['privileged'],
  'Host Ports': ['hostPorts'],
  'Host Probes / Lifecycle Hooks': ['hostProbesAndHostLifecycle'],
  HostProcess: ['windowsHostProcess'],
  SELinux: ['seLinuxOptions'],
  'Host Namespaces': ['hostNamespaces'],
  'HostPath Volumes': ['hostPathVolumes'],
  Sysctls: ['sysctls'],
  AppArmor: ['appArmorProfile'],
  // Restricted.
  'Privilege Escalation': ['allowPrivilegeEscalation'],
  'Running as Non-root': ['runAsNonRoot'],
  'Running as Non-root user': ['runAsUser'],
  'Volume Types': ['restrictedVolumes'],
};

const CONTROL_BY_CHECK_ID: ReadonlyMap<string, string> = new Map(
  Object.entries(CONTROL_CHECK_IDS).flatMap(([control, ids]) => ids.map((id): [string, string] => [id, control])),
);

export const checkIdsOfControl = (control: string): readonly string[] =>
  Object.prototype.hasOwnProperty.call(CONTROL_CHECK_IDS, control) ? CONTROL_CHECK_IDS[control] : [];

export const controlOfCheckId = (id: string): string => CONTROL_BY_CHECK_ID.get(id) ?? id;
