/** Pod builders for the PSS tests: a container that satisfies restricted, and pods around it. */
import type { PodSecurity } from '../../../src/api/policy.js';
import { evaluatePodSecurity } from '../../../src/engine/pss/index.js';
import type { PssOutcome } from '../../../src/engine/pss/index.js';

export type Obj = Record<string, unknown>;

/** A container passing every restricted control. */
export function goodContainer(name = 'app', image = 'nginx:1.25', securityContext: Obj = {}): Obj {
  return {
    name,
    image,
    securityContext: {
      allowPrivilegeEscalation: false,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'] },
      ...securityContext,
    },
  };
}

export function pod(spec: Obj, metadata: Obj = {}): Obj {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...metadata }, spec };
}

/** A pod whose single container passes restricted, with `spec` merged in. */
export const goodPod = (spec: Obj = {}, metadata: Obj = {}): Obj => pod({ containers: [goodContainer()], ...spec }, metadata);

export function run(resource: unknown, level: PodSecurity['level'], version = 'latest', exclude?: PodSecurity['exclude']): PssOutcome {
  return evaluatePodSecurity(resource, exclude ? { level, version, exclude } : { level, version });
}

/** Sorted check IDs of a failing outcome; [] for pass; ['error'] for an error. */
export function failedIds(outcome: PssOutcome): string[] {
  if (outcome.kind === 'pass') return [];
  if (outcome.kind === 'error') return ['error'];
  return outcome.violations.map((v) => v.checkId).sort();
}
