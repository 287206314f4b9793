/**
 * The entries the reports should hold, in memory, grouped as the aggregator groups them (per namespace or the
 * cluster, and per policy) so that a change re-renders only its group. Indexed by resource and by policy so that
 * forgetting either is proportional to what it removes.
 */
import type { ReportEntry, ReportResourceRef } from '../../api/report.js';
import { nameKeyOf, resourceKeyOf } from './resource-key.js';

/** `namespace \0 policy`, namespace empty for cluster-scoped resources (one aggregator group). */
export type GroupKey = string;

/** How long a forgotten resource's tombstone counts, and the map size from which old ones are pruned. */
const GONE_TTL_MS = 15 * 60_000;
const GONE_PRUNE_AT = 4096;

export const timestampMs = (e: ReportEntry): number => e.timestamp.seconds * 1000 + Math.floor(e.timestamp.nanos / 1e6);

export const groupKeyOf = (namespace: string | undefined, policy: string): GroupKey => `${namespace ?? ''}\u0000${policy}`;

interface ResourceIndex {
  /** policy -> the group its entries for this resource are in. */
  policies: Map<string, GroupKey>;
}

export class DesiredState {
  private readonly groups = new Map<GroupKey, Map<string, readonly ReportEntry[]>>();
  private readonly byResource = new Map<string, ResourceIndex>();
  private readonly byPolicy = new Map<string, Set<GroupKey>>();
  private readonly dirty = new Set<GroupKey>();
  private entryCount = 0;
  /** resource key -> when it was forgotten (ms): a late result evaluated before that must not bring it back. */
  private readonly gone = new Map<string, number>();

  /**
   * Whether entries evaluated at `evaluatedMs` are outdated for the pair: a later result is held (under the key
   * or the resource's name key), or the resource was forgotten after that time.
   */
  isOutdated(resourceKey: string, policy: string, ref: ReportResourceRef | undefined, evaluatedMs: number): boolean {
    for (const key of ref?.uid && resourceKey !== nameKeyOf(ref) ? [resourceKey, nameKeyOf(ref)] : [resourceKey]) {
      const goneAt = this.gone.get(key);
      if (goneAt !== undefined && goneAt > evaluatedMs) return true;
      const group = this.byResource.get(key)?.policies.get(policy);
      const held = group === undefined ? undefined : this.groups.get(group)?.get(key);
      if (held !== undefined && held.some((e) => timestampMs(e) > evaluatedMs)) return true;
    }
    return false;
  }

  /**
   * Replaces the (resource, policy) entries. Entries of another policy or namespace than the first entry's are
   * dropped: a pair lives in exactly one group. Recording under a uid key also drops what the policy had under
   * the resource's name key (an admission CREATE recorded before the object had a uid).
   */
  record(resourceKey: string, policy: string, entries: readonly ReportEntry[]): void {
    this.remove(resourceKey, policy);
    if (entries.length === 0) return;
    const ref = entries[0].resource;
    const kept = entries.filter((e) => e.policy === policy && (e.resource.namespace ?? '') === (ref.namespace ?? ''));
    if (kept.length === 0) return;
    if (ref.uid && resourceKey !== nameKeyOf(ref)) this.remove(nameKeyOf(ref), policy);
    const group = groupKeyOf(ref.namespace || undefined, policy);
    let members = this.groups.get(group);
    if (members === undefined) {
      members = new Map();
      this.groups.set(group, members);
    }
    members.set(resourceKey, kept);
    this.entryCount += kept.length;
    let index = this.byResource.get(resourceKey);
    if (index === undefined) {
      index = { policies: new Map() };
      this.byResource.set(resourceKey, index);
    }
    index.policies.set(policy, group);
    let groups = this.byPolicy.get(policy);
    if (groups === undefined) {
      groups = new Set();
      this.byPolicy.set(policy, groups);
    }
    groups.add(group);
    this.dirty.add(group);
  }

  /** `nowMs` starts the key's tombstone (see isOutdated), kept GONE_TTL_MS. */
  forgetResource(resource: string | ReportResourceRef, nowMs?: number): void {
    const keys = typeof resource === 'string' ? [resource] : [...new Set([resourceKeyOf(resource), nameKeyOf(resource)])];
    if (nowMs !== undefined) this.remember(keys, nowMs);
    for (const key of keys) {
      const index = this.byResource.get(key);
      if (index === undefined) continue;
      for (const policy of [...index.policies.keys()]) this.remove(key, policy);
    }
  }

  forgetPolicy(policy: string): void {
    const groups = this.byPolicy.get(policy);
    if (groups === undefined) return;
    for (const group of groups) {
      const members = this.groups.get(group);
      for (const [key, entries] of members ?? []) {
        this.entryCount -= entries.length;
        const index = this.byResource.get(key);
        index?.policies.delete(policy);
        if (index?.policies.size === 0) this.byResource.delete(key);
      }
      this.groups.delete(group);
      this.dirty.add(group);
    }
    this.byPolicy.delete(policy);
  }

  /** Every group renders again at the next takeDirty (after the cluster was listed anew). */
  markAllDirty(): void {
    for (const group of this.groups.keys()) this.dirty.add(group);
  }

  hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  /** The changed groups with their current entries ([] for a group that emptied), and forgets they changed. */
  takeDirty(): Map<GroupKey, ReportEntry[]> {
    const out = new Map<GroupKey, ReportEntry[]>();
    for (const group of this.dirty) out.set(group, [...(this.groups.get(group)?.values() ?? [])].flat());
    this.dirty.clear();
    return out;
  }

  stats(): { groups: number; entries: number } {
    return { groups: this.groups.size, entries: this.entryCount };
  }

  private remember(keys: readonly string[], nowMs: number): void {
    // Pruned by age once the map grows: a hand-off older than the TTL is long overdue anyway.
    if (this.gone.size >= GONE_PRUNE_AT) for (const [k, at] of this.gone) if (nowMs - at > GONE_TTL_MS) this.gone.delete(k);
    for (const k of keys) {
      this.gone.delete(k);
      this.gone.set(k, nowMs);
    }
  }

  private remove(resourceKey: string, policy: string): void {
    const index = this.byResource.get(resourceKey);
    const group = index?.policies.get(policy);
    if (index === undefined || group === undefined) return;
    index.policies.delete(policy);
    if (index.policies.size === 0) this.byResource.delete(resourceKey);
    const members = this.groups.get(group);
    const old = members?.get(resourceKey);
    if (members !== undefined && old !== undefined) {
      this.entryCount -= old.length;
      members.delete(resourceKey);
      if (members.size === 0) {
        this.groups.delete(group);
        const groups = this.byPolicy.get(policy);
        groups?.delete(group);
        if (groups?.size === 0) this.byPolicy.delete(policy);
      }
    }
    this.dirty.add(group);
  }
}
