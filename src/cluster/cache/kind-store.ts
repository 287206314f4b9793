/**
 * The objects of one kind: by namespace and name, and by label. Each object is stored once; the indexes hold
 * the same reference. Sorted lists (namespace, then name, as the API server returns them) are computed lazily
 * and kept until a change: per namespace, and for the whole kind, so a change in one namespace re-sorts only it.
 * `generation` counts changes; answers memoized against it stay identical between changes.
 */
import type { KubeObject } from '../../api/kube.js';
import { type SelectorRequirement, matchesSelector } from './api-path.js';
import { LabelIndex } from './label-index.js';
import type { KindRef } from './types.js';

interface Bucket {
  readonly objects: Map<string, KubeObject>;
  sorted: readonly KubeObject[] | undefined;
}

const byName = (a: KubeObject, b: KubeObject): number => compare(a.metadata.name ?? '', b.metadata.name ?? '');
const byNamespaceThenName = (a: KubeObject, b: KubeObject): number => compare(a.metadata.namespace ?? '', b.metadata.namespace ?? '') || byName(a, b);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NO_OBJECTS: readonly KubeObject[] = Object.freeze([]);
/** Memoized answers per kind are dropped wholesale past this many distinct questions (variables in paths). */
const MAX_MEMO = 2048;

export class KindStore {
  /** Bumped on every change. */
  generation = 0;
  /** The kind name (`ConfigMap`), learned from lists and events; '' until known. */
  kind = '';
  /** The newest resourceVersion seen (list or event). */
  resourceVersion = '';
  private readonly buckets = new Map<string, Bucket>();
  private readonly labels = new LabelIndex();
  private namespaceOrder: readonly string[] | undefined;
  private all: readonly KubeObject[] | undefined;
  private count = 0;
  private readonly memo = new Map<string, unknown>();

  constructor(readonly ref: KindRef) {}

  get size(): number {
    return this.count;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.buckets.get(namespace ?? '')?.objects.get(name);
  }

  /** Stores `object`, replacing the one of the same namespace/name; returns the replaced one. */
  upsert(object: KubeObject): { previous: KubeObject | undefined } {
    const ns = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    let bucket = this.buckets.get(ns);
    if (bucket === undefined) {
      bucket = { objects: new Map(), sorted: undefined };
      this.buckets.set(ns, bucket);
      this.namespaceOrder = undefined;
    }
    const previous = bucket.objects.get(name);
    if (previous !== undefined) this.labels.remove(previous);
    else this.count++;
    bucket.objects.set(name, object);
    this.labels.add(object);
    this.learn(object);
    this.changed(bucket);
    return { previous };
  }

  /** Removes the object of `object`'s namespace/name; returns the one that was stored. */
  remove(object: KubeObject): KubeObject | undefined {
    const ns = object.metadata.namespace ?? '';
    const bucket = this.buckets.get(ns);
    const name = object.metadata.name ?? '';
    const stored = bucket?.objects.get(name);
    if (bucket === undefined || stored === undefined) return undefined;
    bucket.objects.delete(name);
    this.labels.remove(stored);
    this.count--;
    if (bucket.objects.size === 0) {
      this.buckets.delete(ns);
      this.namespaceOrder = undefined;
    }
    this.changed(bucket);
    return stored;
  }

  /** Sorted by namespace then name; the same array until the next change of that namespace (or kind). */
  list(namespace?: string): readonly KubeObject[] {
    if (namespace !== undefined) {
      const bucket = this.buckets.get(namespace);
      if (bucket === undefined) return NO_OBJECTS;
      bucket.sorted ??= Object.freeze([...bucket.objects.values()].sort(byName));
      return bucket.sorted;
    }
    if (this.all === undefined) {
      this.namespaceOrder ??= [...this.buckets.keys()].sort(compare);
      this.all = Object.freeze(this.namespaceOrder.flatMap((ns) => this.list(ns)));
    }
    return this.all;
  }

  /** Objects matching a label selector, using the label index when an equality or `in` term allows. */
  select(namespace: string | undefined, selector: readonly SelectorRequirement[]): readonly KubeObject[] {
    if (selector.length === 0) return this.list(namespace);
    const indexed = this.labels.candidates(selector);
    const scope = namespace === undefined ? this.count : (this.buckets.get(namespace)?.objects.size ?? 0);
    if (indexed === undefined || scope <= indexed.size) return this.list(namespace).filter((o) => matchesSelector(o.metadata.labels, selector));
    const out: KubeObject[] = [];
    for (const o of indexed.objects) {
      if ((namespace === undefined || (o.metadata.namespace ?? '') === namespace) && matchesSelector(o.metadata.labels, selector)) out.push(o);
    }
    return out.sort(byNamespaceThenName);
  }

  /** A value computed once per generation for `key` (the answer to one API path). */
  memoized<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    const value = compute();
    if (this.memo.size >= MAX_MEMO) this.memo.clear();
    this.memo.set(key, value);
    return value;
  }

  private learn(object: KubeObject): void {
    if (this.kind === '' && typeof object.kind === 'string') this.kind = object.kind;
    const rv = object.metadata.resourceVersion;
    if (typeof rv === 'string' && rv !== '') this.noteResourceVersion(rv);
  }

  /** Keeps the newest (a relist re-adds objects older than the list itself). */
  private noteResourceVersion(rv: string): void {
    const [next, current] = [Number(rv), Number(this.resourceVersion)];
    if (this.resourceVersion === '' || !Number.isSafeInteger(next) || !Number.isSafeInteger(current) || next > current) this.resourceVersion = rv;
  }

  private changed(bucket: Bucket): void {
    this.generation++;
    bucket.sorted = undefined;
    this.all = undefined;
    if (this.memo.size > 0) this.memo.clear();
  }
}
