/**
 * The full reconcile: every trigger of every generate rule is synchronized (mode `full`), then the objects whose
 * policy, rule or trigger is gone are cleaned up. Everything is read from the cluster: the labels are the record.
 */
import type { KubeObject } from '../../api/kube.js';
import { orphans } from './cleanup.js';
import { permanent } from './controller-parts.js';
import type { ResolvedKind } from './discovery.js';
import { resolveKinds } from './downstream.js';
import { generateRules, triggerKindsOf } from './kinds.js';
import { type Counts, type Runtime, addCounts, describe, emptyCounts } from './runtime.js';
import { syncTrigger } from './trigger-sync.js';
import type { ReconcileSummary } from './types.js';

export async function reconcileAll(rt: Runtime, retryLater: (kind: ResolvedKind, trigger: KubeObject) => void): Promise<ReconcileSummary> {
  const total: Counts = emptyCounts();
  for (const lp of rt.policies()) {
    for (const kind of await resolveKinds(rt, generateRules(lp).flatMap(triggerKindsOf))) {
      for (const trigger of await rt.read.all(kind)) {
        if (trigger.metadata.deletionTimestamp) continue;
        try {
          const out = await syncTrigger(rt, trigger, kind, [lp], { mode: 'full' });
          addCounts(total, out);
          for (const message of out.ruleErrors) rt.report({ action: 'reconcile', object: describe(trigger), error: new Error(message) });
        } catch (error) {
          total.errors++;
          total.triggers++;
          rt.report({ action: 'reconcile', object: describe(trigger), error });
          if (!permanent(error)) retryLater(kind, trigger);
        }
      }
    }
  }
  try {
    addCounts(total, await orphans(rt));
  } catch (error) {
    // Orphans are found again by the next reconcile and, meanwhile, by the events of their triggers.
    total.errors++;
    rt.report({ action: 'reconcile', error });
  }
  return { leader: true, ...total };
}
