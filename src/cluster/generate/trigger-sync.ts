/**
 * Brings the generated objects of one trigger in line with the policies: the engine is run against the stored
 * trigger (so the trigger-uid label is real), then per rule the objects are created, corrected (synchronize) or
 * deleted (synchronize: objects the rule no longer asks for, or all of them when an UPDATE made the trigger stop
 * matching). Whether a missing object may be created depends on why the trigger is looked at (see `mayCreate`).
 */
import type { AdmissionRequest } from '../../api/admission.js';
import type { GeneratedObject } from '../../api/generate.js';
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import { generate, generateExistingOf } from '../../engine/index.js';
import { applyObject } from './apply.js';
import type { ResolvedKind } from './discovery.js';
import { type Downstream, deleteDownstream, findDownstream } from './downstream.js';
import { generateRules } from './kinds.js';
import { ON_POLICY_DELETE_LABEL, ownerOf, ruleKey, ruleKeyOf, triggerSelector } from './ownership.js';
import { type Counts, type Runtime, describe, emptyCounts, kindKey } from './runtime.js';

/**
 * Why a trigger is looked at. `admission`: an allowed request for it (this replica's); `created`: the cache saw it
 * appear; `background`: it, one of its objects or a clone source changed; `policy`: its policy was added or
 * changed; `full`: a full reconcile.
 */
export type TriggerMode = 'admission' | 'created' | 'background' | 'policy' | 'full';

export interface TriggerRun {
  mode: TriggerMode;
  /** The admitted request (mode `admission`): its operation, user and old object are evaluated again. */
  request?: AdmissionRequest;
  /** Rules (ruleKey) whose objects of this trigger existed a moment ago (a deleted object is the record). */
  known?: ReadonlySet<string>;
}

export interface TriggerOutcome extends Counts {
  /** Rule errors (the engine's `error` results): an admission is retried for them. */
  ruleErrors: string[];
}

function timestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** The trigger was created while the policy existed: its admission must have generated (second precision). */
function createdAfterPolicy(rt: Runtime, trigger: KubeObject, lp: LoadedPolicy): boolean {
  const created = timestamp(trigger.metadata.creationTimestamp);
  const since = timestamp(lp.policy.metadata.creationTimestamp) ?? rt.policySince(lp);
  return created !== undefined && since !== undefined && created >= Math.floor(since / 1000) * 1000;
}

function mayCreate(rt: Runtime, run: TriggerRun, trigger: KubeObject, lp: LoadedPolicy, rule: Rule, recorded: boolean): boolean {
  if (run.mode === 'admission' || run.mode === 'created') return true;
  const sync = rule.generate?.synchronize === true;
  if (sync && recorded) return true;
  if (generateExistingOf(lp.policy, rule) && (run.mode === 'policy' || run.mode === 'full')) return true;
  if (!createdAfterPolicy(rt, trigger, lp)) return false;
  if (sync) return true;
  // Without synchronize a missing object may have been deleted on purpose: only recent triggers are caught up.
  const created = timestamp(trigger.metadata.creationTimestamp) ?? 0;
  return run.mode === 'full' && rt.env.now() - created <= rt.catchUpMs;
}

/** The request the engine sees: the admitted one with the stored trigger, or a background CREATE. */
export function requestFor(trigger: KubeObject, kind: ResolvedKind, admitted?: AdmissionRequest): AdmissionRequest {
  if (admitted) return { ...admitted, object: trigger, ...(admitted.name ? {} : { name: trigger.metadata.name }) };
  const request: AdmissionRequest = {
    uid: `tollgate-generate-${trigger.metadata.uid ?? ''}`,
    kind: { group: kind.ref.group, version: kind.ref.version, kind: trigger.kind },
    resource: { ...kind.ref },
    operation: 'CREATE',
    userInfo: {},
    object: trigger,
  };
  if (trigger.metadata.name) request.name = trigger.metadata.name;
  if (trigger.metadata.namespace) request.namespace = trigger.metadata.namespace;
  return request;
}

const identity = (kind: ResolvedKind, o: KubeObject): string => `${kind.ref.group}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name ?? ''}`;

