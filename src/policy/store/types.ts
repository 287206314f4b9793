/**
 * The policies the server evaluates: one immutable snapshot (`PolicySet`) at a time, swapped whole when a
 * source changes, so a request always sees a consistent set.
 */
import type { LoadedPolicy } from '../../api/policy.js';
import type { PolicyIndex } from '../index/index.js';
import type { PolicyLoadError } from '../types.js';

export interface PolicySet {
  readonly policies: readonly LoadedPolicy[];
  readonly index: PolicyIndex;
  /** Problems of the last load; policies that failed are absent (or kept from the last good load, per source). */
  readonly errors: readonly PolicyLoadError[];
  /** Increases with every swap; lets caches and metrics notice a change. */
  readonly generation: number;
}

/** Where policies come from (a directory, the cluster); each keeps its last good set. */
export interface PolicySource {
  readonly name: string;
  /** Loads the initial set; resolves when the source has something to serve (possibly empty). */
  start(): Promise<void>;
  current(): { policies: readonly LoadedPolicy[]; errors: readonly PolicyLoadError[] };
  /** Called after every change of `current()`. */
  onChange(listener: () => void): () => void;
  /** True once the initial load succeeded (drives /readyz). */
  ready(): boolean;
  close(): Promise<void>;
}

export interface PolicyStore {
  current(): PolicySet;
  subscribe(listener: (set: PolicySet) => void): () => void;
  ready(): boolean;
  close(): Promise<void>;
}
