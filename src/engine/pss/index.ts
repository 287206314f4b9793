/**
 * `validate.podSecurity`: the Kubernetes Pod Security Standards (checks of pod-security-admission) at a
 * level and version, with Kyverno's `exclude` waivers. Works on Pods and on pod controllers.
 */
import type { PodSecurity } from '../../api/policy.js';
import { controlOfCheckId } from './controls.js';
import { runChecks } from './evaluate.js';
import { applyExclusions } from './exclusions.js';
import { extractPod, type ExtractResult } from './pod.js';
import type { CheckResult, PodView, PssOutcome, PssViolation } from './types.js';
import { parsePssVersion } from './version.js';

export type { PssViolation, PssOutcome, PssFieldError, BadValue, CheckResult } from './types.js';
export { formatPssChecks, podSecurityFailureMessage } from './format.js';
export { CONTROL_CHECK_IDS } from './controls.js';
export { LATEST_MINOR } from './version.js';

const CONTAINER_FIELD = /^spec\.(containers|initContainers|ephemeralContainers)\[(\d+)\]/;

function imagesOf(result: CheckResult, pod: PodView): string[] {
  const images: string[] = [];
  for (const e of result.errors) {
    const m = CONTAINER_FIELD.exec(e.field);
    if (!m) continue;
    const list = m[1] === 'containers' ? pod.containers : m[1] === 'initContainers' ? pod.initContainers : pod.ephemeralContainers;
    const image = list[Number(m[2])]?.image;
    if (image !== undefined && !images.includes(image)) images.push(image);
  }
  return images;
}

function toViolation(result: CheckResult, pod: PodView, prefix: string): PssViolation {
  const errors = result.errors.map((e) => ({ ...e, field: prefix + e.field }));
  return {
    control: controlOfCheckId(result.id),
    message: `${result.reason} (${result.detail})`,
    fields: errors.map((e) => e.field),
    images: imagesOf(result, pod),
    checkId: result.id,
    reason: result.reason,
    detail: result.detail,
    errors,
  };
}

/**
 * What several podSecurity rules on one resource share: the parsed pod, and the check results by level and
 * version (before exclusions, which differ per rule). A caller may pass the same cache to each rule; it must
 * not outlive that object.
 */
export interface PssCheckCache {
  extracted?: ExtractResult;
  checks: Map<string, readonly CheckResult[]>;
}

/**
 * `privileged` allows everything, as the standard defines it. (Kyverno's evaluator only filters checks
 * for `baseline`, so there a `privileged` level would run every check; we follow the standard instead.)
 */
export function evaluatePodSecurity(resource: unknown, spec: PodSecurity, cache?: PssCheckCache): PssOutcome {
  const level: string = spec.level;
  if (level === 'privileged') return { kind: 'pass' };
  if (level !== 'baseline' && level !== 'restricted') {
    return { kind: 'error', message: `invalid pod security level ${JSON.stringify(level)}: must be baseline, restricted or privileged` };
  }
  const version = parsePssVersion(spec.version);
  if (!version.ok) return { kind: 'error', message: version.message };
  const extracted = cache ? (cache.extracted ??= extractPod(resource)) : extractPod(resource);
  if (!extracted.ok) return { kind: 'error', message: `error while getting new resource: ${extracted.message}` };
  const { pod, fieldPrefix } = extracted.value;
  const key = `${level}/${version.version.latest ? 'latest' : version.version.minor}`;
  let results = cache?.checks.get(key);
  if (results === undefined) {
    results = runChecks(level, version.version, pod);
    cache?.checks.set(key, results);
  }
  if (results.length > 0 && spec.exclude && spec.exclude.length > 0) {
    results = applyExclusions(level, version.version, spec.exclude, results, pod);
  }
  if (results.length === 0) return { kind: 'pass' };
  return { kind: 'fail', violations: results.map((r) => toViolation(r, pod, fieldPrefix)) };
}
