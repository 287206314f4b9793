/** All pod-security-admission checks, in the order the Kyverno build registers them (by source file name). */
import type { Check } from '../types.js';
import { containerBaselineChecks as cb } from './container-baseline.js';
import { podBaselineChecks as pb } from './pod-baseline.js';
import { profileChecks as pf } from './profiles.js';
import { restrictedChecks as r } from './restricted.js';

export const DEFAULT_CHECKS: readonly Check[] = [
  r.allowPrivilegeEscalation,
  pf.appArmorProfile,
  cb.capabilities_baseline,
  r.capabilities_restricted,
  pb.hostNamespaces,
  pb.hostPathVolumes,
  cb.hostPorts,
  cb.hostProbesAndHostLifecycle,
  cb.privileged,
  cb.procMount,
  r.procMount_restricted,
  r.restrictedVolumes,
  r.runAsNonRoot,
  r.runAsUser,
  pb.seLinuxOptions,
  pf.seccompProfile_baseline,
  pf.seccompProfile_restricted,
  pb.sysctls,
  pb.windowsHostProcess,
];
