/**
 * Objects of one kind by label `key=value`. The sets hold the stored objects themselves (no copies); a label
 * selector starts from the smallest set its equality (or `in`) terms name instead of scanning the kind.
 */
import type { KubeObject } from '../../api/kube.js';
import type { SelectorRequirement } from './api-path.js';

const EMPTY: ReadonlySet<KubeObject> = new Set();

function pairKey(key: string, value: string): string {
  // '=' cannot appear in a label key, so the pair is unambiguous.
  return `${key}=${value}`;
}

export class LabelIndex {
  private readonly sets = new Map<string, Set<KubeObject>>();

  add(object: KubeObject): void {
    for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
      const k = pairKey(key, value);
      let set = this.sets.get(k);
      if (set === undefined) {
        set = new Set();
        this.sets.set(k, set);
      }
      set.add(object);
    }
  }

  remove(object: KubeObject): void {
    for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
      const k = pairKey(key, value);
      const set = this.sets.get(k);
      if (set === undefined) continue;
      set.delete(object);
      if (set.size === 0) this.sets.delete(k);
    }
  }

  /** Objects with this label value. */
  with(key: string, value: string): ReadonlySet<KubeObject> {
    return this.sets.get(pairKey(key, value)) ?? EMPTY;
  }

  /**
   * The smallest candidate collection that every object matching `selector` belongs to, with its size;
   * undefined when no term can be answered by the index (`!=`, `notin`, `exists`, `!key`).
   */
  candidates(selector: readonly SelectorRequirement[]): { size: number; objects: Iterable<KubeObject> } | undefined {
    let best: { size: number; objects: Iterable<KubeObject> } | undefined;
    for (const req of selector) {
      let option: { size: number; objects: Iterable<KubeObject> } | undefined;
      if (req.op === 'eq') {
        const set = this.with(req.key, req.value);
        option = { size: set.size, objects: set };
      } else if (req.op === 'in') {
        const sets = [...new Set(req.values)].map((v) => this.with(req.key, v));
        option = { size: sets.reduce((n, s) => n + s.size, 0), objects: (function* () { for (const s of sets) yield* s; })() };
      }
      if (option !== undefined && (best === undefined || option.size < best.size)) best = option;
    }
    return best;
  }
}
