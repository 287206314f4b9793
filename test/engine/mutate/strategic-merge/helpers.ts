import { load } from 'js-yaml';
import { strategicMerge, type MergeOutcome } from '../../../../src/engine/mutate/strategic-merge/index.js';

export function yaml(text: string): unknown {
  return load(text);
}

function typeOf(resource: unknown): { apiVersion: string; kind: string } {
  const meta = resource !== null && typeof resource === 'object' ? (resource as Record<string, unknown>) : {};
  return {
    apiVersion: typeof meta.apiVersion === 'string' ? meta.apiVersion : '',
    kind: typeof meta.kind === 'string' ? meta.kind : '',
  };
}

/** Merges YAML texts, typing the patch by the resource's own apiVersion/kind. */
export function mergeYaml(resource: string, patch: string): MergeOutcome {
  const original = yaml(resource);
  return strategicMerge(original, yaml(patch), typeOf(original));
}

/** The merged value, or the failure rendered as a string so a mismatch shows the reason. */
export function mergedOrError(resource: string, patch: string): unknown {
  const outcome = mergeYaml(resource, patch);
  return outcome.ok ? outcome.value : `error at ${outcome.path}: ${outcome.message}`;
}

/** Walks into nested maps and lists; undefined when the path does not exist. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}
