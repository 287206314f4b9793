/**
 * Deleting what should no longer exist, Kyverno's way: with synchronize, the objects of a deleted trigger; the
 * objects of a deleted policy or rule when they came from `data` with synchronize (clones are kept, and so is
 * everything with orphanDownstreamOnPolicyDelete or without synchronize). After a restart the labels tell: the
 * `on-policy-delete` label records the decision made when the object was written.
 */
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import type { ResolvedKind } from './discovery.js';
import type { RuleRef } from './roles.js';
import { type Downstream, deleteDownstream, downstreamKinds, findDownstream, resolveKinds } from './downstream.js';
import { generateRules, triggerKindsOf } from './kinds.js';
import { type Labels, MANAGED_SELECTOR, type Owner, apiVersionFromLabel, ownerOf, ruleKey, ruleKeyOf, ruleSelector, triggerKey, triggerKeyOf, triggerSelector } from './ownership.js';
import { type Counts, type Runtime, emptyCounts } from './runtime.js';


/** The current rule an object belongs to, by its labels. */
export function currentRule(rt: Runtime, owner: Owner): RuleRef | undefined {
  const key = ruleKeyOf(owner);
  for (const lp of rt.policies()) {
    for (const rule of generateRules(lp)) if (ruleKey(lp, rule.name) === key) return { lp, rule };
  }
  return undefined;
}

export type FoundTrigger = { state: 'found'; kind: ResolvedKind; object: KubeObject } | { state: 'missing' } | { state: 'unknown' };

/** The trigger an object's labels name: read directly when the labels are the real names, else searched among the rule's trigger kinds. */
export async function findTrigger(rt: Runtime, owner: Owner, rule?: Rule): Promise<FoundTrigger> {
  const key = triggerKeyOf(owner);
  const t = owner.trigger;
  if (!t.kind || !t.apiVersion || !t.name) return { state: 'unknown' };
  const direct = await rt.kinds.resolve(apiVersionFromLabel(t.apiVersion), t.kind);
  const object = await rt.read.one(direct, t.namespace || undefined, t.name);
  if (object && triggerKey(object) === key) return { state: 'found', kind: direct, object };
  for (const kind of rule ? await resolveKinds(rt, triggerKindsOf(rule)) : []) {
    const hit = (await rt.read.all(kind)).find((o) => triggerKey(o) === key);
    if (hit) return { state: 'found', kind, object: hit };
  }
  // The cache may lag behind a creation: only the API server may say "missing".
  if (rt.read.cached(direct.ref)) {
    const confirmed = await rt.api.get(direct, direct.namespaced ? t.namespace || undefined : undefined, t.name);
    if (confirmed && triggerKey(confirmed) === key) return { state: 'found', kind: direct, object: confirmed };
  }
  return { state: 'missing' };
}

function deletesWithPolicy(d: Downstream, rule?: Rule): boolean {
  const owner = ownerOf(d.object);
  if (!owner) return false;
  if (!rule) return owner.onPolicyDelete === 'delete';
  const g = rule.generate;
  return g?.synchronize === true && g.orphanDownstreamOnPolicyDelete !== true && owner.source === undefined;
}

async function removeWhere(rt: Runtime, list: readonly Downstream[], keep: (d: Downstream) => boolean, action: string): Promise<Counts> {
  const out = emptyCounts();
  for (const d of list) {
    if (keep(d)) continue;
    try {
      if (await deleteDownstream(rt, d)) out.deleted++;
    } catch (error) {
      out.errors++;
      rt.report({ action, object: `${d.object.kind} ${d.object.metadata.namespace ?? ''}/${d.object.metadata.name ?? ''}`, error });
      throw error;
    }
  }
  return out;
}

/** A trigger is gone: with synchronize its objects go too. */
export async function triggerDeleted(rt: Runtime, trigger: KubeObject, kind: ResolvedKind): Promise<Counts> {
  const still = await rt.api.get(kind, kind.namespaced ? trigger.metadata.namespace : undefined, trigger.metadata.name ?? '');
  if (still && (!trigger.metadata.uid || still.metadata.uid === trigger.metadata.uid)) {
    // Still there (finalizers, or the DELETE was refused later): try again later.
    throw new Error(`${trigger.kind} ${trigger.metadata.name ?? ''} is not deleted yet`);
  }
  if (still) return emptyCounts(); // Recreated under the same name: its objects are relabelled by its own sync.
  return removeTriggerObjects(rt, triggerSelector(trigger));
}

/** The objects of a trigger known to be gone (selected by its labels): those of synchronized rules are deleted. */
export async function removeTriggerObjects(rt: Runtime, selector: Labels): Promise<Counts> {
  const list = await findDownstream(rt, selector);
  return removeWhere(rt, list, (d) => {
    const owner = ownerOf(d.object);
    if (!owner) return true;
    const ref = currentRule(rt, owner);
    if (ref) return ref.rule.generate?.synchronize !== true;
    return !(rt.policiesReady() && owner.onPolicyDelete === 'delete');
  }, 'trigger-deleted');
}

/** A rule (or its whole policy) was removed. */
export async function ruleRemoved(rt: Runtime, lp: LoadedPolicy, rule: Rule): Promise<Counts> {
  const kinds = await downstreamKinds(rt, [lp]);
  const list = await findDownstream(rt, ruleSelector(lp, rule), kinds);
  // The same rule may be back already (a policy replaced): then its objects stay.
  return removeWhere(rt, list, (d) => {
    const owner = ownerOf(d.object);
    return !owner || currentRule(rt, owner) !== undefined || !deletesWithPolicy(d, rule);
  }, 'policy-removed');
}

/** Part of a full reconcile: objects whose policy, rule or trigger no longer exists. */
export async function orphans(rt: Runtime): Promise<Counts> {
  const out = emptyCounts();
  const list = await findDownstream(rt, { ...MANAGED_SELECTOR });
  const triggerState = new Map<string, Promise<FoundTrigger>>();
  const doomed: Downstream[] = [];
  for (const d of list) {
    const owner = ownerOf(d.object);
    if (!owner) continue;
    const ref = currentRule(rt, owner);
    if (!ref) {
      if (rt.policiesReady() && deletesWithPolicy(d)) doomed.push(d);
      continue;
    }
    if (ref.rule.generate?.synchronize !== true) continue;
    const key = triggerKeyOf(owner);
    let found = triggerState.get(key);
    if (!found) {
      found = findTrigger(rt, owner, ref.rule);
      triggerState.set(key, found);
    }
    if ((await found).state === 'missing') doomed.push(d);
  }
  const removed = await removeWhere(rt, doomed, () => false, 'reconcile');
  out.deleted += removed.deleted;
  return out;
}
