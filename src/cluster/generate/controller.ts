/**
 * The generate controller: admitted requests, cache events and policy changes become per-trigger tasks on a
 * leader-gated work queue; `reconcile` rebuilds everything from the cluster (the labels are the record).
 *
 * A follower's `admitted()` queues the trigger too, but the queue only runs on the leader: if this replica
 * becomes leader the task runs then; otherwise the leader covers it, since it sees the trigger appear in its
 * cache (mode `created`) and a reconcile treats triggers created after their policy as admitted. Only
 * what needs the admission's own user (rules matching on subjects or roles) is left to the replica admitting it.
 */
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy, Rule } from '../../api/policy.js';
import { generate } from '../../engine/index.js';
import type { CacheChange } from '../cache/index.js';
import { generateApi } from './api.js';
import { currentRule, findTrigger, removeTriggerObjects, ruleRemoved, triggerDeleted } from './cleanup.js';
import { kindResolver, type ResolvedKind } from './discovery.js';
import { findDownstream, resolveKinds } from './downstream.js';
import { generateRules, triggerKindsOf } from './kinds.js';
import { isGenerated, ownerOf, ownerTriggerSelector, ruleKey, ruleKeyOf, sourceSelector, triggerKeyOf, type Owner } from './ownership.js';
import { reader } from './reads.js';
import { reconcileAll } from './reconcile.js';
import { restClient } from '../rest.js';
import { ADMISSION_LOOKUPS, ADMISSION_RULE_RETRIES, DEFAULT_TIMING, type PendingTrigger, kindOfChange, kindOfRequest, mergeRuns, permanent, ruleJson } from './controller-parts.js';
import { mayBeNewSource, rolesIndex, type RolesIndex } from './roles.js';
import { type Runtime, describe, emptyCounts, kindKey } from './runtime.js';
import { type TriggerMode, type TriggerRun, syncTrigger } from './trigger-sync.js';
import type { GenerateController, GenerateControllerOptions, GenerateTiming, ReconcileSummary } from './types.js';
import { workQueue } from './work-queue.js';

