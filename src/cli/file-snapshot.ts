/**
 * ClusterSnapshots for the CLI. `createFileSnapshot` answers from objects loaded from files, like a tiny
 * read-only API server. `createValuesSnapshot` follows `kyverno test`: no cluster at all, namespaces come from
 * the values file and every other lookup is `unavailable` (the values file supplies that data instead).
 */
import { splitApiVersion, type KubeObject } from '../api/kube.js';
import type { ClusterSnapshot, Lookup } from '../api/snapshot.js';
import { matchesSelector, parseApiPath } from './api-path.js';
import { kindToResource } from '../api/kube-names.js';

const byNamespaceThenName = (a: KubeObject, b: KubeObject): number => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`;
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The objects of one API resource (`group/resource`), so a GET looks only at the objects of its kind. */
type ResourceIndex = ReadonlyMap<string, readonly KubeObject[]>;

const resourceKey = (group: string, resource: string): string => `${group}/${resource}`;

function indexByResource(objects: readonly KubeObject[]): ResourceIndex {
  const index = new Map<string, KubeObject[]>();
  for (const o of objects) {
    const key = resourceKey(splitApiVersion(o.apiVersion).group, kindToResource(o.kind));
    const list = index.get(key);
    if (list) list.push(o);
    else index.set(key, [o]);
  }
  return index;
}

/** Answers a GET of one object or a list, as the API server would for the objects it holds. */
function answerApiGet(index: ResourceIndex, urlPath: string): Lookup<unknown> {
  const parsed = parseApiPath(urlPath);
  if (!parsed.ok) return { found: false, reason: 'not-found', message: parsed.error };
  const path = parsed.value;
  const ofKind = index.get(resourceKey(path.group, path.resource)) ?? [];
  const served = path.namespace === undefined ? ofKind : ofKind.filter((o) => o.metadata.namespace === path.namespace);
  if (path.name !== undefined) {
    const hit = served.find((o) => o.metadata.name === path.name);
    return hit ? { found: true, value: hit } : { found: false, reason: 'not-found', message: `${path.resource} "${path.name}" not found` };
  }
  const items = served.filter((o) => matchesSelector(o.metadata.labels, path.labelSelector)).sort(byNamespaceThenName);
  const apiVersion = path.group ? `${path.group}/${path.version}` : path.version;
  const kind = items.length > 0 ? `${items[0].kind}List` : 'List';
  return { found: true, value: { apiVersion, kind, metadata: { resourceVersion: '' }, items } };
}

export function createFileSnapshot(objects: readonly KubeObject[]): ClusterSnapshot {
  const namespaces = new Map<string, KubeObject>();
  const configMaps = new Map<string, KubeObject>();
  const answers = new Map<string, Lookup<unknown>>();
  let index: ResourceIndex | undefined;
  for (const o of objects) {
    const { group } = splitApiVersion(o.apiVersion);
    if (group !== '' || !o.metadata.name) continue;
    if (o.kind === 'Namespace') namespaces.set(o.metadata.name, o);
    if (o.kind === 'ConfigMap') configMaps.set(`${o.metadata.namespace ?? 'default'}/${o.metadata.name}`, o);
  }
  return {
    namespace: (name) => {
      const hit = namespaces.get(name);
      return hit ? { found: true, value: hit } : { found: false, reason: 'not-found', message: `namespace "${name}" not found` };
    },
    configMap: (namespace, name) => {
      const hit = configMaps.get(`${namespace}/${name}`);
      return hit ? { found: true, value: hit } : { found: false, reason: 'not-found', message: `configmap "${namespace}/${name}" not found` };
    },
    apiGet: (urlPath) => {
      // The objects never change, so each path is answered once and the same object is returned ever after:
      // identity stays stable like the server's cache, which the engine's projection memo relies on.
      let answer = answers.get(urlPath);
      if (answer === undefined) {
        index ??= indexByResource(objects);
        answer = answerApiGet(index, urlPath);
        answers.set(urlPath, answer);
      }
      return answer;
    },
  };
}

/**
 * The `kyverno test` view: a namespace named in the values file has its labels, any other namespace exists
 * with none (the CLI matches namespaceSelectors against empty labels); ConfigMaps and API calls are unavailable.
 */
export function createValuesSnapshot(namespaces: ReadonlyMap<string, KubeObject>): ClusterSnapshot {
  return {
    namespace: (name) => ({ found: true, value: namespaces.get(name) ?? { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } }),
    configMap: () => ({ found: false, reason: 'unavailable', message: 'no cluster: supply ConfigMap data in the values file' }),
    apiGet: () => ({ found: false, reason: 'unavailable', message: 'no cluster: supply API call results in the values file' }),
  };
}
