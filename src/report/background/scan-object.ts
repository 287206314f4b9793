/**
 * One object through the engine's validate stage against the background policies, and its entries to the sink:
 * one `record` per (object, policy) the object is a candidate of, with [] for a policy that no longer has a
 * result for it, so that a changed object or policy leaves no stale entry behind.
 */
import type { EngineEnv } from '../../api/env.js';
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ReportEntry, ReportResourceRef } from '../../api/report.js';
import type { ClusterSnapshot } from '../../api/snapshot.js';
import type { KindRef } from '../../cluster/cache/index.js';
import { evaluate } from '../../engine/index.js';
import { type PolicyIndex, buildPolicyIndex, candidatePolicies } from '../../policy/index/index.js';
import { entriesFromResult } from '../entries.js';
import { resourceKeyOf } from '../writer/index.js';
import { backgroundRequest } from './background-request.js';
import type { BackgroundSink } from './types.js';

/** What every object of one scan is evaluated with: built once per scan job. */
export interface ScanSet {
  policies: readonly LoadedPolicy[];
  index: PolicyIndex;
  byKey: ReadonlyMap<string, LoadedPolicy>;
}

export function scanSet(policies: readonly LoadedPolicy[]): ScanSet {
  return { policies, index: buildPolicyIndex(policies), byKey: new Map(policies.map((lp) => [lp.key, lp])) };
}

export interface ScanTarget {
  snapshot: ClusterSnapshot;
  env: EngineEnv;
  sink: BackgroundSink;
}

/** The report's reference to an object, as the engine's result would name it. */
export function reportRefOf(object: KubeObject): ReportResourceRef {
  const { name, namespace, uid } = object.metadata;
  return { apiVersion: object.apiVersion, kind: object.kind, ...(namespace ? { namespace } : {}), name: name ?? '', ...(uid ? { uid } : {}) };
}

/**
 * Returns the number of entries recorded. `only` restricts the scan to these policy keys and records (possibly
 * empty) entries for each of them even where the object is no longer a candidate (a policy changed its kinds).
 */
export function scanObject(set: ScanSet, target: ScanTarget, ref: KindRef, object: KubeObject, only?: ReadonlySet<string>): number {
  const namespace = object.metadata.namespace || undefined;
  let candidates = candidatePolicies(set.index, object.kind, 'CREATE', namespace);
  if (only) candidates = candidates.filter((lp) => only.has(lp.key));
  if (candidates.length === 0 && !only) return 0;

  const entries =
    candidates.length === 0
      ? []
      : entriesFromResult(evaluate({ request: backgroundRequest(ref, object), policies: candidates, snapshot: target.snapshot, env: target.env }), set.byKey, 'background scan', target.env.now());
  const byPolicy = new Map<string, ReportEntry[]>();
  for (const e of entries) {
    const list = byPolicy.get(e.policy);
    if (list) list.push(e);
    else byPolicy.set(e.policy, [e]);
  }
  const key = resourceKeyOf(reportRefOf(object));
  for (const lp of candidates) target.sink.record(key, lp.key, byPolicy.get(lp.key) ?? []);
  if (only) for (const policy of only) if (!candidates.some((lp) => lp.key === policy)) target.sink.record(key, policy, []);
  return entries.length;
}
