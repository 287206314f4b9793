/**
 * Which kinds the cluster cache must replicate for a set of policies: the resources that `apiCall.urlPath`
 * entries read (variables in the path stand for any namespace or name, never for the group, version or
 * resource), ConfigMaps when a `configMap` entry exists, and the sources of generate `clone` / `cloneList`.
 * Namespaces are always cached by the cache itself. Paths whose resource part is itself a variable cannot be
 * known in advance; they are listed as `unresolved` (answered by the API server fallback).
 */
import type { ContextEntry, ForEachMutation, ForEachValidation, LoadedPolicy, Rule } from '../api/policy.js';
import { servedKind } from '../api/kube-names.js';
import { splitApiVersion } from '../api/kube.js';

export interface CacheKind {
  group: string;
  version: string;
  resource: string;
}

export interface CacheKinds {
  kinds: CacheKind[];
  /** urlPaths whose resource could not be determined without evaluating variables. */
  unresolved: string[];
}

const CONFIGMAPS: CacheKind = { group: '', version: 'v1', resource: 'configmaps' };
const VARIABLE = /\{\{.*?\}\}/g;

/** The group/version/resource an API path reads, or undefined when a variable stands where they are. */
export function kindOfUrlPath(urlPath: string): CacheKind | undefined {
  // Variables become a placeholder segment: they may name a namespace or an object, never the resource.
  const path = urlPath.split('?')[0].replace(VARIABLE, '\u0000');
  const parts = path.split('/').filter((p) => p !== '');
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) [group, version, rest] = ['', parts[1], parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 4) [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  else if (rest[0] === 'namespaces' && rest.length <= 2) return noVariable({ group, version, resource: 'namespaces' });
  return rest.length >= 1 ? noVariable({ group, version, resource: rest[0] }) : undefined;
}

function noVariable(kind: CacheKind): CacheKind | undefined {
  return [kind.group, kind.version, kind.resource].some((s) => s.includes('\u0000')) ? undefined : kind;
}

function kindOfGvk(apiVersion: string | undefined, kind: string | undefined): CacheKind | undefined {
  if (!kind || kind.includes('{{')) return undefined;
  const served = servedKind(kind);
  if (!apiVersion || apiVersion.includes('{{')) return served;
  const { group, version } = splitApiVersion(apiVersion);
  return { group, version, resource: served?.resource ?? `${kind.toLowerCase()}s` };
}

function entriesOf(rule: Rule): ContextEntry[] {
  const out: ContextEntry[] = [...(rule.context ?? [])];
  const visitValidate = (list: readonly ForEachValidation[] | undefined): void => {
    for (const f of list ?? []) {
      out.push(...(f.context ?? []));
      visitValidate(f.foreach);
    }
  };
  const visitMutate = (list: readonly ForEachMutation[] | undefined): void => {
    for (const f of list ?? []) {
      out.push(...(f.context ?? []));
      visitMutate(f.foreach);
    }
  };
  visitValidate(rule.validate?.foreach);
  visitMutate(rule.mutate?.foreach);
  return out;
}

export function cacheKindsFor(policies: readonly LoadedPolicy[], extra: readonly CacheKind[] = []): CacheKinds {
  const kinds = new Map<string, CacheKind>();
  const unresolved: string[] = [];
  const add = (k: CacheKind | undefined): void => {
    if (k && k.resource !== 'namespaces') kinds.set(`${k.group}/${k.version}/${k.resource}`, k);
  };
  for (const k of extra) add(k);
  for (const lp of policies) {
    for (const rule of lp.rules) {
      for (const entry of entriesOf(rule)) {
        if (entry.configMap) add(CONFIGMAPS);
        const urlPath = entry.apiCall?.urlPath;
        if (urlPath && !entry.apiCall?.service) {
          const k = kindOfUrlPath(urlPath);
          if (k) add(k);
          else unresolved.push(urlPath);
        }
      }
      const g = rule.generate;
      if (g?.clone) add(kindOfGvk(g.apiVersion, g.kind));
      for (const kind of g?.cloneList?.kinds ?? []) {
        // cloneList kinds are written `v1/Secret` or `apps/v1/Deployment`.
        const parts = kind.split('/');
        add(kindOfGvk(parts.length > 1 ? parts.slice(0, -1).join('/') : undefined, parts[parts.length - 1]));
      }
    }
  }
  return { kinds: [...kinds.values()].sort((a, b) => `${a.group}/${a.resource}`.localeCompare(`${b.group}/${b.resource}`)), unresolved };
}

/**
 * `--cache-kinds` entries, kubectl's `resource.version.group` form: `configmaps` (core v1),
 * `ingresses.networking.k8s.io` (version v1), `cronjobs.v1.batch`.
 */
export function parseCacheKind(text: string): CacheKind | undefined {
  const [resource, ...rest] = text.trim().split('.');
  if (!resource || !/^[a-z0-9-]+$/.test(resource)) return undefined;
  if (rest.length === 0) return { group: '', version: 'v1', resource };
  const maybeVersion = /^v\d+((alpha|beta)\d+)?$/.test(rest[0]) ? rest[0] : undefined;
  const group = (maybeVersion ? rest.slice(1) : rest).join('.');
  return { group, version: maybeVersion ?? 'v1', resource };
}
