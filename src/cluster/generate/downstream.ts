/** Finding generated objects by their ownership labels, across every kind generate writes. */
import type { KubeObject } from '../../api/kube.js';
import type { LoadedPolicy } from '../../api/policy.js';
import type { ResolvedKind } from './discovery.js';
import { downstreamKindsOf, generateRules, type KindName } from './kinds.js';
import { isGenerated, type Labels } from './ownership.js';
import { type Runtime, kindKey } from './runtime.js';

export interface Downstream {
  kind: ResolvedKind;
  object: KubeObject;
}

export async function resolveKinds(rt: Runtime, names: readonly KindName[]): Promise<ResolvedKind[]> {
  const out = new Map<string, ResolvedKind>();
  for (const n of names) {
    const kind = await rt.kinds.resolve(n.apiVersion, n.kind);
    out.set(kindKey(kind), kind);
  }
  return [...out.values()];
}

/** The generated kinds of the given policies (all current ones by default) and every generated kind seen before. */
export async function downstreamKinds(rt: Runtime, policies: readonly LoadedPolicy[] = rt.policies()): Promise<ResolvedKind[]> {
  const names = policies.flatMap((lp) => generateRules(lp).flatMap(downstreamKindsOf));
  for (const kind of await resolveKinds(rt, names)) rt.knownDownstreamKinds.set(kindKey(kind), kind);
  return [...rt.knownDownstreamKinds.values()];
}

export async function findDownstream(rt: Runtime, selector: Labels, kinds?: readonly ResolvedKind[]): Promise<Downstream[]> {
  const out: Downstream[] = [];
  for (const kind of kinds ?? (await downstreamKinds(rt))) {
    for (const object of await rt.read.all(kind, selector)) if (isGenerated(object)) out.push({ kind, object });
  }
  return out;
}

/** Deletes one generated object (only the very object seen: uid precondition); true when it was deleted. */
export async function deleteDownstream(rt: Runtime, d: Downstream): Promise<boolean> {
  return rt.api.remove(d.kind, d.object.metadata.namespace, d.object.metadata.name ?? '', d.object.metadata.uid);
}
