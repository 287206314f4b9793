/** Turning parsed YAML documents into the Kubernetes objects the CLI evaluates. */
import { isRecord } from '../api/json.js';
import type { KubeObject } from '../api/kube.js';
import { isClusterScoped } from '../api/kube-names.js';
import type { YamlDocument } from './yaml-files.js';

export interface LoadedResource {
  object: KubeObject;
  file: string;
  /** 1-based document index in the file. */
  document: number;
}

export interface ResourceLoad {
  resources: LoadedResource[];
  errors: string[];
}

export function isKubeObject(value: unknown): value is KubeObject {
  return isRecord(value) && typeof value.apiVersion === 'string' && typeof value.kind === 'string' && isRecord(value.metadata);
}

/** Namespaced objects without a namespace go to `default`, as `kubectl apply` and `kyverno test` do. */
export function withDefaultNamespace(object: KubeObject): KubeObject {
  if (object.metadata.namespace || isClusterScoped(object.apiVersion, object.kind)) return object;
  return { ...object, metadata: { ...object.metadata, namespace: 'default' } };
}

/** Objects of the documents; `kind: List` (and `*List`) documents are expanded into their items. */
export function documentsToResources(documents: readonly YamlDocument[]): ResourceLoad {
  const resources: LoadedResource[] = [];
  const errors: string[] = [];
  for (const doc of documents) {
    const where = `${doc.file}#${doc.index}`;
    const value = doc.value;
    if (isRecord(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isKubeObject(item)) resources.push({ object: withDefaultNamespace(item), file: doc.file, document: doc.index });
        else errors.push(`${where} items[${i}]: not a Kubernetes object (needs apiVersion, kind and metadata)`);
      });
      continue;
    }
    if (isKubeObject(value)) resources.push({ object: withDefaultNamespace(value), file: doc.file, document: doc.index });
    else errors.push(`${where}: not a Kubernetes object (needs apiVersion, kind and metadata)`);
  }
  return { resources, errors };
}

/** `kind ns/name` or `kind name`, for messages. */
export function describeObject(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata.name ?? '<unnamed>'}`;
}
