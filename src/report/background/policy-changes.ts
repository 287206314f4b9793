/**
 * Which background policies a policy-set swap added or changed, and which disappeared. A swap hands over a new
 * set even when most policies did not change, so policies are compared by content, not by object.
 */
import type { LoadedPolicy } from '../../api/policy.js';
import type { KindRef } from '../../cluster/cache/index.js';
import { backgroundPolicies } from './background-rules.js';
import { scanKinds } from './scan-kinds.js';

interface Known {
  fingerprint: string;
  kinds: readonly KindRef[];
}

export interface PolicyChanges {
  /** Added or changed background policies (their keys). */
  changed: Set<string>;
  /** Kinds the changed policies cover now or covered before. */
  kinds: KindRef[];
  /** Policies gone from the set altogether (not merely turned `background: false`). */
  deleted: string[];
}

const fingerprints = new WeakMap<LoadedPolicy, string>();

// Everything that changes a background result or its report entry: the rules kept, the failure action,
// the annotations (category, severity, scored).
function fingerprintOf(lp: LoadedPolicy): string {
  let fp = fingerprints.get(lp);
  if (fp === undefined) {
    const { rules: _rules, ...spec } = lp.policy.spec;
    fp = JSON.stringify([lp.rules, spec, lp.policy.metadata.annotations ?? null]);
    fingerprints.set(lp, fp);
  }
  return fp;
}

export class PolicyTracker {
  private known = new Map<string, Known>();

  /** Takes the new set as the known one and reports how it differs from the previous. */
  update(all: readonly LoadedPolicy[]): PolicyChanges {
    const present = new Set(all.map((lp) => lp.key));
    const next = new Map<string, Known>();
    const changed = new Set<string>();
    const kinds: KindRef[] = [];
    for (const lp of backgroundPolicies(all).policies) {
      const fingerprint = fingerprintOf(lp);
      const before = this.known.get(lp.key);
      const known = before?.fingerprint === fingerprint ? before : { fingerprint, kinds: scanKinds([lp]) };
      next.set(lp.key, known);
      if (known === before) continue;
      changed.add(lp.key);
      kinds.push(...known.kinds, ...(before?.kinds ?? []));
    }
    const deleted = [...this.known.keys()].filter((key) => !present.has(key));
    this.known = next;
    return { changed, kinds, deleted };
  }
}
