/**
 * Kyverno's `images` variable: `images.<list>.<container name>` with registry, path, name, tag, digest,
 * reference, jsonPointer and imagePullSecrets, for Pods, Pod controllers and CronJobs (by kind, as Kyverno does).
 */
import { isRecord } from '../../api/json.js';
import { parseImageReference } from '../images/index.js';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

const POD_SPEC_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export type ImageInfoVariable = Record<string, unknown>;
export type ImagesVariable = Record<string, Record<string, ImageInfoVariable>>;

export function imagesOf(resource: unknown): ImagesVariable | undefined {
  if (!isRecord(resource) || typeof resource.kind !== 'string') return undefined;
  const path = POD_SPEC_PATH[resource.kind];
  if (!path) return undefined;
  let node: unknown = resource;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  if (!isRecord(node)) return undefined;
  const pullSecrets = Array.isArray(node.imagePullSecrets)
    ? node.imagePullSecrets.flatMap((s) => (isRecord(s) && typeof s.name === 'string' ? [s.name] : []))
    : [];
  const out: ImagesVariable = {};
  for (const list of CONTAINER_LISTS) {
    const containers = node[list];
    if (!Array.isArray(containers)) continue;
    const byName: Record<string, ImageInfoVariable> = {};
    containers.forEach((c, i) => {
      if (!isRecord(c) || typeof c.name !== 'string' || typeof c.image !== 'string' || c.image.trim() === '') return;
      const ref = parseImageReference(c.image);
      if (!ref) return;
      byName[c.name] = {
        registry: ref.registry,
        path: ref.path,
        name: ref.name,
        tag: ref.tag ?? '',
        digest: ref.digest ?? '',
        reference: ref.reference,
        jsonPointer: `/${[...path, list, String(i)].join('/')}/image`,
        imagePullSecrets: pullSecrets,
      };
    });
    if (Object.keys(byName).length > 0) out[list] = byName;
  }
  return out;
}