/** The object as written: namespace placed by scope, and the controller's own label. */
function placed(g: GeneratedObject, kind: ResolvedKind): KubeObject {
  const metadata = { ...g.object.metadata, labels: { ...(g.object.metadata.labels ?? {}) } };
  if (!kind.namespaced) delete metadata.namespace;
  else if (!metadata.namespace) metadata.namespace = 'default';
  const deleteWithPolicy = g.synchronize && !g.cloneSource && !g.orphanDownstreamOnPolicyDelete;
  metadata.labels[ON_POLICY_DELETE_LABEL] = deleteWithPolicy ? 'delete' : 'retain';
  return { ...g.object, metadata };
}

export async function syncTrigger(rt: Runtime, trigger: KubeObject, kind: ResolvedKind, policies: readonly LoadedPolicy[], run: TriggerRun): Promise<TriggerOutcome> {
  const out: TriggerOutcome = { ...emptyCounts(), triggers: 1, ruleErrors: [] };
  const withRules = policies.filter((lp) => generateRules(lp).length > 0);
  if (withRules.length === 0) return out;
  const existing = new Map<string, Downstream[]>();
  for (const d of await findDownstream(rt, triggerSelector(trigger))) {
    const owner = ownerOf(d.object);
    if (!owner) continue;
    const list = existing.get(ruleKeyOf(owner)) ?? [];
    list.push(d);
    existing.set(ruleKeyOf(owner), list);
  }
  const request = requestFor(trigger, kind, run.request);
  for (const lp of withRules) {
    const result = generate({ request, policies: [lp], snapshot: rt.cache.snapshot, env: rt.env });
    const ruleResults = result.policies[0]?.rules ?? [];
    for (const rule of generateRules(lp)) {
      const rk = ruleKey(lp, rule.name);
      const have = existing.get(rk) ?? [];
      const sync = rule.generate?.synchronize === true;
      const ruleResult = ruleResults.find((r) => r.rule === rule.name);
      const objects = result.objects.filter((o) => o.rule === rule.name);
      if (!ruleResult || (ruleResult.status === 'skip' && objects.length === 0)) {
        // Only a real UPDATE (with its user) proves the trigger stopped matching: background evaluation has no user.
        if (sync && run.mode === 'admission' && run.request?.operation === 'UPDATE') await removeAll(rt, have, out);
        continue;
      }
      if (ruleResult.status === 'error') {
        out.errors++;
        out.ruleErrors.push(`${lp.key}/${rule.name}: ${ruleResult.message}`);
      }
      const recorded = have.length > 0 || (run.known?.has(rk) ?? false);
      const create = mayCreate(rt, run, trigger, lp, rule, recorded);
      const wanted = new Set<string>();
      for (const g of objects) {
        const target = await rt.kinds.resolve(g.object.apiVersion, g.object.kind);
        rt.knownDownstreamKinds.set(kindKey(target), target);
        const desired = placed(g, target);
        wanted.add(identity(target, desired));
        const cached = rt.read.hint(target, desired.metadata.namespace, desired.metadata.name ?? '');
        try {
          const outcome = await applyObject(rt.api, { kind: target, desired, synchronize: sync, mayCreate: create, ...(cached ? { cached } : {}) });
          if (outcome === 'created') out.created++;
          else if (outcome === 'updated') out.updated++;
          else if (outcome === 'foreign') rt.report({ action: 'apply', object: describe(desired), error: new Error(`${describe(desired)} exists and was not generated by ${lp.key}/${rule.name}: left alone`) });
          else out.unchanged++;
        } catch (error) {
          out.errors++;
          rt.report({ action: 'apply', object: describe(desired), error });
          throw error;
        }
      }
      // Objects the rule no longer asks for (a foreach list shrank, a name changed) go, with synchronize.
      if (sync && ruleResult.status === 'pass') await removeAll(rt, have.filter((d) => !wanted.has(identity(d.kind, d.object))), out);
    }
  }
  return out;
}

async function removeAll(rt: Runtime, list: readonly Downstream[], out: Counts): Promise<void> {
  for (const d of list) {
    if (await deleteDownstream(rt, d)) out.deleted++;
  }
}
