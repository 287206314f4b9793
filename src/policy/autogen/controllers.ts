/** Whether a policy gets autogen rules, and for which pod controllers (Kyverno's CanAutoGen and the annotation). */
import type { MatchResources, Policy, ResourceDescription, Rule } from '../../api/policy.js';

export const AUTOGEN_ANNOTATION = 'pod-policies.kyverno.io/autogen-controllers';

/** The default set when the annotation is absent. */
export const POD_CONTROLLERS = ['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob'] as const;

/** What `autogen-<rule>` may target (CronJob gets its own `autogen-cronjob-<rule>`). */
export const TEMPLATE_CONTROLLERS: readonly string[] = ['DaemonSet', 'Deployment', 'Job', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

const POD_AND_CONTROLLERS = new Set<string>(['Pod', ...POD_CONTROLLERS]);

/** Fully qualified kinds written into generated rules. */
const CONTROLLER_GVK: Record<string, string> = {
  DaemonSet: 'apps/v1/DaemonSet',
  Deployment: 'apps/v1/Deployment',
  Job: 'batch/v1/Job',
  StatefulSet: 'apps/v1/StatefulSet',
  ReplicaSet: 'apps/v1/ReplicaSet',
  ReplicationController: 'v1/ReplicationController',
  CronJob: 'batch/v1/CronJob',
  Pod: 'v1/Pod',
};

export function toGvkKinds(kinds: readonly string[]): string[] {
  return kinds.map((k) => CONTROLLER_GVK[k] ?? k);
}

const VERSION = /^(v\d+((alpha|beta)\d+)?|\*)$/;

/** The kind name in a kinds entry, subresource dropped (Kyverno's GetKindFromGVK + SplitSubresource). */
function kindName(entry: string): string {
  const parts = entry.split('/');
  let kind: string;
  switch (parts.length) {
    case 1:
      kind = entry.replace('.', '/');
      break;
    case 2:
      kind = (parts[0] === '*' && parts[1] === '*') || !VERSION.test(parts[0]) ? entry : parts[1].replace('.', '/');
      break;
    case 3:
      kind = VERSION.test(parts[0]) ? `${parts[1]}/${parts[2]}` : parts[2].replace('.', '/');
      break;
    case 4:
      kind = `${parts[2]}/${parts[3]}`;
      break;
    default:
      kind = '';
  }
  const split = kind.split('/');
  return split.length === 2 ? split[0] : kind;
}

export function containsKind(kinds: readonly string[], kind: string): boolean {
  return kinds.some((k) => kindName(k) === kind);
}

/** All kinds a match/exclude block names: legacy, all, any. */
export function blockKinds(block: MatchResources | undefined): string[] {
  if (!block) return [];
  return [
    ...(block.resources?.kinds ?? []),
    ...(block.all ?? []).flatMap((f) => f.resources?.kinds ?? []),
    ...(block.any ?? []).flatMap((f) => f.resources?.kinds ?? []),
  ];
}

/**
 * Names, selectors and annotations may not hold for the pod template, and a kinds list mixing Pod with other
 * kinds cannot be rewritten: either disables autogen for the whole policy.
 */
function supportsAutogen(rd: ResourceDescription | undefined, needed: { value: boolean }): boolean {
  if (!rd) return true;
  const kinds = rd.kinds ?? [];
  if (rd.name || (rd.names?.length ?? 0) > 0 || rd.selector || rd.annotations) return false;
  if (kinds.length > 1 && containsKind(kinds, 'Pod')) return false;
  // Exact strings on purpose: Kyverno only counts plain kind names here.
  if (kinds.some((k) => POD_AND_CONTROLLERS.has(k))) needed.value = true;
  return true;
}

function blockSupportsAutogen(block: MatchResources | undefined, needed: { value: boolean }): boolean {
  if (!block) return true;
  const descriptions = [block.resources, ...(block.any ?? []).map((f) => f.resources), ...(block.all ?? []).map((f) => f.resources)];
  return descriptions.every((rd) => supportsAutogen(rd, needed));
}

/** Generate rules and JSON patches (rule or foreach level) cannot be moved into a template: no autogen at all. */
export function canAutoGen(rules: readonly Rule[]): boolean {
  const needed = { value: false };
  for (const rule of rules) {
    if (rule.generate) return false;
    if (rule.mutate?.patchesJson6902 || (rule.mutate?.foreach ?? []).some((f) => f.patchesJson6902)) return false;
    if (!blockSupportsAutogen(rule.match, needed) || !blockSupportsAutogen(rule.exclude, needed)) return false;
  }
  return needed.value;
}

/**
 * The controllers string that drives generation: the annotation's entries (comma separated, not trimmed,
 * `none` disables) or every pod controller. Undefined when autogen does not apply.
 */
export function requestedControllers(policy: Policy): string | undefined {
  if (!canAutoGen(policy.spec.rules)) return undefined;
  const annotation = policy.metadata.annotations?.[AUTOGEN_ANNOTATION];
  // Kyverno reads the annotation into a set: duplicates collapse.
  const controllers = annotation === undefined ? POD_CONTROLLERS.join(',') : [...new Set(annotation.split(','))].join(',');
  return controllers === 'none' ? undefined : controllers;
}

/** Comma split, sorted (Kyverno's splitKinds). */
export function splitKinds(controllers: string): string[] {
  return controllers.split(',').sort();
}
