/** A fixed set of policies (CLI runs, tests, policies given inline); replaceable with `set`. */
import type { LoadedPolicy } from '../../api/policy.js';
import type { PolicyLoadError } from '../types.js';
import { Listeners } from './listeners.js';
import type { PolicySource } from './types.js';

export interface StaticSource extends PolicySource {
  set(policies: readonly LoadedPolicy[], errors?: readonly PolicyLoadError[]): void;
}

export function staticSource(name: string, policies: readonly LoadedPolicy[] = [], errors: readonly PolicyLoadError[] = []): StaticSource {
  const listeners = new Listeners();
  let current = { policies, errors };
  return {
    name,
    start: () => Promise.resolve(),
    current: () => current,
    onChange: (l) => listeners.add(l),
    ready: () => true,
    close: () => Promise.resolve(),
    set(p, e = []) {
      current = { policies: p, errors: e };
      listeners.emit();
    },
  };
}
