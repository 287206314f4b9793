/**
 * Combines policy sources into one immutable PolicySet, rebuilt whole on every change of any source.
 *
 * Precedence: sources are ordered, and for a key (`name` of a ClusterPolicy, `namespace/name` of a Policy)
 * defined more than once the first definition wins: an earlier source beats a later one, and within a source
 * the earlier file/object wins. The server passes [directory, cluster], so a policy shipped with the
 * deployment cannot be replaced or weakened by creating a cluster object of the same name. Every shadowed
 * definition is reported as a `duplicate` error.
 */
import type { LoadedPolicy } from '../../api/policy.js';
import { loadError } from '../errors.js';
import type { PolicyLoadError } from '../types.js';
import { Listeners } from './listeners.js';
import { buildPolicySet } from './policy-set.js';
import type { PolicySet, PolicySource, PolicyStore } from './types.js';

export interface ManagedPolicyStore extends PolicyStore {
  /** Starts every source (in parallel); resolves when each has made its first attempt. */
  start(): Promise<void>;
}

export interface PolicyStoreOptions {
  /** A subscriber threw; it never stops the swap or the other subscribers. */
  onListenerError?: (err: unknown) => void;
}

function where(p: LoadedPolicy): string {
  return p.source ? `${p.source.file}#${p.source.document}` : '(unknown source)';
}

/** First definition of each key wins; the others become `duplicate` errors. */
export function combineSources(sources: readonly PolicySource[]): { policies: LoadedPolicy[]; errors: PolicyLoadError[] } {
  const seen = new Map<string, LoadedPolicy>();
  const policies: LoadedPolicy[] = [];
  const errors: PolicyLoadError[] = [];
  for (const source of sources) {
    const current = source.current();
    errors.push(...current.errors);
    for (const p of current.policies) {
      const first = seen.get(p.key);
      if (first === undefined) {
        seen.set(p.key, p);
        policies.push(p);
        continue;
      }
      errors.push(
        loadError({
          kind: 'duplicate',
          file: p.source?.file ?? source.name,
          ...(p.source ? { document: p.source.document } : {}),
          policy: p.key,
          reason: `${p.policy.kind} ${p.key} is already defined by ${where(first)}; this definition is ignored`,
        }),
      );
    }
  }
  return { policies, errors };
}

export function createPolicyStore(sources: readonly PolicySource[], options: PolicyStoreOptions = {}): ManagedPolicyStore {
  const listeners = new Listeners<[PolicySet]>(options.onListenerError);
  let generation = 0;
  const build = (): PolicySet => {
    const { policies, errors } = combineSources(sources);
    return buildPolicySet(Object.freeze(policies), Object.freeze(errors), generation);
  };
  let set = build();
  const unsubscribe = sources.map((s) =>
    s.onChange(() => {
      generation++;
      set = build();
      listeners.emit(set);
    }),
  );
  return {
    async start() {
      await Promise.all(sources.map((s) => s.start()));
    },
    current: () => set,
    subscribe: (listener) => listeners.add(listener),
    ready: () => sources.every((s) => s.ready()),
    async close() {
      unsubscribe.forEach((u) => u());
      await Promise.all(sources.map((s) => s.close()));
    },
  };
}
