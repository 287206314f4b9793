/** AppArmor and seccomp profile checks (baseline and restricted). */
import type { Check, CheckFailure, PodView, PssFieldError } from '../types.js';
import { allContainers, containersPhrase, forbidden, isWindowsPod, joinQuote, pluralize, required, setters, sortedSet } from './helpers.js';

const goQuote = (s: string): string => JSON.stringify(s);
const annotationField = (key: string): string => `metadata.annotations[${key}]`;

const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const validAppArmorType = (t: string): boolean => t === 'RuntimeDefault' || t === 'Localhost';
const validAppArmorAnnotation = (v: string): boolean => v === '' || v === 'runtime/default' || v.startsWith('localhost/');

function appArmorProfile(pod: PodView): CheckFailure | null {
  const errors: PssFieldError[] = [];
  const badValues = new Set<string>();
  const podType = pod.securityContext?.appArmorType;
  const podBad = podType !== undefined && !validAppArmorType(podType);
  if (podBad) {
    errors.push(forbidden('spec.securityContext.appArmorProfile.type', podType));
    badValues.add(podType);
  }
  const badContainers: string[] = [];
  for (const c of allContainers(pod)) {
    const t = c.securityContext?.appArmorType;
    if (t === undefined || validAppArmorType(t)) continue;
    badContainers.push(c.name);
    badValues.add(t);
    errors.push(forbidden(`${c.path}.securityContext.appArmorProfile.type`, t));
  }
  const who = setters(podBad, badContainers);
  const annotations = Object.keys(pod.annotations)
    .sort()
    .filter((k) => k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !validAppArmorAnnotation(pod.annotations[k]));
  const values = [...badValues].sort();
  if (annotations.length > 0) {
    who.push(pluralize('annotation', 'annotations', annotations.length));
    values.push(...annotations.map((k) => `${k}=${goQuote(pod.annotations[k])}`));
    for (const k of annotations) errors.push(forbidden(annotationField(k), pod.annotations[k]));
  }
  if (who.length === 0) return null;
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: `${who.join(' and ')} must not set AppArmor profile type to ${joinQuote(values)}`,
    errors,
  };
}

const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const validSeccompAnnotation = (v: string): boolean => v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
const validSeccompType = (t: string): boolean => t === 'RuntimeDefault' || t === 'Localhost';

/** Before 1.19 seccomp was configured through alpha annotations. */
function seccompBaselineAnnotations(pod: PodView): CheckFailure | null {
  const keys = [SECCOMP_POD_ANNOTATION, ...allContainers(pod).map((c) => SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name)];
  const bad = sortedSet(keys.filter((k) => k in pod.annotations && !validSeccompAnnotation(pod.annotations[k])));
  if (bad.length === 0) return null;
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', bad.length)} ${bad.map((k) => `${k}=${goQuote(pod.annotations[k])}`).join(', ')}`,
    errors: bad.map((k) => forbidden(annotationField(k), pod.annotations[k])),
  };
}

interface SeccompScan {
  podBad: boolean;
  podValid: boolean;
  explicit: string[];
  implicit: string[];
  badValues: string[];
  explicitErrors: PssFieldError[];
  implicitErrors: PssFieldError[];
}

/** Pod-level and per-container seccomp types: explicitly bad, and unset without a valid pod-level default. */
function scanSeccomp(pod: PodView): SeccompScan {
  const podType = pod.securityContext?.seccompType;
  const podBad = podType !== undefined && !validSeccompType(podType);
  const scan: SeccompScan = {
    podBad,
    podValid: podType !== undefined && !podBad,
    explicit: [],
    implicit: [],
    badValues: [],
    explicitErrors: podBad ? [forbidden('spec.securityContext.seccompProfile.type', podType)] : [],
    implicitErrors: [],
  };
  if (podBad) scan.badValues.push(podType);
  for (const c of allContainers(pod)) {
    const t = c.securityContext?.seccompType;
    const field = `${c.path}.securityContext.seccompProfile.type`;
    if (t === undefined) {
      if (!scan.podValid) {
        scan.implicit.push(c.name);
        scan.implicitErrors.push(required(field));
      }
    } else if (!validSeccompType(t)) {
      scan.explicit.push(c.name);
      scan.badValues.push(t);
      scan.explicitErrors.push(forbidden(field, t));
    }
  }
  return scan;
}

function explicitSeccompFailure(scan: SeccompScan): CheckFailure | null {
  const who = setters(scan.podBad, scan.explicit);
  if (who.length === 0) return null;
  return {
    reason: 'seccompProfile',
    detail: `${who.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(scan.badValues))}`,
    errors: scan.explicitErrors,
  };
}

const seccompBaselineFields = (pod: PodView): CheckFailure | null => explicitSeccompFailure(scanSeccomp(pod));

/** Explicitly bad values are reported first; unset ones only when nothing was set badly. */
function seccompRestricted(pod: PodView): CheckFailure | null {
  const scan = scanSeccomp(pod);
  const explicit = explicitSeccompFailure(scan);
  if (explicit) return explicit;
  if (scan.implicit.length === 0) return null;
  return {
    reason: 'seccompProfile',
    detail: `pod or ${containersPhrase(scan.implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    errors: scan.implicitErrors,
  };
}

const seccompRestrictedNonWindows = (pod: PodView): CheckFailure | null => (isWindowsPod(pod) ? null : seccompRestricted(pod));

export const profileChecks: Record<string, Check> = {
  appArmorProfile: { id: 'appArmorProfile', level: 'baseline', versions: [{ minMinor: 0, run: appArmorProfile }] },
  seccompProfile_baseline: {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    versions: [{ minMinor: 0, run: seccompBaselineAnnotations }, { minMinor: 19, run: seccompBaselineFields }],
  },
  seccompProfile_restricted: {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    versions: [{ minMinor: 19, run: seccompRestricted }, { minMinor: 25, run: seccompRestrictedNonWindows }],
  },
};
