/** What the generate tasks share: API access, reads, kind resolution, the policies, counters and reporting. */
import type { EngineEnv } from '../../api/env.js';
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ClusterCache } from '../cache/index.js';
import type { GenerateApi } from './api.js';
import type { KindResolver, ResolvedKind } from './discovery.js';
import type { Reader } from './reads.js';
import type { GenerateProblem, ReconcileSummary } from './types.js';

export interface Runtime {
  api: GenerateApi;
  read: Reader;
  kinds: KindResolver;
  cache: ClusterCache;
  env: EngineEnv;
  policies(): readonly LoadedPolicy[];
  policiesReady(): boolean;
  /** When a policy without creationTimestamp (from files) was first seen, in ms. */
  policySince(lp: LoadedPolicy): number | undefined;
  /** Generated kinds seen so far besides those the current policies name (objects of deleted policies). */
  knownDownstreamKinds: Map<string, ResolvedKind>;
  catchUpMs: number;
  report(problem: GenerateProblem): void;
}

export type Counts = Omit<ReconcileSummary, 'leader'>;

export const emptyCounts = (): Counts => ({ triggers: 0, created: 0, updated: 0, deleted: 0, unchanged: 0, errors: 0 });

export function addCounts(into: Counts, more: Counts): void {
  into.triggers += more.triggers;
  into.created += more.created;
  into.updated += more.updated;
  into.deleted += more.deleted;
  into.unchanged += more.unchanged;
  into.errors += more.errors;
}

export function describe(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata.name ?? ''}`;
}

export function kindKey(kind: ResolvedKind): string {
  return `${kind.ref.group}/${kind.ref.version}/${kind.ref.resource}`;
}
