/**
 * Kind -> REST resource and scope, from the API server's discovery documents (`/api/v1`, `/apis/G/V`), so
 * custom kinds with irregular plurals or cluster scope are written to the right place. Documents are cached per
 * group/version and fetched again at most once per `refreshMs` when a kind is missing; without an answer the
 * offline tables of src/api/kube-names.ts stand in.
 */
import { isRecord } from '../../api/json.js';
import { isClusterScoped, kindToResource, servedKind } from '../../api/kube-names.js';
import { splitApiVersion } from '../../api/kube.js';
import type { KindRef } from '../cache/index.js';
import type { RestClient } from '../rest.js';

export interface ResolvedKind {
  ref: KindRef;
  apiVersion: string;
  kind: string;
  namespaced: boolean;
}

export interface KindResolver {
  resolve(apiVersion: string, kind: string): Promise<ResolvedKind>;
}

interface GroupVersionDoc {
  fetchedAt: number;
  kinds: Map<string, { resource: string; namespaced: boolean }>;
}

export function offlineKind(apiVersion: string, kind: string): ResolvedKind {
  const { group, version } = splitApiVersion(apiVersion);
  const served = servedKind(kind);
  const resource = served && served.group === group ? served.resource : kindToResource(kind);
  return { ref: { group, version, resource }, apiVersion, kind, namespaced: !isClusterScoped(apiVersion, kind) };
}

function parseDoc(value: unknown, now: number): GroupVersionDoc {
  const kinds = new Map<string, { resource: string; namespaced: boolean }>();
  const resources = isRecord(value) && Array.isArray(value.resources) ? value.resources : [];
  for (const r of resources) {
    if (!isRecord(r) || typeof r.name !== 'string' || r.name.includes('/') || typeof r.kind !== 'string') continue;
    kinds.set(r.kind, { resource: r.name, namespaced: r.namespaced === true });
  }
  return { fetchedAt: now, kinds };
}

export function kindResolver(rest: RestClient, now: () => number, refreshMs = 30_000): KindResolver {
  const docs = new Map<string, GroupVersionDoc>();
  async function fetchDoc(apiVersion: string): Promise<GroupVersionDoc | undefined> {
    const { group, version } = splitApiVersion(apiVersion);
    const res = await rest.request('GET', group ? `/apis/${group}/${version}` : `/api/${version}`);
    if (!res.ok || res.status !== 200) return undefined;
    const doc = parseDoc(res.value, now());
    docs.set(apiVersion, doc);
    return doc;
  }
  return {
    async resolve(apiVersion, kind) {
      let doc = docs.get(apiVersion);
      if (!doc?.kinds.has(kind) && (!doc || now() - doc.fetchedAt >= refreshMs)) doc = (await fetchDoc(apiVersion)) ?? doc;
      const found = doc?.kinds.get(kind);
      if (!found) return offlineKind(apiVersion, kind);
      const { group, version } = splitApiVersion(apiVersion);
      return { ref: { group, version, resource: found.resource }, apiVersion, kind, namespaced: found.namespaced };
    },
  };
}
