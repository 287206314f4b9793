/** Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/G/V`), enough for client-node's KubernetesObjectApi. */
import type { JsonObject } from '../../../src/api/json.js';
import type { ResourceCatalogue } from './resources.js';

function verbs(): string[] {
  return ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
}

export function rootDocument(catalogue: ResourceCatalogue, core: boolean): JsonObject {
  if (core) return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  const groups = new Map<string, Set<string>>();
  for (const t of catalogue.all()) {
    if (t.group === '') continue;
    const set = groups.get(t.group) ?? new Set<string>();
    set.add(t.version);
    groups.set(t.group, set);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => {
      const list = [...versions].map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
      return { name, versions: list, preferredVersion: list[0] };
    }),
  };
}

export function groupVersionDocument(catalogue: ResourceCatalogue, group: string, version: string): JsonObject | undefined {
  const types = catalogue.ofGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const resources: JsonObject[] = [];
  for (const t of types) {
    resources.push({ name: t.resource, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs: verbs() });
    if (t.statusSubresource) resources.push({ name: `${t.resource}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'patch', 'update'] });
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group === '' ? version : `${group}/${version}`, resources };
}
