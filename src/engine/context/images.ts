/**
 * Kyverno's `images` variable: `images.<list>.<container name>` with registry, path, name, tag, digest,
 * reference, jsonPointer and imagePullSecrets, for Pods, Pod controllers and CronJobs (by kind, as Kyverno does).
 */
import { isRecord } from '../../api/json.js';
import { parseImageReference, type ImageReference } from '../images/index.js';

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

/**
 * Image strings repeat across requests (every replica of a workload) and parsing one runs the
 * distribution-grammar regexes: parses are kept in a bounded cache (a pure function of the string;
 * cleared when full). Cached references are shared, so they are only ever read.
 */
const PARSE_CACHE_LIMIT = 1024;
const parsedImages = new Map<string, ImageReference | null>();

function parseImage(image: string): ImageReference | undefined {
  let ref = parsedImages.get(image);
  if (ref === undefined) {
    ref = parseImageReference(image) ?? null;
    if (parsedImages.size >= PARSE_CACHE_LIMIT) parsedImages.clear();
    parsedImages.set(image, ref);
  }
  return ref ?? undefined;
}

export type ImageInfoVariable = Record<string, unknown>;
export type ImagesVariable = Record<string, Record<string, ImageInfoVariable>>;

export function imagesOf(resource: unknown): ImagesVariable | undefined {
  if (!isRecord(resource) || typeof resource.kind !== 'string') return undefined;
  const path = POD_SPEC_PATH[resource.kind];
  if (!path) return undefined;
  let node: unknown = resource;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  if (!isRecord(node)) return undefined;
  const pullSecrets: string[] = [];
  if (Array.isArray(node.imagePullSecrets)) {
    for (const s of node.imagePullSecrets) if (isRecord(s) && typeof s.name === 'string') pullSecrets.push(s.name);
  }
  const out: ImagesVariable = {};
  for (const list of CONTAINER_LISTS) {
    const containers = node[list];
    if (!Array.isArray(containers)) continue;
    const byName: Record<string, ImageInfoVariable> = {};
    containers.forEach((c, i) => {
      if (!isRecord(c) || typeof c.name !== 'string' || typeof c.image !== 'string' || c.image.trim() === '') return;
      const ref = parseImage(c.image);
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
