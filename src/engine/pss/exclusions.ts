/**
 * Kyverno's `podSecurity.exclude` waivers (pkg/pss/evaluate.go). Each entry is evaluated on a derived pod:
 * - no images: a copy of the pod whose only container is an empty "fake" one (pod-level exclusion);
 * - images: a pod holding only the containers whose image matches (container-level exclusion).
 * Every field error that derived pod raises for the entry's control (filtered by restrictedField/values)
 * removes one matching field error of the real evaluation; a check with no errors left is waived.
 */
import type { PodSecurityExclude } from '../../api/policy.js';
import { wildcardMatch } from '../values/index.js';
import { checkIdsOfControl } from './controls.js';
import { runChecks } from './evaluate.js';
import { reindex } from './pod.js';
import type { BadValue, CheckResult, ContainerView, PodView, PssFieldError, PssLevel } from './types.js';
import type { PssVersion } from './version.js';

const matchesAny = (patterns: readonly string[], value: string): boolean => patterns.some((p) => wildcardMatch(p, value));

const emptyPod = (base: PodView): PodView => ({
  name: base.name,
  namespace: base.namespace,
  annotations: {},
  hostNetwork: false,
  hostPID: false,
  hostIPC: false,
  osName: '',
  initContainers: [],
  containers: [],
  ephemeralContainers: [],
  volumes: [],
});

const FAKE_CONTAINER: ContainerView = { name: 'fake', image: '', path: 'spec.containers[0]', hostPorts: [], handlerHosts: [] };

function podLevelPod(pod: PodView): PodView {
  return { ...pod, containers: [FAKE_CONTAINER], initContainers: [], ephemeralContainers: [] };
}

function matchingPod(pod: PodView, images: readonly string[]): PodView {
  const keep = (cs: ContainerView[]): ContainerView[] => cs.filter((c) => matchesAny(images, c.image));
  return {
    ...emptyPod(pod),
    initContainers: reindex(keep(pod.initContainers), 'initContainers'),
    containers: reindex(keep(pod.containers), 'containers'),
    ephemeralContainers: reindex(keep(pod.ephemeralContainers), 'ephemeralContainers'),
  };
}

interface ParsedField {
  /** Indexes replaced by `*`: `spec.containers[*].securityContext.privileged`. */
  pattern: string;
  /** The container the field belongs to, when it is under a container list. */
  container?: { list: string; index: number };
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Like Kyverno, takes the second word of the path as the container list and the first number as its index. */
function parseField(field: string, containerLevel: boolean): ParsedField {
  const pattern = field.replace(/\d+/g, '*');
  if (!containerLevel) return { pattern };
  const list = field.match(/[a-zA-Z]+/g)?.[1] ?? '';
  const index = field.match(/\d+/)?.[0];
  if (!CONTAINER_LISTS.has(list) || index === undefined) return { pattern };
  return { pattern, container: { list, index: Number(index) } };
}

function containerName(pod: PodView, at: { list: string; index: number } | undefined): string {
  if (!at) return '';
  const lists: Record<string, ContainerView[]> = {
    containers: pod.containers,
    initContainers: pod.initContainers,
    ephemeralContainers: pod.ephemeralContainers,
  };
  return lists[at.list]?.[at.index]?.name ?? '';
}

/** Bad values as strings; an empty string and absent values (required fields) carry none. */
function badValues(value: BadValue): string[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === '') return [];
  return [String(value)];
}

function valuesAllowed(exclude: PodSecurityExclude, error: PssFieldError): boolean {
  const values = exclude.values ?? [];
  return values.length === 0 || badValues(error.badValue).every((v) => matchesAny(values, v));
}

function exempt(
  results: readonly CheckResult[],
  excluded: CheckResult[],
  exclude: PodSecurityExclude,
  pod: PodView,
  derived: PodView,
  containerLevel: boolean,
): CheckResult[] {
  // Keyed by check ID: with a pinned version a check may have failed more than once; the last one stays.
  const byId = new Map<string, CheckResult>();
  for (const r of results) byId.set(r.id, { ...r, errors: [...r.errors] });
  const ids = checkIdsOfControl(exclude.controlName);
  for (const ex of excluded) {
    if (!ids.includes(ex.id)) continue;
    for (const exError of ex.errors) {
      const exField = parseField(exError.field, containerLevel);
      if (exclude.restrictedField && exField.pattern !== exclude.restrictedField) continue;
      if (!valuesAllowed(exclude, exError)) continue;
      const current = byId.get(ex.id);
      if (!current) continue;
      const exContainer = containerName(derived, exField.container);
      const idx = current.errors.findIndex((e) => {
        const f = parseField(e.field, containerLevel);
        if (f.pattern !== exField.pattern) return false;
        return f.container === undefined || containerName(pod, f.container) === exContainer;
      });
      if (idx >= 0) {
        // Kyverno removes by swapping the last error into the hole.
        current.errors[idx] = current.errors[current.errors.length - 1];
        current.errors.pop();
      }
      if (current.errors.length === 0) byId.delete(ex.id);
    }
  }
  return [...byId.values()];
}

export function applyExclusions(
  level: PssLevel,
  version: PssVersion,
  excludes: readonly PodSecurityExclude[],
  results: readonly CheckResult[],
  pod: PodView,
): readonly CheckResult[] {
  let remaining: readonly CheckResult[] = results;
  for (const exclude of excludes) {
    const images = exclude.images ?? [];
    const containerLevel = images.length > 0;
    const derived = containerLevel ? matchingPod(pod, images) : podLevelPod(pod);
    remaining = exempt(remaining, runChecks(level, version, derived), exclude, pod, derived, containerLevel);
  }
  return remaining;
}
