/**
 * Lookups the cluster cache could not answer. The engine is synchronous and reads the cluster only through
 * its snapshot; a lookup of a kind the cache does not replicate is `unavailable` there. The admission route
 * evaluates once with a recording snapshot; when lookups were missed it fetches them from the API server
 * (bounded, in parallel) and evaluates again with the answers laid over the cache. A request whose data is all
 * cached never leaves the synchronous path.
 */
import type { KubeObject } from '../../api/kube.js';
import type { ContextEntry, LoadedPolicy, Rule } from '../../api/policy.js';
import { serviceRequestKey, type ClusterSnapshot, type Lookup, type ServiceRequest } from '../../api/snapshot.js';

export type Answers = ReadonlyMap<string, Lookup<unknown>>;

export interface RecordingSnapshot {
  readonly snapshot: ClusterSnapshot;
  /** API paths and service calls (by `serviceRequestKey`) asked for and not answered, in first-asked order. */
  misses(): string[];
  /** The service requests behind the service keys of `misses()`. */
  serviceRequest(key: string): ServiceRequest | undefined;
}

const namespacePath = (name: string): string => `/api/v1/namespaces/${encodeURIComponent(name)}`;
const configMapPath = (namespace: string, name: string): string => `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(name)}`;

function asObject(lookup: Lookup<unknown>): Lookup<KubeObject> {
  if (!lookup.found) return lookup;
  const v = lookup.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { metadata?: unknown }).metadata === 'object'
    ? { found: true, value: v as KubeObject }
    : { found: false, reason: 'not-found', message: 'the API answered with something that is not an object' };
}

/** Which kinds of miss the server can answer: API paths (with a cluster), service calls. */
export interface Fetchable {
  api: boolean;
  services: boolean;
}

const BOTH: Fetchable = { api: true, services: true };

/**
 * `base` first; what it cannot answer comes from `answers` (fetched earlier) or is recorded as a miss, when
 * the server can fetch that kind of lookup at all (otherwise it stays unavailable, as in the CLI).
 */
export function recordingSnapshot(base: ClusterSnapshot, answers: Answers = new Map(), fetchable: Fetchable = BOTH): RecordingSnapshot {
  const missed = new Set<string>();
  const services = new Map<string, ServiceRequest>();
  const through = (path: string, first: Lookup<unknown>, isService = false): Lookup<unknown> => {
    if (first.found || first.reason !== 'unavailable') return first;
    const known = answers.get(path);
    if (known) return known;
    if (isService ? fetchable.services : fetchable.api) missed.add(path);
    return first;
  };
  return {
    snapshot: {
      namespace: (name) => {
        const first = base.namespace(name);
        return first.found || first.reason !== 'unavailable' ? first : asObject(through(namespacePath(name), first));
      },
      configMap: (namespace, name) => {
        const first = base.configMap(namespace, name);
        return first.found || first.reason !== 'unavailable' ? first : asObject(through(configMapPath(namespace, name), first));
      },
      apiGet: (urlPath) => through(urlPath, base.apiGet(urlPath)),
      service: (request) => {
        const key = serviceRequestKey(request);
        const first = base.service?.(request) ?? { found: false, reason: 'unavailable' };
        if (first.found || first.reason !== 'unavailable') return first;
        services.set(key, request);
        return through(key, first, true);
      },
    },
    misses: () => [...missed],
    serviceRequest: (key) => services.get(key),
  };
}

/** Fetches every missed path (in parallel, each bounded by the fetcher); a failed fetch is an answer too. */
export async function fetchAnswers(paths: readonly string[], fetch: (path: string) => Promise<Lookup<unknown>>): Promise<Answers> {
  const results = await Promise.all(
    paths.map(async (p): Promise<[string, Lookup<unknown>]> => {
      try {
        return [p, await fetch(p)];
      } catch (err) {
        return [p, { found: false, reason: 'not-found', message: `GET ${p}: ${err instanceof Error ? err.message : String(err)}` }];
      }
    }),
  );
  return new Map(results);
}

/**
 * Which lookups a policy set can make at all: `apiCall` / `configMap` context entries (API paths) and
 * `apiCall.service` calls. A set with neither never needs the recording snapshot, so the admission route stays
 * on its allocation-free path. Computed once per policy set.
 */
const usage = new WeakMap<object, Fetchable>();

export function lookupsOf(set: { policies: readonly LoadedPolicy[] }): Fetchable {
  let known = usage.get(set);
  if (known === undefined) {
    const entries = set.policies.flatMap((lp) => lp.rules.flatMap(contextEntriesOf));
    known = { api: entries.some((e) => e.configMap !== undefined || (e.apiCall !== undefined && e.apiCall.service === undefined)), services: entries.some((e) => e.apiCall?.service !== undefined) };
    usage.set(set, known);
  }
  return known;
}

function contextEntriesOf(rule: Rule): ContextEntry[] {
  const out: ContextEntry[] = [...(rule.context ?? [])];
  const visit = (list: readonly { context?: ContextEntry[]; foreach?: unknown }[] | undefined): void => {
    for (const f of list ?? []) {
      out.push(...(f.context ?? []));
      visit(f.foreach as { context?: ContextEntry[] }[] | undefined);
    }
  };
  visit(rule.validate?.foreach);
  visit(rule.mutate?.foreach);
  visit(rule.generate?.foreach as { context?: ContextEntry[] }[] | undefined);
  return out;
}