export function generateController(options: GenerateControllerOptions): GenerateController {
  const timing: GenerateTiming = { ...DEFAULT_TIMING, ...(options.timing ?? {}) };
  const rest = restClient(options.kubeConfig, { timeoutMs: timing.requestTimeoutMs });
  const api = generateApi(rest);
  const firstSeen = new Map<string, number>();
  const report: Runtime['report'] = (problem) => {
    try {
      options.onProblem?.(problem);
    } catch {
      // A failing reporter must not stop the queue.
    }
  };
  const rt: Runtime = {
    api,
    read: reader(options.cache, api),
    kinds: kindResolver(rest, () => options.env.now()),
    cache: options.cache,
    env: options.env,
    policies: options.policies,
    policiesReady: options.policiesReady ?? (() => true),
    policySince: (lp) => firstSeen.get(lp.key),
    knownDownstreamKinds: new Map(),
    catchUpMs: timing.catchUpMs,
    report,
  };
  const queue = workQueue({
    isLeader: options.isLeader,
    debounceMs: timing.debounceMs,
    backoff: { initialMs: timing.retryInitialMs, maxMs: timing.retryMaxMs },
    maxItems: timing.maxQueued,
    onFailure: (key, error, _attempts, gaveUp) => report({ action: gaveUp ? 'dropped' : 'retry', object: key, error }),
  });
  const pending = new Map<string, PendingTrigger>();
  let rules = new Map<string, { lp: LoadedPolicy; rule: Rule; json: string }>();
  let roles: RolesIndex = rolesIndex([]);
  let rolesFor: readonly LoadedPolicy[] | undefined;
  const unsubscribe: (() => void)[] = [];
  let leaderTimer: NodeJS.Timeout | undefined;
  let wasLeader = false;
  let running = false;

  function notePolicies(): readonly LoadedPolicy[] {
    const policies = rt.policies();
    const now = options.env.now();
    for (const lp of policies) if (!firstSeen.has(lp.key)) firstSeen.set(lp.key, now);
    if (rolesFor !== policies) {
      roles = rolesIndex(policies);
      rolesFor = policies;
    }
    return policies;
  }

  /** Runs a task body; permanent API refusals are reported and dropped, everything else is retried. */
  async function guarded(action: string, object: string | undefined, body: () => Promise<unknown>): Promise<void> {
    try {
      await body();
    } catch (error) {
      if (!permanent(error)) throw error;
      report({ action, ...(object ? { object } : {}), error });
    }
  }

  function enqueueTrigger(kind: ResolvedKind, namespace: string | undefined, name: string, run: TriggerRun): void {
    const key = `trigger:${kindKey(kind)}:${namespace ?? ''}/${name}`;
    const previous = pending.get(key);
    pending.set(key, previous ? { ...previous, run: mergeRuns(previous.run, run) } : { kind, namespace, name, run, lookups: 0, ruleRetries: 0 });
    queue.add({ key, run: () => runTrigger(key) });
  }

  async function runTrigger(key: string): Promise<void> {
    const state = pending.get(key);
    if (!state) return;
    pending.delete(key);
    const restore = (): void => {
      const newer = pending.get(key);
      pending.set(key, newer ? { ...state, run: mergeRuns(state.run, newer.run) } : state);
    };
    const admission = state.run.mode === 'admission';
    try {
      // An admitted trigger is read from the API server: the cache may not have it yet.
      const trigger = admission ? await api.get(state.kind, state.namespace, state.name) : await rt.read.one(state.kind, state.namespace, state.name);
      if (!trigger) {
        if (admission && ++state.lookups < ADMISSION_LOOKUPS) {
          restore();
          throw new Error(`${state.kind.kind} ${state.namespace ? `${state.namespace}/` : ''}${state.name} is not stored yet`);
        }
        return;
      }
      if (trigger.metadata.deletionTimestamp) return;
      const out = await syncTrigger(rt, trigger, state.kind, notePolicies(), state.run);
      for (const message of out.ruleErrors) report({ action: 'generate', object: describe(trigger), error: new Error(message) });
      if (admission && out.ruleErrors.length > 0 && ++state.ruleRetries < ADMISSION_RULE_RETRIES) {
        restore();
        throw new Error(`${describe(trigger)}: ${out.ruleErrors.join('; ')}`);
      }
    } catch (error) {
      if (permanent(error)) {
        report({ action: 'apply', object: key, error });
        return;
      }
      if (!pending.has(key)) restore();
      throw error;
    }
  }

  function enqueueGone(trigger: KubeObject, kind: ResolvedKind): void {
    queue.add({ key: `gone:${kindKey(kind)}:${trigger.metadata.namespace ?? ''}/${trigger.metadata.name ?? ''}`, maxAttempts: 20, run: () => guarded('trigger-deleted', describe(trigger), () => triggerDeleted(rt, trigger, kind)) });
  }

  /** A generated object changed or went: its trigger is looked at again (or its objects removed when it is gone). */
  function enqueueOwner(owner: Owner): void {
    queue.add({
      key: `owner:${ruleKeyOf(owner)}:${triggerKeyOf(owner)}`,
      run: () =>
        guarded('synchronize', triggerKeyOf(owner), async () => {
          notePolicies();
          const ref = currentRule(rt, owner);
          if (ref?.rule.generate?.synchronize !== true) return;
          const found = await findTrigger(rt, owner, ref.rule);
          if (found.state === 'found') {
            enqueueTrigger(found.kind, found.object.metadata.namespace, found.object.metadata.name ?? '', { mode: 'background', known: new Set([ruleKeyOf(owner)]) });
          } else if (found.state === 'missing') await removeTriggerObjects(rt, ownerTriggerSelector(owner));
        }),
    });
  }

  /** Every trigger of one rule, looked at again (a policy added or changed, a new clone source). */
  function enqueueRule(lp: LoadedPolicy, rule: Rule, mode: TriggerMode): void {
    const rk = ruleKey(lp, rule.name);
    queue.add({
      key: `rule:${rk}:${mode}`,
      run: () =>
        guarded('policy', lp.key, async () => {
          notePolicies();
          const current = rt.policies().find((p) => p.key === lp.key && generateRules(p).some((r) => r.name === rule.name));
          if (!current) return;
          for (const kind of await resolveKinds(rt, triggerKindsOf(rule))) {
            for (const trigger of await rt.read.all(kind)) enqueueTrigger(kind, trigger.metadata.namespace, trigger.metadata.name ?? '', { mode });
          }
        }),
    });
  }

  function enqueueSourceChange(source: KubeObject, sourceRules: readonly { lp: LoadedPolicy; rule: Rule }[]): void {
    queue.add({
      key: `source:${source.apiVersion}/${source.kind}:${source.metadata.namespace ?? ''}/${source.metadata.name ?? ''}`,
      run: () =>
        guarded('clone-source', describe(source), async () => {
          for (const d of await findDownstream(rt, sourceSelector(source))) {
            const owner = ownerOf(d.object);
            if (owner) enqueueOwner(owner);
          }
          for (const { lp, rule } of sourceRules) if (rule.generate?.synchronize === true && mayBeNewSource(rule, source)) enqueueRule(lp, rule, 'background');
        }),
    });
  }

  function onCacheChange(change: CacheChange): void {
    if (!running || !options.isLeader()) return;
    notePolicies();
    const object = change.object;
    if (isGenerated(object) && change.type !== 'ADDED') {
      const owner = ownerOf(object);
      if (owner) enqueueOwner(owner);
    }
    const role = roles.of(change.ref);
    if (!role) return;
    if (role.triggerOf.length > 0 && !isGenerated(object)) {
      const kind = kindOfChange(change);
      if (change.type === 'DELETED') enqueueGone(object, kind);
      // The first list of a kind also arrives as ADDED: the reconcile on becoming leader covers those.
      else if (change.type === 'ADDED' && options.cache.ready()) enqueueTrigger(kind, object.metadata.namespace, object.metadata.name ?? '', { mode: 'created' });
      else if (change.type === 'MODIFIED') enqueueTrigger(kind, object.metadata.namespace, object.metadata.name ?? '', { mode: 'background' });
    }
    if (role.sourceOf.length > 0 && change.type !== 'DELETED') enqueueSourceChange(object, role.sourceOf);
  }

  /** Diffs the rules against the last seen set: removed rules are cleaned up, added or changed ones re-applied. */
  function onPoliciesChanged(enqueue: boolean): void {
    const next = new Map<string, { lp: LoadedPolicy; rule: Rule; json: string }>();
    for (const lp of notePolicies()) for (const rule of generateRules(lp)) next.set(ruleKey(lp, rule.name), { lp, rule, json: ruleJson(lp, rule) });
    const previous = rules;
    rules = next;
    if (!enqueue || !options.isLeader()) return;
    for (const [rk, old] of previous) {
      if (next.has(rk)) continue;
      queue.add({ key: `removed:${rk}`, run: () => guarded('policy-removed', old.lp.key, () => ruleRemoved(rt, old.lp, old.rule)) });
    }
    for (const [rk, now] of next) {
      if (previous.get(rk)?.json === now.json) continue;
      enqueueRule(now.lp, now.rule, 'policy');
    }
  }

  async function fullReconcile(): Promise<ReconcileSummary> {
    onPoliciesChanged(false);
    notePolicies();
    // A trigger whose write failed is retried on its own, so one failure does not fail (and repeat) the whole reconcile.
    return reconcileAll(rt, (kind, trigger) => enqueueTrigger(kind, trigger.metadata.namespace, trigger.metadata.name ?? '', { mode: 'full' }));
  }

  function checkLeader(): void {
    const leader = options.isLeader();
    if (leader && !wasLeader) queue.add({ key: 'reconcile', run: () => fullReconcile().then(() => undefined) }, 0);
    wasLeader = leader;
    queue.kick();
  }

  return {
    admitted(request) {
      if (request.dryRun === true || request.operation === 'CONNECT' || request.subResource) return;
      const policies = notePolicies();
      if (!policies.some((lp) => generateRules(lp).length > 0)) return;
      const kind = kindOfRequest(request);
      if (request.operation === 'DELETE') {
        const old = request.oldObject;
        const trigger: KubeObject = { apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name: request.name ?? '', ...(request.namespace ? { namespace: request.namespace } : {}) } };
        if (typeof old === 'object' && old !== null && 'metadata' in old) trigger.metadata.uid = (old as KubeObject).metadata.uid;
        enqueueGone(trigger, kind);
        return;
      }
      const object = request.object as KubeObject | undefined;
      const name = request.name || object?.metadata?.name;
      // A generateName trigger has no name before it is stored: the leader sees it appear in its cache.
      if (!name) return;
      // Cheap filter: the engine on the request as admitted; the real run re-reads the stored trigger.
      const preview = generate({ request, policies, snapshot: options.cache.snapshot, env: options.env });
      // An UPDATE that stops matching must still reach the synchronized objects made before.
      const syncTrigger = request.operation === 'UPDATE' && (roles.of(kind.ref)?.triggerOf.some((r) => r.rule.generate?.synchronize === true) ?? false);
      const matters = preview.objects.length > 0 || preview.policies.some((p) => p.rules.length > 0) || syncTrigger;
      if (!matters) return;
      enqueueTrigger(kind, request.namespace || undefined, name, { mode: 'admission', request });
    },
    async reconcile() {
      if (!options.isLeader()) return { leader: false, ...emptyCounts() };
      return queue.exclusive(fullReconcile);
    },
    start() {
      if (running) return;
      running = true;
      onPoliciesChanged(false);
      unsubscribe.push(options.cache.onChange(onCacheChange));
      if (options.subscribePolicies) unsubscribe.push(options.subscribePolicies(() => onPoliciesChanged(true)));
      checkLeader();
      leaderTimer = setInterval(checkLeader, timing.leaderPollMs);
      leaderTimer.unref();
    },
    async stop() {
      running = false;
      if (leaderTimer) clearInterval(leaderTimer);
      leaderTimer = undefined;
      for (const u of unsubscribe.splice(0)) u();
      await queue.stop();
    },
    idle: () => queue.idle(),
  };
}
