/**
 * Kyverno's `images` variable: `images.containers.<name>.{registry,path,name,tag,digest,reference}`
 * (and initContainers / ephemeralContainers) for Pods and Pod controllers.
 */
import { isRecord } from '../../api/json.js';
import { parseImageReference } from '../images/index.js';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

export type ImagesVariable = Partial<Record<(typeof CONTAINER_LISTS)[number], Record<string, Record<string, string>>>>;

/** The pod spec inside a Pod, a Pod controller or a CronJob. */
export function podSpecOf(resource: unknown): Record<string, unknown> | undefined {
  if (!isRecord(resource) || !isRecord(resource.spec)) return undefined;
  const spec = resource.spec;
  if (resource.kind === 'Pod') return spec;
  if (isRecord(spec.template) && isRecord(spec.template.spec)) return spec.template.spec;
  const job = spec.jobTemplate;
  if (isRecord(job) && isRecord(job.spec) && isRecord(job.spec.template) && isRecord(job.spec.template.spec)) return job.spec.template.spec;
  return undefined;
}

export function imagesOf(resource: unknown): ImagesVariable | undefined {
  const podSpec = podSpecOf(resource);
  if (!podSpec) return undefined;
  const out: ImagesVariable = {};
  for (const list of CONTAINER_LISTS) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    const byName: Record<string, Record<string, string>> = {};
    for (const c of containers) {
      if (!isRecord(c) || typeof c.name !== 'string' || typeof c.image !== 'string') continue;
      const ref = parseImageReference(c.image);
      if (!ref) continue;
      const info: Record<string, string> = { registry: ref.registry, path: ref.path, name: ref.name, reference: ref.reference };
      if (ref.tag !== undefined) info.tag = ref.tag;
      if (ref.digest !== undefined) info.digest = ref.digest;
      byName[c.name] = info;
    }
    if (Object.keys(byName).length > 0) out[list] = byName;
  }
  return out;
}
