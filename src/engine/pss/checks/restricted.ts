/** Restricted-level checks: privilege escalation, capabilities, non-root, volume types, strict procMount. */
import type { Check, CheckFailure, PodView, PssFieldError } from '../types.js';
import { procMountStrict } from './container-baseline.js';
import {
  allContainers,
  containersPhrase,
  forbidden,
  inUserNamespace,
  isWindowsPod,
  joinQuote,
  pluralize,
  required,
  setters,
  sortedSet,
} from './helpers.js';

function allowPrivilegeEscalation(pod: PodView): CheckFailure | null {
  const names: string[] = [];
  const errors: PssFieldError[] = [];
  for (const c of allContainers(pod)) {
    const ape = c.securityContext?.allowPrivilegeEscalation;
    if (ape === false) continue;
    names.push(c.name);
    const field = `${c.path}.securityContext.allowPrivilegeEscalation`;
    errors.push(ape === undefined ? required(field) : forbidden(field, true));
  }
  if (names.length === 0) return null;
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containersPhrase(names)} must set securityContext.allowPrivilegeEscalation=false`,
    errors,
  };
}

function capabilitiesRestricted(pod: PodView): CheckFailure | null {
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const caps: string[] = [];
  const errors: PssFieldError[] = [];
  for (const c of allContainers(pod)) {
    const capabilities = c.securityContext?.capabilities;
    if (!capabilities?.drop.includes('ALL')) {
      missingDrop.push(c.name);
      errors.push(required(`${c.path}.securityContext.capabilities.drop`));
    }
    const bad = (capabilities?.add ?? []).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (bad.length > 0) {
      adding.push(c.name);
      caps.push(...bad);
      errors.push(forbidden(`${c.path}.securityContext.capabilities.add`, bad));
    }
  }
  const details: string[] = [];
  if (missingDrop.length > 0) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) {
    details.push(`${containersPhrase(adding)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`);
  }
  return details.length === 0 ? null : { reason: 'unrestricted capabilities', detail: details.join('; '), errors };
}

function runAsNonRoot(pod: PodView): CheckFailure | null {
  const podValue = pod.securityContext?.runAsNonRoot;
  const setterErrors: PssFieldError[] = podValue === false ? [forbidden('spec.securityContext.runAsNonRoot', false)] : [];
  const explicit: string[] = [];
  const implicit: string[] = [];
  const implicitErrors: PssFieldError[] = [];
  for (const c of allContainers(pod)) {
    const v = c.securityContext?.runAsNonRoot;
    const field = `${c.path}.securityContext.runAsNonRoot`;
    if (v === false) {
      explicit.push(c.name);
      setterErrors.push(forbidden(field, false));
    } else if (v === undefined && podValue !== true) {
      implicit.push(c.name);
      implicitErrors.push(required(field));
    }
  }
  const who = setters(podValue === false, explicit);
  const details: string[] = [];
  if (who.length > 0) details.push(`${who.join(' and ')} must not set securityContext.runAsNonRoot=false`);
  if (implicit.length > 0) details.push(`pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`);
  if (details.length === 0) return null;
  return { reason: 'runAsNonRoot != true', detail: details.join('; '), errors: [...setterErrors, ...implicitErrors] };
}

function runAsUser(pod: PodView): CheckFailure | null {
  const podBad = pod.securityContext?.runAsUser === 0;
  const errors: PssFieldError[] = podBad ? [forbidden('spec.securityContext.runAsUser', 0)] : [];
  const bad = allContainers(pod).filter((c) => c.securityContext?.runAsUser === 0);
  for (const c of bad) errors.push(forbidden(`${c.path}.securityContext.runAsUser`, 0));
  const who = setters(podBad, bad.map((c) => c.name));
  if (who.length === 0) return null;
  return { reason: 'runAsUser=0', detail: `${who.join(' and ')} must not set runAsUser=0`, errors };
}

const ALLOWED_VOLUME_SOURCES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);
/** In the order pod-security-admission tests them; anything else is reported as "unknown". */
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
  'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'storageos',
];

function restrictedVolumes(pod: PodView): CheckFailure | null {
  const names: string[] = [];
  const types = new Set<string>();
  const errors: PssFieldError[] = [];
  pod.volumes.forEach((v, i) => {
    if (v.sources.some((s) => ALLOWED_VOLUME_SOURCES.has(s))) return;
    const type = RESTRICTED_VOLUME_SOURCES.find((s) => v.sources.includes(s)) ?? 'unknown';
    names.push(v.name);
    types.add(type);
    errors.push(forbidden(`spec.volumes[${i}].${type}`));
  });
  if (names.length === 0) return null;
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', names.length)} ${joinQuote(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('restricted volume type', 'restricted volume types', types.size)} ${joinQuote([...types].sort())}`,
    errors,
  };
}

/** Windows pods are exempt from the Linux-only restricted controls from 1.25 on. */
const unlessWindows = (check: (pod: PodView) => CheckFailure | null) => (pod: PodView) => (isWindowsPod(pod) ? null : check(pod));
/** Pods in a user namespace are exempt from the non-root controls from 1.35 on. */
const unlessUserNamespace = (check: (pod: PodView) => CheckFailure | null) => (pod: PodView) => (inUserNamespace(pod) ? null : check(pod));

export const restrictedChecks: Record<string, Check> = {
  allowPrivilegeEscalation: {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    versions: [{ minMinor: 8, run: allowPrivilegeEscalation }, { minMinor: 25, run: unlessWindows(allowPrivilegeEscalation) }],
  },
  capabilities_restricted: {
    id: 'capabilities_restricted',
    level: 'restricted',
    versions: [{ minMinor: 22, run: capabilitiesRestricted }, { minMinor: 25, run: unlessWindows(capabilitiesRestricted) }],
  },
  procMount_restricted: { id: 'procMount_restricted', level: 'restricted', versions: [{ minMinor: 35, run: procMountStrict }] },
  restrictedVolumes: { id: 'restrictedVolumes', level: 'restricted', versions: [{ minMinor: 0, run: restrictedVolumes }] },
  runAsNonRoot: {
    id: 'runAsNonRoot',
    level: 'restricted',
    versions: [{ minMinor: 0, run: runAsNonRoot }, { minMinor: 35, run: unlessUserNamespace(runAsNonRoot) }],
  },
  runAsUser: {
    id: 'runAsUser',
    level: 'restricted',
    versions: [{ minMinor: 23, run: runAsUser }, { minMinor: 35, run: unlessUserNamespace(runAsUser) }],
  },
};
